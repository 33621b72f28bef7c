import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, LOGINS, TARGET, test, waitUntilSynced } from './fixtures';

/**
 * Accessibility checked by a real checker (issue 15): axe-core on the login, queue and customer views in both
 * languages, against WCAG 2.1 A and AA (colour contrast among them). A serious or critical violation fails, named
 * with the elements it was found on.
 */
const MEI = { username: 'mei', password: 'omnidesk-agent' } as const;

async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes
      .slice(0, 5)
      .map((n) => n.target.join(' '))
      .join(' | ')}`);
}

for (const [language, who] of [
  ['en', LOGINS.agent],
  ['zh-CN', MEI],
] as const) {
  test(`axe finds no serious or critical violation on the login, queue and customer views (${language})`, async ({ page, stack }) => {
    await page.goto(stack.launchUrl);
    await page.getByTestId('lang-toggle').selectOption(language);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    expect(await seriousViolations(page), 'login').toEqual([]);

    await page.getByTestId('login-username').fill(who.username);
    await page.getByTestId('login-password').fill(who.password);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('current-agent')).toBeVisible();
    await waitUntilSynced(page);
    await expect(page.getByTestId('queue-row').first()).toBeVisible();
    expect(await seriousViolations(page), 'queue').toEqual([]);
    // the search shortcut (issue 15): `/` outside a field puts the cursor in the header's search
    await page.keyboard.press('/');
    await expect(page.getByTestId('search-input')).toBeFocused();
    await expect(page.getByTestId('search-input')).toHaveValue('');
    await page.keyboard.press('Escape');
    // the named views (issue 15): a view's count is the number of rows it shows
    const unassigned = page.locator('[data-testid="queue-view"][data-view="unassigned"]');
    const count = Number(await unassigned.locator('.queue-view-count').textContent());
    await unassigned.click();
    await expect(unassigned).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('queue-count')).toHaveAttribute('data-shown', String(count));
    await page.locator('[data-testid="queue-view"][data-view="team"]').click();

    await page.getByTestId('queue-row').first().click();
    await expect(page.getByTestId('customer-view')).toBeVisible();
    await expect(page.getByTestId('kb-panel')).toBeVisible();
    expect(await seriousViolations(page), 'customer').toEqual([]);
  });
}

test('axe finds no serious or critical violation on the lead console and the routing and reply settings (issue 15, 16)', async ({ page, stack }) => {
  await page.goto(stack.launchUrl);
  await page.getByTestId('login-username').fill(LOGINS.lead.username);
  await page.getByTestId('login-password').fill(LOGINS.lead.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('current-agent')).toBeVisible();
  await waitUntilSynced(page);
  await page.getByTestId('nav-console').click();
  await expect(page.getByTestId('wallboard')).toBeVisible();
  await expect(page.getByTestId('quality-table')).toBeVisible();
  expect(await seriousViolations(page), 'console').toEqual([]);
  await page.getByTestId('nav-routing').click();
  await expect(page.getByTestId('routing-settings')).toBeVisible();
  expect(await seriousViolations(page), 'routing').toEqual([]);
  await page.getByTestId('nav-macros').click();
  await expect(page.getByTestId('macros-view')).toBeVisible();
  expect(await seriousViolations(page), 'replies').toEqual([]);
});

// web-host's page only: the Electron app is opened by its shell, with no address and no launch key to forget
if (TARGET === 'web') {
  test('the bare address, without the launch key, says how to open the app instead of loading forever (issue 15)', async ({ page, stack }) => {
    await page.goto(`${new URL(stack.launchUrl).origin}/`);
    await expect(page.getByTestId('no-launch')).toContainText('?launch=');
    expect(await seriousViolations(page), 'no launch key').toEqual([]);
  });
}
