import { expect, login, LOGINS, TARGET, test, waitUntilSynced } from './fixtures';

const NEVER_HERE = { username: 'omar', password: 'omnidesk-lead' } as const;

test.describe('offline sign-in: the server is down when the agent signs in', () => {
  test('an agent who signed in here before signs in offline, works from the cache, and the note syncs when the server is back', async ({ page, stack }) => {
    test.skip(TARGET !== 'web', 'signs out and in again in the same browser window of web-host');
    test.setTimeout(180_000);
    await login(page, stack, LOGINS.agent);
    await waitUntilSynced(page);
    await expect(page.getByTestId('offline-signin-notice')).toHaveCount(0);
    // Signing out drops this agent's desktop core; the cache and the remembered sign-in stay on the workstation.
    await page.getByTestId('logout').click();
    await expect(page.getByTestId('login-submit')).toBeVisible();

    await stack.stopServer('SIGKILL');
    try {
      await page.getByTestId('login-username').fill(LOGINS.agent.username);
      await page.getByTestId('login-password').fill('not-the-password');
      await page.getByTestId('login-submit').click();
      await expect(page.getByTestId('login-error')).toHaveAttribute('data-code', 'UNAUTHENTICATED');

      // someone who never signed in on this workstation (no other spec uses omar): there is nothing to check offline against
      await page.getByTestId('login-username').fill(NEVER_HERE.username);
      await page.getByTestId('login-password').fill(NEVER_HERE.password);
      await page.getByTestId('login-submit').click();
      await expect(page.getByTestId('login-error')).toHaveAttribute('data-code', 'UNAVAILABLE');
      await expect(page.getByTestId('login-error')).toContainText(/no offline sign-in/i);

      await page.getByTestId('login-username').fill(LOGINS.agent.username);
      await page.getByTestId('login-password').fill(LOGINS.agent.password);
      await page.getByTestId('login-submit').click();
      await expect(page.getByTestId('current-agent')).toBeVisible();
      await expect(page.getByTestId('offline-signin-notice')).toContainText(/signed in offline/i);
      await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });

      // the queue comes from the cache; add a note on the first case
      await page.getByTestId('queue-row').first().click();
      const note = `Offline sign-in note ${Date.now()}`;
      await page.getByTestId('note-input').fill(note);
      await page.getByTestId('note-add').click();
      await expect(page.getByTestId('timeline-item').filter({ hasText: note })).toHaveAttribute('data-local-state', 'pending');
      await expect(page.getByTestId('sync-pending')).toHaveText('1');

      await stack.restartServer();
      await waitUntilSynced(page);
      await expect(page.getByTestId('timeline-item').filter({ hasText: note })).toHaveAttribute('data-local-state', 'synced', { timeout: 30_000 });
      await expect(page.getByTestId('offline-signin-notice')).toHaveCount(0);
    } finally {
      if (stack.server.child.exitCode !== null || stack.server.child.signalCode !== null) await stack.restartServer();
    }
  });
});
