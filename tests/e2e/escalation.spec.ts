import type { Browser } from '@playwright/test';
import type { Stack } from '../support/stack';
import { customerChats, expect, login, LOGINS, openCustomerBySearch, TARGET, test, waitUntilSynced } from './fixtures';

/**
 * Scripted escalation (issue 13), as the issue tells it: an anxious Chinese chat opens the calming script for Mei;
 * she answers its required questions, inserts a phrase in the customer's language and hands the case to the lead,
 * who sees the summary; a refund above an agent's tier waits for the lead's approval, which arrives live; and a
 * script runs with the server stopped, resumes after a reload, and syncs its answers later.
 */
const MEI = { username: 'mei', password: 'omnidesk-agent' } as const;

/** A page of its own signed in as `who`, closed with its context. */
async function signedIn(browser: Browser, stack: Stack, who: { username: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, stack, who);
  await waitUntilSynced(page);
  return { page, close: () => context.close() };
}

test.describe('scripted escalation', () => {
  test.skip(TARGET !== 'web', 'the customer widget and the lead run in other browser contexts (web target)');

  test('an anxious Chinese chat opens the calming script for mei; she answers, inserts a phrase and hands the case to the lead, who sees the summary', async ({ page, stack, browser }) => {
    test.setTimeout(180_000);
    await login(page, stack, MEI);
    await waitUntilSynced(page);
    const name = `王秀英 ${Date.now()}`;
    const widget = await customerChats(browser, stack, name, '我很担心，血糖仪的读数一直忽高忽低，晚上都睡不着，会不会有危险？');
    try {
      await openCustomerBySearch(page, name);
      const prompt = page.locator('[data-testid="escalation-prompt"][data-rule-id="anxious-customer"]');
      await expect(prompt).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('timeline-item').filter({ hasText: /客户焦虑|Anxious customer/ })).toHaveCount(1);
      await prompt.getByTestId('prompt-open').click();

      const run = page.locator('[data-testid="script-run"][data-script-id="anxious-customer"]');
      await expect(run).toHaveAttribute('data-step-id', 'acknowledge');
      // the phrase goes into the reply in the customer's language, with one click
      await run.getByTestId('phrase-insert').first().click();
      await expect(page.getByTestId('composer-input')).toHaveValue(/听得出来这件事让您很担心/);
      await run.getByTestId('script-next').click();

      await expect(run).toHaveAttribute('data-step-id', 'understand');
      // required questions: the next step waits for them
      await expect(run.getByTestId('script-next')).toBeDisabled();
      await run.locator('[data-question-id="worry"]').getByTestId('answer-choice').selectOption('data_readings');
      await expect(run.getByTestId('script-next')).toBeDisabled();
      await run.locator('[data-question-id="unwell_now"]').getByTestId('answer-no').click();
      await expect(run.getByTestId('script-next')).toBeEnabled();
      await run.getByTestId('script-next').click();
      await expect(run).toHaveAttribute('data-step-id', 'next_steps');
      await run.getByTestId('script-next').click();

      await expect(run).toHaveAttribute('data-step-id', 'callback');
      await run.locator('[data-question-id="phone_confirmed"]').getByTestId('answer-yes').click();
      const time = run.locator('[data-question-id="callback_time"]');
      await time.getByTestId('answer-input').fill('明天上午十点');
      await time.getByTestId('answer-save').click();
      await expect(time).toHaveAttribute('data-answered', 'true');
      const lang = run.locator('[data-question-id="callback_language"]').getByTestId('answer-choice');
      await lang.selectOption({ index: 1 });
      await expect(run.getByTestId('script-next')).toBeEnabled();

      // the step's action: hand the case to the lead, with a note
      await run.getByTestId('step-action-route').click();
      const form = page.getByTestId('handoff-form');
      await expect(form.getByTestId('handoff-target')).toHaveValue('lead');
      await form.getByTestId('handoff-note-input').fill('老人独居，请尽快回电');
      await form.getByTestId('handoff-submit').click();
      const handoff = page.getByTestId('escalation-handoff');
      await expect(handoff).toHaveAttribute('data-to', 'lead');
      await run.getByTestId('script-next').click();
      await expect(run).toHaveAttribute('data-done', 'true');
      await expect(page.getByTestId('escalation-chain')).toHaveText(/intact|完整/);
      await waitUntilSynced(page);

      // the lead's queue holds it as handed to the lead; the lead hears of it and reads the summary written from the case
      const lead = await signedIn(browser, stack, LOGINS.lead);
      try {
        await lead.page.getByTestId('filter-handoff').selectOption('lead');
        await expect(lead.page.getByTestId('queue-row').filter({ hasText: name })).toHaveCount(1);
        await expect(lead.page.getByTestId('queue-row').filter({ hasText: name }).getByTestId('queue-handoff')).toBeVisible();
        const alert = lead.page.locator('[data-testid="escalation-alert"][data-kind="handoff"]').first();
        await expect(alert).toBeVisible({ timeout: 30_000 });
        await alert.getByTestId('escalation-alert-open').click();
        const summary = lead.page.getByTestId('handoff-summary');
        await expect(summary).toBeVisible();
        await expect(summary.getByTestId('handoff-mood')).toHaveText(/anxious|焦虑/);
        await expect(summary.getByTestId('handoff-answers')).toContainText('明天上午十点');
        await expect(summary.getByTestId('handoff-answers')).toContainText(/Data or readings|数据或读数/);
        await expect(summary.getByTestId('handoff-note')).toHaveText('老人独居，请尽快回电');
      } finally {
        await lead.close();
      }
    } finally {
      await widget.close();
    }
  });

  test('a refund above the agent’s tier waits for the lead’s approval, which arrives live; then the reply goes out', async ({ page, stack, browser }) => {
    test.setTimeout(180_000);
    await login(page, stack, MEI);
    await waitUntilSynced(page);
    const name = `Refund Rita ${Date.now()}`;
    const widget = await customerChats(browser, stack, name, 'My second sensor this month failed after two days.');
    const lead = await signedIn(browser, stack, LOGINS.lead);
    try {
      await openCustomerBySearch(page, name);
      const offer = 'I am sorry. We can refund the full price of the device and send a replacement.';
      await page.getByTestId('composer-input').fill(offer);
      const gate = page.getByTestId('compensation-gate');
      await expect(gate).toBeVisible();
      await expect(page.getByTestId('composer-send')).toBeDisabled();
      await gate.getByTestId('compensation-request').click();
      await expect(page.getByTestId('compensation-pending')).toBeVisible();

      // live on the lead's desktop: the alert, the approval on the case
      const alert = lead.page.locator('[data-testid="escalation-alert"][data-kind="approval_requested"]').first();
      await expect(alert).toBeVisible({ timeout: 30_000 });
      await alert.getByTestId('escalation-alert-open').click();
      const approval = lead.page.locator('[data-testid="approval"][data-state="pending"]');
      await expect(approval).toBeVisible();
      await approval.getByTestId('approval-reason').fill('second failure this month');
      await approval.getByTestId('approval-approve').click();
      await expect(lead.page.locator('[data-testid="approval"][data-state="approved"]')).toBeVisible();

      // and on the agent's, without a reload
      await expect(page.getByTestId('compensation-approved')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('composer-send')).toBeEnabled();
      await page.getByTestId('composer-send').click();
      // the reply itself (the approval request beside it may quote the same words)
      await expect(page.locator('[data-testid="timeline-item"][data-kind="message.sent"]').filter({ hasText: offer })).toHaveAttribute('data-local-state', 'synced', { timeout: 30_000 });
    } finally {
      await lead.close();
      await widget.close();
    }
  });

  test('with the server stopped a script runs, resumes where it stopped after a reload, and its answers sync later', async ({ page, stack, browser }) => {
    test.setTimeout(180_000);
    await login(page, stack, MEI);
    await waitUntilSynced(page);
    const name = `李阿姨 ${Date.now()}`;
    const widget = await customerChats(browser, stack, name, '我好害怕，这个读数是不是说明我妈妈的血糖出问题了？我该怎么办？');
    await widget.close();
    await openCustomerBySearch(page, name);
    const prompt = page.locator('[data-testid="escalation-prompt"][data-rule-id="anxious-customer"]');
    await expect(prompt).toBeVisible({ timeout: 30_000 });
    await waitUntilSynced(page);

    await stack.stopServer('SIGKILL');
    try {
      await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });
      await prompt.getByTestId('prompt-open').click();
      const run = page.locator('[data-testid="script-run"][data-script-id="anxious-customer"]');
      await expect(run).toHaveAttribute('data-step-id', 'acknowledge');
      await run.getByTestId('script-next').click();
      await expect(run).toHaveAttribute('data-step-id', 'understand');
      await run.locator('[data-question-id="worry"]').getByTestId('answer-choice').selectOption('health_safety');

      // interrupted: the window reloads, still offline; the script is where it stopped, its answer kept
      await page.reload();
      await expect(page.getByTestId('customer-view')).toBeVisible();
      await expect(run).toHaveAttribute('data-step-id', 'understand');
      await expect(run.locator('[data-question-id="worry"]')).toHaveAttribute('data-answered', 'true');
      await run.locator('[data-question-id="unwell_now"]').getByTestId('answer-no').click();
      await run.getByTestId('script-next').click();
      await expect(run).toHaveAttribute('data-step-id', 'next_steps');
      await expect(page.getByTestId('sync-pending')).not.toHaveText('0');
    } finally {
      await stack.restartServer();
    }
    await waitUntilSynced(page);

    // another workstation sees the answers in the case's timeline and its record intact
    const lead = await signedIn(browser, stack, LOGINS.lead);
    try {
      await openCustomerBySearch(lead.page, name);
      const answered = lead.page.getByTestId('timeline-item').filter({ hasText: /健康或安全|Health or safety/ });
      await expect(answered).toHaveCount(1, { timeout: 30_000 });
      await expect(lead.page.getByTestId('escalation-chain')).toHaveText(/intact|完整/);
      await expect(lead.page.locator('[data-testid="script-run"][data-script-id="anxious-customer"]')).toHaveAttribute('data-step-id', 'next_steps');
    } finally {
      await lead.close();
    }
  });

  test('an admin edits the rules in the app: a broken file is refused with file, line and reason; a valid one is previewed, saved and in force for the next customer message', async ({ page, stack, browser }) => {
    test.setTimeout(180_000);
    await login(page, stack, LOGINS.admin);
    await waitUntilSynced(page);
    await page.getByTestId('nav-escalation').click();
    const view = page.getByTestId('escalation-settings');
    await expect(view.locator('[data-testid="escalation-doc"][data-name="rules.yaml"]')).toBeVisible();

    await view.getByTestId('escalation-doc-name').fill('team-rules.yaml');
    const broken = ['rules:', '  - id: watch-firmware', '    name: { en: Old watch firmware }', '    trigger: { type: condition }', '    actions:', '      - { type: add_tag, tag: old-firmware }', ''].join('\n');
    await view.getByTestId('escalation-doc-source').fill(broken);
    await view.getByTestId('escalation-save').click();
    await expect(view.getByTestId('escalation-errors')).toContainText(/team-rules\.yaml:3: .*zh-CN/);
    await expect(view.getByTestId('escalation-saved')).toHaveCount(0);

    const good = [
      'rules:',
      '  - id: refund-demand',
      '    name: { en: Customer demands a refund, zh-CN: 客户要求退款 }',
      '    order: 70',
      '    trigger: { type: mood, moods: [angry, negative] }',
      '    actions:',
      '      - { type: add_tag, tag: refund-demand }',
      '      - { type: notify_lead }',
      '',
    ].join('\n');
    await view.getByTestId('escalation-doc-source').fill(good);
    await view.getByTestId('escalation-sample').fill('This is the third time the sensor failed. Useless product, I am furious.');
    await view.getByTestId('escalation-preview').click();
    await expect(view.getByTestId('escalation-fires')).toContainText('refund-demand');
    await view.getByTestId('escalation-save').click();
    await expect(view.getByTestId('escalation-saved')).toBeVisible();
    await expect(view.locator('[data-testid="escalation-doc"][data-name="team-rules.yaml"]')).toBeVisible({ timeout: 30_000 });

    // in force for the next message: the server fires it and the agent's desktop shows the case's new tag
    const agent = await signedIn(browser, stack, MEI);
    try {
      const name = `Furious Fred ${Date.now()}`;
      const widget = await customerChats(browser, stack, name, 'This is the third time the sensor failed. Useless product, I am furious.');
      await openCustomerBySearch(agent.page, name);
      await expect(agent.page.getByTestId('escalation-tags')).toContainText('refund-demand', { timeout: 30_000 });
      await widget.close();
    } finally {
      await agent.close();
    }
  });
});
