import { expect, login, test, waitUntilSynced } from './fixtures';

const MEI = { username: 'mei', password: 'omnidesk-agent' };
const SEEDED_ZH_NAME = /^\s*[\u4e00-\u9fff]{2,4}\s*$/;
/** A seeded English customer's name ("James Young"); customers other specs create carry a number or a stamp. */
const SEEDED_EN_NAME = /^\s*[A-Z][a-z]+ [A-Z][a-z]+\s*$/;

test.describe('canned replies (issue 15)', () => {
  test('#sensor puts the team’s Chinese reply in the reply box with the customer’s device filled in', async ({ page, stack }) => {
    test.setTimeout(120_000);
    await login(page, stack, MEI);
    await waitUntilSynced(page);
    // a seeded Chinese customer of the Glucose team (a name of 2–4 Han characters; every one has a glucose monitor) —
    // not one another spec made through the widget (no device)
    const row = page.getByTestId('queue-row').filter({ has: page.locator('td.col-customer', { hasText: SEEDED_ZH_NAME }) }).first();
    await expect(row).toBeVisible();
    await row.click();
    await expect(page.getByTestId('customer-view')).toBeVisible();
    // a thread that carries text (not a call)
    const input = page.getByTestId('composer-input');
    if (await input.isDisabled()) {
      const threads = page.getByTestId('thread-select');
      const values = await threads.locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })));
      const text = values.find((o) => !/Phone|电话/.test(o.label));
      expect(text, 'a thread one can write on').toBeDefined();
      await threads.selectOption(text!.value);
    }
    await expect(input).toBeEnabled();
    await input.fill('#sen');
    await expect(page.getByTestId('macro-suggestion').first()).toHaveAttribute('data-shortcut', 'sensor');
    await input.press('Enter');
    await expect(input).toHaveValue(/您好，/);
    const reply = await input.inputValue();
    expect(reply).toContain('血糖仪');
    expect(reply).toMatch(/序列号 [^{\s]+/);
    expect(reply).not.toContain('{{');
    expect(reply).not.toContain('#sen');
    await expect(page.getByTestId('macro-missing')).toHaveCount(0);
  });
});

test.describe('an agent’s own reply tools (issue 15)', () => {
  test('alice writes a personal canned reply and a signature; #swap fills it, an email reply says it will be signed', async ({ page, stack }) => {
    test.setTimeout(120_000);
    await login(page, stack, { username: 'alice', password: 'omnidesk-agent' });
    await waitUntilSynced(page);
    await page.getByTestId('nav-macros').click();
    await expect(page.getByTestId('macros-view')).toBeVisible();
    // the team's replies are listed; an agent cannot change them
    await expect(page.getByTestId('macros-item').filter({ hasText: '#sensor' })).toBeVisible();
    await expect(page.getByTestId('macros-item').filter({ hasText: '#sensor' }).getByTestId('macros-edit')).toHaveCount(0);
    await expect(page.getByTestId('macros-new-team')).toHaveCount(0);

    await page.getByTestId('signature-en').fill('Alice Turner\nVitaLink Support');
    await page.getByTestId('signature-save').click();
    await expect(page.getByTestId('macros-saved')).toBeVisible();

    await page.getByTestId('macros-new-personal').click();
    await page.getByTestId('macros-title').fill('Offer a sensor swap');
    await page.getByTestId('macros-shortcut').fill('swap');
    await page.getByTestId('macros-en').fill('{{customer.firstName}}, we will send a new {{device.kind}} today.');
    await page.getByTestId('macros-status').selectOption('pending');
    await page.getByTestId('macros-tags').fill('Sensor-swap, 换货');
    await page.getByTestId('macros-save').click();
    await expect(page.getByTestId('macros-item').filter({ hasText: '#swap' })).toBeVisible({ timeout: 15_000 });

    // one of her own cases whose latest conversation is an email: the reply box opens on that thread
    await page.locator('button.brand-button').click();
    await page.locator('[data-testid="queue-view"][data-view="mine"]').click();
    const row = page.locator('[data-testid="queue-row"][data-channel="email"]').filter({ has: page.locator('td.col-customer', { hasText: SEEDED_EN_NAME }) }).first();
    await expect(row).toBeVisible();
    await row.click();
    await expect(page.getByTestId('customer-view')).toBeVisible();
    await expect(page.getByTestId('thread-select').locator('option:checked')).toHaveText(/^Email/);
    const input = page.getByTestId('composer-input');
    await input.fill('#swap');
    await expect(page.locator('[data-testid="macro-suggestion"][data-shortcut="swap"]')).toBeVisible();
    await input.press('Enter');
    await expect(input).toHaveValue(/, we will send a new glucose monitor today\.$/);
    await expect(page.getByTestId('composer-signature')).toContainText('Alice Turner');

    // a copy to the carer and a file
    await page.getByTestId('composer-cc').fill('carer@example.com');
    await page.getByTestId('composer-attach').setInputFiles({ name: 'return-label.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 label') });
    await expect(page.getByTestId('composer-files')).toContainText('return-label.pdf');

    // sent: signed, and (this stack sends no email) the reply says it waits for email to be set up
    await page.getByTestId('composer-send').click();
    const sent = page.getByTestId('timeline-item').filter({ hasText: 'we will send a new glucose monitor today' }).last();
    await expect(sent).toContainText('Alice Turner');
    await expect(sent.getByTestId('timeline-delivery')).toHaveAttribute('data-unconfigured', 'true', { timeout: 30_000 });
    await expect(sent.getByTestId('timeline-delivery')).toContainText('OMNIDESK_SMTP_OUTBOUND_URL');
    await expect(sent.getByTestId('timeline-cc')).toHaveText('Cc: carer@example.com');
    await expect(sent.getByTestId('timeline-attachments')).toContainText('return-label.pdf');

    // the macro tagged the case (and set its status), in the timeline too; a tag comes off and another goes on by hand
    const tags = page.getByTestId('case-tags');
    // (the seeded case also carries its escalation rules' tags, which stay: no remove button on those)
    await expect(tags.locator('[data-tag="sensor-swap"]')).toBeVisible();
    await expect(tags.locator('[data-tag="换货"]')).toBeVisible();
    await expect(page.getByTestId('case-status')).toHaveValue('pending');
    await expect(page.getByTestId('timeline-item').filter({ hasText: /tagged the case: sensor-swap, 换货/ })).toBeVisible();
    await tags.locator('[data-tag="换货"]').getByTestId('case-tag-remove').click();
    await page.getByTestId('case-tag-input').fill('Return label');
    await page.getByTestId('case-tag-add').click();
    await expect(tags.locator('[data-tag="return label"]')).toBeVisible();
    await expect(tags.locator('[data-tag="换货"]')).toHaveCount(0);
    await expect(tags.locator('[data-tag="sensor-swap"]').getByTestId('case-tag-remove')).toBeVisible();
    await page.getByTestId('case-tag-input').fill('#!?');
    await page.getByTestId('case-tag-add').click();
    await expect(page.getByTestId('case-tags-error')).toBeVisible();
  });
});
