import { expect, login, LOGINS, openCustomerBySearch, TARGET, test, waitUntilSynced } from './fixtures';

test.describe('offline-first: the server goes away and comes back', () => {
  test('with the server stopped an agent adds a note, a reply and a status change; the UI shows 3 waiting; they sync when it is back and the lead sees them', async ({ page, browser, stack }) => {
    test.skip(TARGET !== 'web', 'needs a second browser window on the same web-host (the Electron target has one window per app)');
    test.setTimeout(180_000);
    await login(page, stack, LOGINS.agent);
    await waitUntilSynced(page);
    await openCustomerBySearch(page, 'Margaret Chen');

    const leadContext = await browser.newContext();
    const lead = await leadContext.newPage();
    try {
      await login(lead, stack, LOGINS.lead);
      await waitUntilSynced(lead);
      await openCustomerBySearch(lead, 'Margaret Chen');

      await stack.stopServer('SIGKILL');
      try {
        await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });

        const tag = Date.now();
        const note = `Offline note ${tag}: customer will call back after lunch.`;
        const reply = `Offline reply ${tag}: please restart the receiver and keep it within 5 metres.`;
        await page.getByTestId('note-input').fill(note);
        await page.getByTestId('note-add').click();
        await expect(page.getByTestId('timeline-item').filter({ hasText: note })).toHaveAttribute('data-local-state', 'pending');

        const threadSelect = page.getByTestId('thread-select');
        const emailThread = await threadSelect.locator('option').evaluateAll((opts) =>
          opts.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })).find((o) => /email|邮件/i.test(o.label)),
        );
        expect(emailThread, 'the customer has an email thread to reply on').toBeTruthy();
        await threadSelect.selectOption(emailThread!.value);
        await page.getByTestId('composer-input').fill(reply);
        // a file too: kept in the cache until the server is back, and uploaded before the reply
        await page.getByTestId('composer-attach').setInputFiles({ name: 'receiver-photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('jpeg bytes written offline') });
        await expect(page.getByTestId('composer-files')).toContainText('receiver-photo.jpg');
        await page.getByTestId('composer-send').click();
        const sent = page.getByTestId('timeline-item').filter({ hasText: reply });
        await expect(sent).toHaveAttribute('data-local-state', 'pending');
        await expect(sent.getByTestId('timeline-pending')).toHaveText(/will send when online/i);

        const status = page.getByTestId('case-status');
        const newStatus = (await status.inputValue()) === 'pending' ? 'open' : 'pending';
        await status.selectOption(newStatus);
        await expect(page.getByTestId('sync-pending')).toHaveText('3');
        await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'offline');

        await stack.restartServer();
        await waitUntilSynced(page);
        await expect(sent).toHaveAttribute('data-local-state', 'synced', { timeout: 30_000 });
        await expect(sent.getByTestId('timeline-pending')).toHaveCount(0);
        await expect(sent.getByTestId('timeline-attachments')).toContainText('receiver-photo.jpg');
        await expect(page.getByTestId('sync-rejected')).toHaveCount(0);
        await expect(page.getByTestId('timeline-item').filter({ hasText: note })).toHaveAttribute('data-local-state', 'synced');

        // the lead's browser (another workstation) shows all three
        await expect(lead.getByTestId('timeline-item').filter({ hasText: note })).toHaveCount(1, { timeout: 30_000 });
        await expect(lead.getByTestId('timeline-item').filter({ hasText: reply })).toHaveAttribute('data-local-state', 'synced');
        await expect(lead.getByTestId('timeline-item').filter({ hasText: reply }).getByTestId('timeline-attachments')).toContainText('receiver-photo.jpg');
        await expect(lead.getByTestId('case-status')).toHaveValue(newStatus);
      } finally {
        if (stack.server.child.exitCode !== null || stack.server.child.signalCode !== null) await stack.restartServer();
      }
    } finally {
      await leadContext.close();
    }
  });
});
