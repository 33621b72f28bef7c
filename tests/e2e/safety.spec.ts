/**
 * Issue 12, end to end in Chromium (web-host): a WhatsApp harm report arrives; the agent's queue shows it P0 with the
 * flag and the words highlighted; the agent confirms it; the specialist (dr.wang) finds it in the safety queue with
 * the regulatory clock running, completes the record, marks it reportable and exports the PDF; with the server
 * stopped, a call note the agent types flags itself and raises its case to P0 on the desktop alone.
 */
import { readFileSync } from 'node:fs';
import { startStack, type Stack } from '../support/stack';
import { wa, waWebhook } from '../fixtures/social/meta-webhooks';
import { postWebhook, SOCIAL_SERVER_ENV } from './social-webhook';
import { expect, login, LOGINS, openCustomerBySearch, test as base, waitUntilSynced } from './fixtures';

const test = base.extend<object, { stack: Stack }>({
  stack: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const stack = await startStack({ serverEnv: SOCIAL_SERVER_ENV });
      await use(stack);
      await stack.close();
    },
    { scope: 'worker', timeout: 240_000 },
  ],
});

test('a harm report: flagged P0 in the queue, confirmed by the agent, completed, decided and exported by the specialist; a call note typed offline flags itself', async ({ page, browser, stack }) => {
  test.setTimeout(240_000);
  await login(page, stack, LOGINS.agent);
  await waitUntilSynced(page);

  const from = `1631888${String(Date.now()).slice(-4)}`;
  const name = `Helen Patch ${Date.now()}`;
  const text = "the ECG patch left a burn mark on my mother's chest";
  await postWebhook(stack, waWebhook([{ ...wa.text('wamid.E2E.SAFETY', text, from), timestamp: String(Math.floor(Date.now() / 1000)) }], from, name));

  // the agent's queue: P0, the safety mark, the regulatory clock
  const row = page.locator('[data-testid="queue-row"]').filter({ hasText: name });
  await expect(row).toHaveAttribute('data-priority', 'P0', { timeout: 15_000 });
  await expect(row).toHaveAttribute('data-safety', 'review');
  await expect(row.getByTestId('queue-safety')).toBeVisible();
  const caseId = (await row.getAttribute('data-case-id'))!;
  await row.click();
  const message = page.locator('[data-testid="timeline-item"][data-kind="message.received"]').filter({ hasText: 'ECG patch' });
  await expect(message.getByTestId('timeline-safety')).toContainText('Burn / heat');
  await expect(message.getByTestId('safety-evidence').first()).toHaveText('burn');

  // the agent confirms the flag with a reason: the complaint record opens (the agent reads it, a specialist completes it)
  const panel = page.getByTestId('case-safety');
  await expect(panel).toHaveAttribute('data-standing', 'review');
  await expect(panel.getByTestId('regulatory-deadline').first()).toHaveAttribute('data-state', 'running');
  await panel.getByTestId('safety-reason').fill('Daughter confirms a red burn mark under the patch.');
  await panel.getByTestId('safety-confirm').click();
  await expect(panel.getByTestId('safety-flag-row')).toHaveAttribute('data-state', 'confirmed');
  await expect(panel).toHaveAttribute('data-standing', 'complaint');
  await expect(panel.getByTestId('complaint-record')).toBeVisible();
  await expect(panel.getByTestId('complaint-save')).toHaveCount(0);
  await expect(page.getByTestId('timeline-item').filter({ hasText: 'confirmed the safety flag' })).toHaveCount(1);
  await waitUntilSynced(page);

  const wangContext = await browser.newContext({ acceptDownloads: true });
  const wang = await wangContext.newPage();
  try {
    // the specialist's workstation is a browser on the stack's web-host, whichever target the agent's window is
    await wang.goto(stack.launchUrl);
    await login(wang, stack, LOGINS.specialist);
    await waitUntilSynced(wang);
    // the specialist of the case's team is told: a red alert strip that opens the case
    await expect(wang.locator(`[data-testid="safety-alert"][data-case-id="${caseId}"]`)).toBeVisible({ timeout: 30_000 });
    // the specialist's safety queue holds the case, with its regulatory clock running
    await wang.getByTestId('filter-safety').selectOption('queue');
    const wangRow = wang.locator('[data-testid="queue-row"]').filter({ hasText: name });
    await expect(wangRow).toHaveAttribute('data-safety', 'complaint', { timeout: 30_000 });
    await expect(wangRow.getByTestId('regulatory-deadline')).toHaveAttribute('data-state', 'running');
    await wangRow.click();

    const record = wang.getByTestId('complaint-record');
    await expect(wang.getByTestId('regulatory-clock')).toBeVisible();
    await record.getByTestId('complaint-field-patientRelation').selectOption('parent');
    await record.getByTestId('complaint-field-device-lot').fill('L-2291');
    await record.getByTestId('complaint-field-eventDate').fill('2026-12-01');
    await record.getByTestId('complaint-field-narrative').fill('Second-degree burn under the patch after 3 days of wear; seen at the ER.');
    await record.getByTestId('complaint-field-patient-medicalIntervention').selectOption('yes');
    await record.getByTestId('complaint-field-deviceUse').selectOption('diagnosis');
    await record.getByTestId('complaint-field-country').fill('us');
    await record.getByTestId('complaint-save').click();
    await expect(record.getByTestId('complaint-saved')).toBeVisible();
    // a US event: only the FDA clock is left
    await expect(wang.getByTestId('regulatory-clock').getByTestId('regulatory-deadline')).toHaveCount(1, { timeout: 15_000 });
    await expect(wang.getByTestId('regulatory-clock').getByTestId('regulatory-deadline')).toHaveAttribute('data-rule', 'fda_30d');

    await record.getByTestId('complaint-reportability').selectOption('fda_mdr');
    await record.getByTestId('complaint-rationale').fill('A burn that needed medical treatment: reportable as a serious injury.');
    await record.getByTestId('complaint-decide').click();
    await expect(record.getByTestId('complaint-decision')).toHaveAttribute('data-reportability', 'fda_mdr');
    await expect(record.getByTestId('complaint-decision')).toContainText('Dr. Wang Jing');

    const [download] = await Promise.all([wang.waitForEvent('download'), record.getByTestId('complaint-export-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  } finally {
    await wangContext.close();
  }

  // offline: the agent types a call note with harm in it; the desktop flags it and raises the case to P0 by itself
  await openCustomerBySearch(page, 'Margaret Chen');
  await stack.stopServer('SIGKILL');
  try {
    await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });
    const note = `Call ${Date.now()}: she says the sensor adhesive tore the skin off her arm and it is bleeding.`;
    await page.getByTestId('note-input').fill(note);
    await page.getByTestId('note-add').click();
    const item = page.getByTestId('timeline-item').filter({ hasText: 'adhesive tore the skin' });
    await expect(item).toHaveAttribute('data-local-state', 'pending');
    await expect(item.getByTestId('timeline-safety')).toBeVisible();
    await expect(page.getByTestId('case-priority')).toHaveValue('P0');
    await expect(page.getByTestId('case-safety')).toHaveAttribute('data-standing', 'review');
    await stack.restartServer();
    await waitUntilSynced(page);
    await expect(item).toHaveAttribute('data-local-state', 'synced', { timeout: 30_000 });
    await expect(item.getByTestId('timeline-safety')).toBeVisible();
  } finally {
    if (stack.server.child.exitCode !== null || stack.server.child.signalCode !== null) await stack.restartServer();
  }
});
