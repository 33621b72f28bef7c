import { customerChats, expect, login, LOGINS, openCustomerBySearch, TARGET, test, waitUntilSynced } from './fixtures';

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
      // a vendor's contact gets no surveys: the mark is a customer change that syncs and stays
      const vendor = page.getByTestId('customer-vendor');
      await vendor.check();
      await waitUntilSynced(page);
      await page.reload();
      await expect(page.getByTestId('customer-vendor')).toBeChecked({ timeout: 30_000 });
      await page.getByTestId('customer-vendor').uncheck();
      await waitUntilSynced(page);
      // leave the case as it was for the other specs
      await status.selectOption(before);
      await waitUntilSynced(page);
    });

    test('a resolved chat case: the widget shows the survey card; NPS 3 with a comment; the lead sees NPS move and a follow-up with its 48 h clock', async ({ page, stack, browser }) => {
      test.setTimeout(180_000);
      await login(page, stack, LOGINS.lead);
      await waitUntilSynced(page);
      const name = `Walter Brenner ${Date.now()}`;
      const customer = await customerChats(browser, stack, name, 'The readings on my glucose monitor jump around after the update. Can you help?');
      try {
        const widget = customer.pages()[0]!;
        await expect(widget.locator('.msg.customer')).toHaveCount(1);
        const scriptErrors: string[] = [];
        widget.on('pageerror', (e) => scriptErrors.push(e.message));

        // the console's figures before: the team's NPS as shown
        await page.getByTestId('nav-console').click();
        await expect(page.getByTestId('lead-console')).toBeVisible();
        const team = page.getByTestId('console-team');
        if (await team.count()) await team.selectOption({ label: 'Glucose & Metabolic' });
        const quality = page.getByTestId('survey-quality');
        await expect(quality.locator('[data-testid="survey-quality-table"], [data-testid="survey-quality-empty"]').first()).toBeVisible({ timeout: 30_000 });
        const npsCell = quality.locator('[data-testid="survey-quality-row"] td[data-figure="nps"]').first();
        const npsBefore = (await npsCell.count()) ? await npsCell.textContent() : null;

        // the lead resolves the chat case and sends its survey (the automatic one waits the team's 24 h)
        await openCustomerBySearch(page, name);
        const status = page.getByTestId('case-status');
        await expect(status).toBeVisible({ timeout: 30_000 });
        await status.selectOption('resolved');
        await waitUntilSynced(page);
        await page.getByTestId('survey-send').click();
        await expect(page.getByTestId('survey-send-outcome')).toHaveAttribute('data-sent', 'true', { timeout: 15_000 });

        // the customer's widget shows the card live; they tap 3 and write why
        await page.getByTestId('nav-console').click();
        const card = widget.getByTestId('survey-card');
        await expect(card).toBeVisible({ timeout: 30_000 });
        const three = card.locator('button[data-nps="3"]');
        expect((await three.boundingBox())!.height, 'a tap target of at least 44 px').toBeGreaterThanOrEqual(44);
        await three.click();
        await expect(three).toHaveAttribute('aria-pressed', 'true');
        await card.getByTestId('survey-comment').fill('It took three chats to get a straight answer.');
        await card.getByRole('button', { name: /Send my answers/ }).click();
        await expect(card.getByTestId('survey-card-status')).toContainText('A team lead will contact you');
        await expect(card).toHaveAttribute('data-answered', 'true');

        // the lead, on the console: the follow-up appears with its clock, and the NPS moved (pushed, no reload)
        const followUp = page.getByTestId('follow-up').filter({ hasText: name });
        await expect(followUp).toBeVisible({ timeout: 30_000 });
        await expect(followUp.getByTestId('follow-up-scores')).toHaveText('NPS 3/10');
        await expect(followUp.getByTestId('follow-up-clock')).toHaveText(/^47:5\d:\d\d left$/);
        await expect(followUp).toHaveAttribute('data-clock', 'running');
        await expect(npsCell).not.toHaveText(npsBefore ?? '', { timeout: 30_000 });
        const detractors = quality.locator('[data-testid="survey-quality-row"] td[data-figure="detractors"]').first();
        await expect(detractors).not.toHaveText('0');
        // the comment is in the customers' voice, grouped by what it is about
        await expect(page.locator('[data-testid="voice-group"][data-topic="repeat_contact"]')).toContainText('It took three chats to get a straight answer.', { timeout: 30_000 });

        // answering again in the widget (a reload shows the card again): counted once
        await widget.reload();
        const again = widget.getByTestId('survey-card');
        await expect(again).toBeVisible();
        await again.locator('button[data-nps="10"]').click();
        await again.getByRole('button', { name: /Send my answers/ }).click();
        await expect(again.getByTestId('survey-card-status')).toContainText('already answered');
        expect(scriptErrors).toEqual([]);

        // the lead closes the follow-up with its outcome: it leaves the open list
        await followUp.getByTestId('follow-up-outcome').selectOption('called_back');
        await followUp.getByTestId('follow-up-close').click();
        await expect(page.getByTestId('follow-up').filter({ hasText: name })).toHaveCount(0, { timeout: 15_000 });
      } finally {
        await customer.close();
      }
    });

    test('an admin edits the index weights (a new version) and a team’s survey rules, and puts them back', async ({ page, stack }) => {
      test.setTimeout(120_000);
      await login(page, stack, LOGINS.admin);
      await waitUntilSynced(page);
      await page.getByTestId('nav-console').click();
      // the admin sees every team: the choice appears once the wallboards are in (asked at once, it may not be there
      // yet, and the rules below would then be saved on the first team, not this one)
      const team = page.getByTestId('console-team');
      await expect(team).toBeVisible({ timeout: 30_000 });
      await team.selectOption({ label: 'Glucose & Metabolic' });

      const weights = page.getByTestId('index-weights');
      await expect(weights).toBeVisible({ timeout: 30_000 });
      await expect(weights.getByTestId('weight-technicalSupport')).toHaveValue('35');
      // not adding up to 100 %: said, and nothing to save
      await weights.getByTestId('weight-technicalSupport').fill('40');
      await expect(weights.getByTestId('weights-sum')).toContainText('105');
      await expect(weights.getByTestId('weights-save')).toBeDisabled();
      await weights.getByTestId('weight-feeTransparency').fill('0');
      await weights.getByTestId('weights-save').click();
      await expect(weights.getByTestId('weights-saved')).toContainText(/version \d+/);
      const version = (await weights.getByTestId('weights-saved').textContent())!.match(/version (\d+)/)![1]!;

      const rules = page.getByTestId('survey-settings');
      await expect(rules).toBeVisible();
      await rules.getByTestId('survey-setting-acceptDays').fill('0');
      await expect(rules.getByTestId('survey-settings-invalid')).toBeVisible();
      await rules.getByTestId('survey-setting-acceptDays').fill('14');
      await rules.getByTestId('survey-channel-phone').uncheck();
      await rules.getByTestId('survey-channel-delay-chat').fill('1');
      await rules.getByTestId('survey-settings-save').click();
      await expect(rules.getByRole('status')).toHaveText('Saved.');
      await page.reload();
      await page.getByTestId('nav-console').click();
      await expect(team).toBeVisible({ timeout: 30_000 });
      await team.selectOption({ label: 'Glucose & Metabolic' });
      await expect(page.getByTestId('survey-setting-acceptDays')).toHaveValue('14', { timeout: 30_000 });
      // the figures name the weights' version they use: the new one
      await expect(page.getByTestId('survey-index-version')).toHaveText(`Index weights, version ${version}`);
      await expect(page.getByTestId('survey-channel-phone')).not.toBeChecked();
      await expect(page.getByTestId('survey-channel-delay-chat')).toHaveValue('1');
      // back on the defaults, for the other tests
      await page.getByTestId('survey-settings-reset').click();
      await expect(page.getByTestId('survey-setting-acceptDays')).toHaveValue('');
      await expect(page.getByTestId('survey-channel-phone')).toBeChecked();
    });
  });
}
