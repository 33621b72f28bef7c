import { expect, login, LOGINS, TARGET, test, waitUntilSynced } from './fixtures';

test.describe('SLA clocks on the desktop', () => {
  test('a P1 chat case counts down; waiting on the customer pauses it; the customer answers and it resumes; the lead sees breached cases and is alerted', async ({ page, stack, browser }) => {
    test.skip(TARGET !== 'web', 'the customer widget and the lead run in other browser contexts (web target)');
    test.setTimeout(180_000);
    await login(page, stack, LOGINS.agent);
    await waitUntilSynced(page);

    // a customer starts a chat
    const customer = await browser.newContext();
    const widget = await customer.newPage();
    await widget.goto(`${stack.serverUrl}/chat/widget`);
    const name = `Sam Sla ${Date.now()}`;
    await widget.locator('#name').fill(name);
    await widget.locator('#text').fill('My glucose sensor stopped sending readings.');
    await widget.getByRole('button', { name: 'Send' }).click();

    await page.getByTestId('search-input').fill(name);
    await page.getByTestId('search-result').first().click();
    await expect(page.getByTestId('customer-view')).toBeVisible();

    // P1: first response due in 30 minutes on the 24/7 default calendar, counting down
    await page.getByTestId('case-priority').selectOption('P1');
    const first = page.getByTestId('sla-clock-firstResponse');
    await expect(first).toHaveAttribute('data-sla', 'running', { timeout: 30_000 });
    await expect(page.getByTestId('sla-due-firstResponse')).toHaveText(/in (29|30) min|30 分钟|29 分钟/);
    const due = await page.getByTestId('sla-due-firstResponse').getAttribute('datetime');
    const left = Date.parse(due!) - Date.now();
    expect(left).toBeGreaterThan(25 * 60_000);
    expect(left).toBeLessThanOrEqual(30 * 60_000);

    // a reply that reaches the customer fulfils first response
    await page.getByTestId('composer-input').fill('Thanks, please restart the receiver and tell me what it shows.');
    await page.getByTestId('composer-send').click();
    await expect(first).toHaveAttribute('data-sla', 'met', { timeout: 30_000 });

    // waiting on the customer: resolution pauses
    await page.getByTestId('case-status').selectOption('waiting_on_customer');
    const resolution = page.getByTestId('sla-clock-resolution');
    await expect(resolution).toHaveAttribute('data-sla', 'paused', { timeout: 30_000 });
    await expect(page.getByTestId('sla-due-resolution')).toHaveCount(0);

    // the customer answers: resolution resumes and next response starts
    await widget.locator('#text').fill('It says E2.');
    await widget.getByRole('button', { name: 'Send' }).click();
    await expect(resolution).toHaveAttribute('data-sla', 'running', { timeout: 30_000 });
    await expect(page.getByTestId('sla-clock-nextResponse')).toHaveAttribute('data-sla', 'running');
    await expect(page.getByTestId('sla-due-nextResponse')).toBeVisible();
    await customer.close();

    // the lead's queue: overdue cases (the demo world has some) show as breached and filter as such
    const leadContext = await browser.newContext();
    const lead = await leadContext.newPage();
    try {
      await login(lead, stack, LOGINS.lead);
      await waitUntilSynced(lead);
      await lead.getByTestId('filter-sla').selectOption('breached');
      const rows = lead.getByTestId('queue-row');
      await expect(rows.first()).toBeVisible();
      const states = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-sla')));
      expect(states.length).toBeGreaterThan(0);
      expect(new Set(states)).toEqual(new Set(['breached']));
      await expect(rows.first().getByTestId('sla-due')).toHaveAttribute('data-sla', 'breached');

      // the server recorded those breaches with nobody online; they are escalated to the lead, who is told (red)
      const alert = lead.getByTestId('sla-alert').first();
      await expect(alert).toHaveAttribute('data-level', 'red', { timeout: 30_000 });
      await expect(alert).toContainText(/breached|已超时/);
      const caseId = await alert.getAttribute('data-case-id');
      await alert.getByRole('button', { name: /Open case|打开工单/ }).click();
      await expect(lead.getByTestId('customer-view')).toBeVisible();
      expect(lead.url()).toContain(caseId!);
      // opened: dismissed, also after a reload (the desktop core keeps the session's alerts)
      await lead.reload();
      await waitUntilSynced(lead);
      await expect(lead.locator(`[data-testid="sla-alert"][data-case-id="${caseId}"]`)).toHaveCount(0);

      // another breach: the lead hands the case to an agent of the team from the alert itself (issue 11). An alert
      // never offers the case's own assignee, and which breach comes first varies: take one that offers Alice (a case
      // that is not hers already; moving one of hers to someone else would take it from her in later tests)
      const next = lead
        .getByTestId('sla-alert')
        .filter({ has: lead.getByTestId('sla-alert-reassign').locator('option', { hasText: 'Alice Turner' }) })
        .first();
      await expect(next).toBeVisible({ timeout: 30_000 });
      const nextCase = await next.getAttribute('data-case-id');
      const to = 'Alice Turner';
      await next.getByTestId('sla-alert-reassign').selectOption({ label: to });
      await expect(lead.locator(`[data-testid="sla-alert"][data-case-id="${nextCase}"]`)).toHaveCount(0);
      await lead.locator('.brand-button').click();
      await lead.getByTestId('filter-sla').selectOption('breached');
      await lead.locator(`[data-testid="queue-row"][data-case-id="${nextCase}"]`).click();
      await expect(lead.getByTestId('case-assignee').locator('option:checked')).toHaveText(to);
    } finally {
      await leadContext.close();
    }
  });
});
