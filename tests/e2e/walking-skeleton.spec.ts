import { expect, login, LOGINS, openCustomerBySearch, TARGET, test, waitUntilSynced } from './fixtures';

test.describe('walking skeleton: one customer across four channels', () => {
  test('an agent sees phone, chat, email and social in one timeline, in time order, replies, and the reply persists', async ({ page, stack }) => {
    await login(page, stack, LOGINS.agent);
    await waitUntilSynced(page);
    await expect(page.getByTestId('queue-row').first()).toBeVisible();

    await openCustomerBySearch(page, 'Margaret Chen');
    await expect(page.getByTestId('customer-name')).toHaveText(/Margaret Chen/);
    await expect(page.getByTestId('device-item').first()).toBeVisible();

    const items = page.getByTestId('timeline-item');
    await expect(items.first()).toBeVisible();
    const channels = new Set(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-channel'))));
    for (const ch of ['email', 'chat', 'social', 'phone']) expect(channels, `timeline shows ${ch}`).toContain(ch);

    const times = await items.evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('data-occurred-at') ?? '')));
    expect(times.every((t) => !Number.isNaN(t))).toBe(true);
    expect([...times].sort((a, b) => a - b), 'timeline is in time order').toEqual(times);

    // Reply on the email thread: the reply must go out on that thread's channel.
    const threadSelect = page.getByTestId('thread-select');
    const emailThread = await threadSelect.locator('option').evaluateAll((opts) =>
      opts.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })).find((o) => /email|邮件/i.test(o.label)),
    );
    expect(emailThread, 'the customer has an email thread to reply on').toBeTruthy();
    await threadSelect.selectOption(emailThread!.value);
    const reply = `Hello Margaret, please re-pair the sensor from Settings › Devices (ref ${Date.now()}).`;
    await page.getByTestId('composer-input').fill(reply);
    await page.getByTestId('composer-send').click();

    const sent = page.getByTestId('timeline-item').filter({ hasText: reply });
    await expect(sent).toHaveCount(1);
    await expect(sent).toHaveAttribute('data-channel', 'email');
    await expect(sent).toHaveAttribute('data-kind', 'message.sent');
    await expect(sent).toHaveAttribute('data-local-state', 'synced', { timeout: 30_000 });

    await page.reload();
    await expect(page.getByTestId('current-agent')).toBeVisible();
    await openCustomerBySearch(page, 'Margaret Chen');
    const again = page.getByTestId('timeline-item').filter({ hasText: reply });
    await expect(again).toHaveCount(1);
    await expect(again).toHaveAttribute('data-local-state', 'synced');
  });

  test('a lead sees the team queue with the showcase case', async ({ page, stack }) => {
    await login(page, stack, LOGINS.lead);
    await waitUntilSynced(page);
    await openCustomerBySearch(page, 'Margaret Chen');
    const customerId = await page.getByTestId('customer-view').getAttribute('data-customer-id');
    await page.getByTestId('back-to-queue').click();
    await expect(page.locator(`[data-testid="queue-row"][data-customer-id="${customerId}"]`).first()).toBeVisible();
  });

  test('an agent of another team cannot find that customer', async ({ page, stack }) => {
    await login(page, stack, LOGINS.otherTeamAgent);
    await waitUntilSynced(page);
    await page.getByTestId('search-input').fill('Margaret Chen');
    // wait for the search to have run: the box shows its empty state, never a result
    await expect(page.getByTestId('search-empty')).toBeVisible();
    await expect(page.getByTestId('search-result')).toHaveCount(0);
  });

  test('a wrong password gets a clear error, and the language switches to Chinese at run time', async ({ page, stack }) => {
    if (TARGET === 'web') await page.goto(stack.launchUrl);
    await page.getByTestId('login-username').fill('alice');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error')).toContainText(/wrong username or password/i);

    await page.getByTestId('lang-toggle').selectOption('zh-CN');
    await expect(page.getByTestId('login-submit')).toHaveText(/登录/);
    await page.getByTestId('lang-toggle').selectOption('en');
    await expect(page.getByTestId('login-submit')).toHaveText(/sign in|log in/i);
  });
});
