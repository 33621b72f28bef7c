import { _electron, test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinaryPath } from '../../scripts/electron-binary';
import { startStack, type Stack } from '../support/stack';

/** `web` (default): web-host + renderer in Chromium. `electron`: the real Electron app (needs its binary). */
export const TARGET = process.env.OMNIDESK_E2E_TARGET === 'electron' ? 'electron' : 'web';

export const LOGINS = {
  agent: { username: 'alice', password: 'omnidesk-agent' },
  otherTeamAgent: { username: 'bob', password: 'omnidesk-agent' },
  lead: { username: 'lena', password: 'omnidesk-lead' },
  admin: { username: 'admin', password: 'omnidesk-admin' },
  specialist: { username: 'dr.wang', password: 'omnidesk-specialist' },
} as const;

/** One real stack per worker (server + web-host processes), shared by the tests in it. */
export const test = base.extend<object, { stack: Stack }>({
  // In the Electron target each test gets a fresh app window (its own workstation) instead of a browser page.
  page: async ({ page, stack }, use) => {
    if (TARGET === 'web') return use(page);
    const executablePath = electronBinaryPath();
    if (!executablePath) throw new Error('OMNIDESK_E2E_TARGET=electron but no Electron binary is installed');
    const app = await _electron.launch({
      executablePath,
      args: ['.'],
      env: { ...process.env, OMNIDESK_SERVER_URL: stack.serverUrl, OMNIDESK_DESKTOP_DATA_DIR: mkdtempSync(join(tmpdir(), 'omnidesk-electron-')) },
    });
    await use(await app.firstWindow());
    await app.close();
  },
  stack: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const stack = await startStack();
      await use(stack);
      await stack.close();
    },
    { scope: 'worker', timeout: 240_000 },
  ],
});
export { expect };

export async function login(page: Page, stack: Pick<Stack, 'launchUrl'>, who: { username: string; password: string }): Promise<void> {
  if (TARGET === 'web') await page.goto(stack.launchUrl);
  await page.getByTestId('login-username').fill(who.username);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('current-agent')).toBeVisible();
}

/** Waits until the desktop core has caught up with the server (online, nothing waiting). */
export async function waitUntilSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'online', { timeout: 60_000 });
  await expect(page.getByTestId('sync-pending')).toHaveText('0');
}

export async function openCustomerBySearch(page: Page, text: string): Promise<void> {
  await page.getByTestId('search-input').fill(text);
  const hit = page.getByTestId('search-result').first();
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page.getByTestId('customer-view')).toBeVisible();
}

/** A customer writes through the chat widget, in a browser context of their own (closed by the caller). */
export async function customerChats(browser: Browser, stack: Stack, name: string, text: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  const widget = await context.newPage();
  await widget.goto(`${stack.serverUrl}/chat/widget`);
  await widget.locator('#name').fill(name);
  await widget.locator('#text').fill(text);
  await widget.getByRole('button', { name: 'Send' }).click();
  return context;
}
