import { expect, login, LOGINS, TARGET, test, waitUntilSynced } from './fixtures';

// The customer's survey page opens in a browser context of its own (a phone): the web target only.
if (TARGET === 'web') {
  test.describe('satisfaction surveys (issue 18)', () => {
    test('an agent sends a resolved case’s survey; the customer answers CSAT on a narrow phone screen once; the timeline shows it', async ({ page, stack, browser }) => {
      test.setTimeout(120_000);
      await login(page, stack, LOGINS.agent);
      await waitUntilSynced(page);
      await page.locator('[data-testid="queue-view"][data-view="mine"]').click();
      await page.locator('[data-testid="queue-row"][data-channel="email"]').first().click();
      await expect(page.getByTestId('customer-view')).toBeVisible();
      const status = page.getByTestId('case-status');
      const before = await status.inputValue();
      await status.selectOption('resolved');
      await waitUntilSynced(page);

      await page.getByTestId('survey-send').click();
      await expect(page.getByTestId('survey-send-outcome')).toHaveAttribute('data-sent', 'true', { timeout: 15_000 });
      // the link goes out as a message on the case's conversation, and the timeline shows it
      const message = page.getByTestId('timeline-item').filter({ hasText: /\/s\/[A-Za-z0-9_-]{32}/ }).last();
      await expect(message).toBeVisible({ timeout: 30_000 });
      const link = (await message.textContent())!.match(/https?:\/\/\S+?\/s\/[A-Za-z0-9_-]{32}/)![0];

      // the customer on a phone: no script errors, big targets, answered once
      const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      try {
        const customer = await phone.newPage();
        const scriptErrors: string[] = [];
        customer.on('pageerror', (e) => scriptErrors.push(e.message));
        await customer.goto(link);
        const five = customer.locator('fieldset[data-question="csat"] label').filter({ hasText: /^5$/ });
        const box = await five.boundingBox();
        expect(box!.height, 'a tap target of at least 44 px').toBeGreaterThanOrEqual(44);
        expect(await customer.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling').toBe(true);
        await five.tap();
        await customer.getByRole('button').click();
        await expect(customer.locator('[data-outcome="ok"]')).toBeVisible();
        await customer.goto(link);
        await expect(customer.locator('[data-outcome="ok"]')).toContainText(/already answered|已经回答过/);
        expect(scriptErrors).toEqual([]);
      } finally {
        await phone.close();
      }

      await expect(page.getByTestId('timeline-item').filter({ hasText: 'CSAT 5/5' })).toHaveCount(1, { timeout: 30_000 });
      // a case's survey goes once
      await page.getByTestId('survey-send').click();
      await expect(page.getByTestId('survey-send-outcome')).toHaveAttribute('data-sent', 'false');
      // leave the case as it was for the other specs
      await status.selectOption(before);
      await waitUntilSynced(page);
    });
  });
}
