/**
 * Partial replication in the real app: with a short history window the agent's desktop does not hold every
 * customer of her team; the search shows the others "on the server"; opening one fetches it whole, and it
 * stays on the desktop — searchable and readable with the server down.
 */
import { test as shared, expect, login, LOGINS, TARGET, waitUntilSynced } from './fixtures';
import { startStack, type Stack } from '../support/stack';

// Its own stack: web-host with a 7-day window (the demo data spans ~90 days), so many customers stay on the server.
const test = shared.extend<object, { stack: Stack }>({
  stack: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const stack = await startStack({ webHostEnv: { OMNIDESK_HISTORY_DAYS: '7' } });
      await use(stack);
      await stack.close();
    },
    { scope: 'worker', timeout: 240_000 },
  ],
});

test.skip(TARGET === 'electron', 'the window is set through web-host’s environment; the Electron shell reads the same variable (src/main/core/config.ts)');

test('a customer outside the cache is found on the server, opened, and kept for offline use', async ({ page, stack }) => {
  await login(page, stack, LOGINS.agent);
  await waitUntilSynced(page);

  await page.getByTestId('search-input').fill('example');
  const remote = page.getByTestId('server-result').first();
  await expect(remote).toBeVisible({ timeout: 15_000 });
  const name = (await remote.locator('.search-result-name').textContent())!.trim();
  const customerId = (await remote.getAttribute('data-customer-id'))!;
  // not among the local results: this desktop does not hold it
  await expect(page.locator(`[data-testid="search-result"][data-customer-id="${customerId}"]`)).toHaveCount(0);

  await remote.click();
  await expect(page.getByTestId('customer-view')).toBeVisible();
  await expect(page.getByTestId('customer-name')).toContainText(name);
  await expect(page.getByTestId('timeline-item').first()).toBeVisible();

  // kept: with the server down it is still found and opened from the local cache
  await stack.stopServer();
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });
  await page.getByTestId('search-input').fill(name);
  const local = page.locator(`[data-testid="search-result"][data-customer-id="${customerId}"]`).first();
  await expect(local).toBeVisible();
  await expect(page.getByTestId('server-search-offline')).toBeVisible();
  await local.click();
  await expect(page.getByTestId('customer-name')).toContainText(name);
  await expect(page.getByTestId('timeline-item').first()).toBeVisible();
});
