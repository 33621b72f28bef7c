import { startWebHost } from '../support/stack';
import { startTcpProxy } from '../support/tcp-proxy';
import { tempDir } from '../support/temp-dir';
import { customerChats, expect, login, LOGINS, TARGET, test, waitUntilSynced } from './fixtures';

const MEI = { username: 'mei', password: 'omnidesk-agent' } as const;

// Three workstations on one server: the lead and mei on the stack's web-host, alice on a web-host of her own whose
// network to the server can be cut (a TCP proxy) — so only her desktop goes offline. Web only: Electron runs one app.
if (TARGET === 'web') {
  test.describe('the lead console: live wallboard, reassignment, desktops going offline', () => {
    test('a lead sees a new chat within 2 s, reassigns it to mei with a reason, and sees alice’s desktop go offline with what it has not synced; an agent is refused', async ({ page: lead, browser, stack }) => {
      test.setTimeout(240_000);
      const proxy = await startTcpProxy(Number(new URL(stack.serverUrl).port));
      const aliceData = tempDir('omnidesk-e2e-alice-');
      const aliceHost = await startWebHost({ serverUrl: proxy.url, dataDir: aliceData.dir });
      const meiContext = await browser.newContext();
      const aliceContext = await browser.newContext();
      const customers: Array<{ close(): Promise<void> }> = [];
      try {
        // alice works on this workstation only: a desktop of hers left signed in by an earlier spec signs out
        const elsewhere = await browser.newContext();
        const other = await elsewhere.newPage();
        await login(other, stack, LOGINS.agent);
        await other.getByTestId('logout').click();
        await expect(other.getByTestId('login-username')).toBeVisible();
        await elsewhere.close();

        await login(lead, stack, LOGINS.lead);
        await waitUntilSynced(lead);
        await lead.getByTestId('nav-console').click();
        const board = lead.getByTestId('wallboard');
        await expect(board).toBeVisible();

        const mei = await meiContext.newPage();
        await login(mei, stack, MEI);
        await waitUntilSynced(mei);
        const alice = await aliceContext.newPage();
        await login(alice, aliceHost, LOGINS.agent);
        await waitUntilSynced(alice);

        const aliceRow = board.getByTestId('console-agent').filter({ hasText: 'Alice Turner' });
        await expect(aliceRow).toHaveAttribute('data-online', 'true', { timeout: 10_000 });

        // an inbound chat: the wallboard counts it within 2 s, pushed (nothing on this page polls)
        const before = Number(await board.getByTestId('total-open').textContent());
        const name = `Console Chat ${Date.now()}`;
        customers.push(await customerChats(browser, stack, name, 'My glucose sensor has shown no readings since this morning.'));
        await expect(board.getByTestId('total-open')).toHaveText(String(before + 1), { timeout: 2_000 });

        // the lead reassigns it to mei, with a reason; mei's queue shows it as hers
        await board.getByTestId('channel-filter-chat').click();
        const row = board.getByTestId('wallboard-waiting').getByTestId('console-case').filter({ hasText: name });
        await expect(row).toHaveCount(1);
        await row.getByTestId('console-case-pick').check();
        await board.getByTestId('reassign-to').selectOption({ label: 'Mei Lin' });
        await board.getByTestId('reassign-reason').fill('Mei knows this sensor model');
        await board.getByTestId('reassign-submit').click();
        await expect(board.getByTestId('reassign-done')).toBeVisible();
        await expect(row.getByTestId('console-case-owner')).toHaveText('Mei Lin', { timeout: 15_000 });
        const meiRow = mei.getByTestId('queue-row').filter({ has: mei.locator('td.col-customer', { hasText: name }) });
        await expect(meiRow.locator('td.col-assignee')).toHaveText(/Mei Lin/, { timeout: 15_000 });

        // the collision warning: mei writes a reply on it while the lead opens it; each sees the other
        await meiRow.click();
        await expect(mei.getByTestId('customer-view')).toHaveAttribute('data-ready', 'true');
        await mei.getByTestId('composer-input').fill('Could you send a photo of the sensor display?');
        await row.getByRole('button', { name: new RegExp(name) }).click();
        await expect(lead.getByTestId('customer-view')).toHaveAttribute('data-ready', 'true');
        await expect(lead.getByTestId('collision-warning')).toHaveText(/Mei Lin is writing a reply/, { timeout: 10_000 });
        await expect(mei.getByTestId('collision-warning')).toHaveText(/Lena Hoffmann/, { timeout: 10_000 });
        // from the console the lead looks on read-only: no composer, no controls; then chooses to work on it
        await expect(lead.getByTestId('read-only')).toBeVisible();
        await expect(lead.getByTestId('composer-input')).toHaveCount(0);
        await lead.getByTestId('work-on-case').click();
        await expect(lead.getByTestId('composer-input')).toBeVisible();
        // the green channel: the lead fast-tracks it, saying why; it waits on the wallboard for its review
        await lead.getByTestId('fast-track-reason').fill('Patient in hospital; the device alarms at night');
        await lead.getByTestId('fast-track').click();
        await expect(lead.getByTestId('fast-tracked')).toContainText('Patient in hospital');
        await lead.getByTestId('nav-console').click();
        await expect(board.getByTestId('fast-track-line').filter({ hasText: name })).toHaveCount(1, { timeout: 10_000 });
        await expect(mei.getByTestId('collision-warning')).toHaveCount(0, { timeout: 10_000 });
        await expect(board).toBeVisible();

        // mei raises a flag ("I need help"); it is on the lead's wallboard; the lead's answer reaches mei's timeline
        await mei.getByTestId('help-note').fill('客户要求退款');
        await mei.getByTestId('help-request').click();
        await expect(mei.getByTestId('help-pending')).toBeVisible();
        const flag = board.getByTestId('wallboard-flag').filter({ hasText: name });
        await expect(flag).toHaveCount(1, { timeout: 10_000 });
        await expect(flag).toContainText('Mei Lin');
        await flag.getByTestId('flag-reply').fill('Offer the exchange first; a refund if the sensor fails again');
        await flag.getByTestId('flag-answer').click();
        await expect(flag).toHaveCount(0, { timeout: 10_000 });
        await expect(mei.getByTestId('timeline-item').filter({ hasText: 'Offer the exchange first' })).toHaveCount(1, { timeout: 15_000 });
        await expect(mei.getByTestId('help-pending')).toHaveCount(0);

        // a message to mei from the wallboard's agent row
        const meiLine = board.getByTestId('console-agent').filter({ hasText: 'Mei Lin' });
        await meiLine.getByTestId('message-text').fill('Thanks, the customer is happy now');
        await meiLine.getByTestId('message-send').click();
        await expect(meiLine.getByTestId('message-sent')).toHaveText('Sent');
        await expect(mei.getByTestId('lead-message')).toContainText('Thanks, the customer is happy now');
        await mei.getByTestId('lead-message-dismiss').click();
        await expect(mei.getByTestId('lead-message')).toHaveCount(0);

        // alice's network drops: her desktop is offline on the wallboard, since when, and how much it has not received
        proxy.block();
        proxy.cut();
        await expect(alice.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });
        await expect(aliceRow).toHaveAttribute('data-online', 'false', { timeout: 10_000 });
        await expect(aliceRow.getByTestId('agent-desktop')).toHaveText(/Offline since/);
        customers.push(await customerChats(browser, stack, `${name} again`, 'Still no readings, what should I do?'));
        await expect(aliceRow).not.toHaveAttribute('data-unsynced', '0', { timeout: 10_000 });
        await expect(aliceRow.getByTestId('agent-desktop')).toHaveText(/not received/);

        // an agent may not open the console nor call its endpoints
        await alice.goto(`${aliceHost.launchUrl}#/console`);
        await expect(alice.getByTestId('nav-console')).toHaveCount(0);
        const token = await (
          await fetch(`${stack.serverUrl}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(LOGINS.agent),
          })
        ).json() as { token: string };
        const refused = await fetch(`${stack.serverUrl}/api/lead/wallboard`, { headers: { authorization: `Bearer ${token.token}` } });
        expect(refused.status).toBe(403);

        // back online: alice's desktop catches up and shows so
        proxy.unblock();
        await expect(aliceRow).toHaveAttribute('data-online', 'true', { timeout: 60_000 });
      } finally {
        for (const c of customers) await c.close();
        await meiContext.close();
        await aliceContext.close();
        await aliceHost.proc.stop();
        await proxy.close();
        aliceData.cleanup();
      }
    });
  });
}
