import type { Browser, BrowserContext, Page } from '@playwright/test';
import { customerChats, expect, login, LOGINS, TARGET, test, waitUntilSynced } from './fixtures';
import type { Stack } from '../support/stack';

const PASSWORD = 'routing-e2e-Passw0rd-2026';

/** One JSON call to the server's API as `token`. */
async function api<T>(stack: Stack, method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${stack.serverUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? null : await res.json()) as T;
}
const signIn = async (stack: Stack, username: string, password: string) => (await api<{ token: string }>(stack, 'POST', '/api/auth/login', null, { username, password })).token;

/** An agent of a team of their own, with a password they chose (the admin's one-time one changed over the API). */
async function newAgent(stack: Stack, admin: string, teamId: string, username: string, displayName: string, languages: string[]) {
  const { oneTimePassword } = await api<{ oneTimePassword: string }>(stack, 'POST', '/api/agents', admin, { username, displayName, role: 'agent', teamIds: [teamId], languages });
  const token = await signIn(stack, username, oneTimePassword);
  await api(stack, 'POST', '/api/auth/password', token, { currentPassword: oneTimePassword, newPassword: PASSWORD });
  return { username, password: PASSWORD, displayName };
}

/**
 * A desktop whose window is in the background (`document.hasFocus()` false) with notifications allowed: the page's
 * Notification is a recorder, so the test sees exactly what the agent's OS would have shown.
 */
async function agentDesktop(browser: Browser): Promise<{ context: BrowserContext; page: Page; notices(): Promise<Array<{ title: string; body: string }>> }> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const shown: Array<{ title: string; body: string }> = [];
    (window as unknown as { __notices: typeof shown }).__notices = shown;
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: (() => void) | null = null;
      constructor(title: string, options: { body: string }) {
        shown.push({ title, body: options.body });
      }
      close() {}
    }
    (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
    document.hasFocus = () => false;
  });
  const page = await context.newPage();
  return { context, page, notices: () => page.evaluate(() => (window as unknown as { __notices: Array<{ title: string; body: string }> }).__notices) };
}

// The customer widget runs in a browser context of its own and each agent in another: the web target only.
if (TARGET === 'web') {
  test.describe('routing: live work reaches the right agent (issue 15)', () => {
    test('a Chinese widget chat is offered to one available Chinese speaker, who is notified and accepts; away, the next goes to the other', async ({ stack, browser }) => {
      test.setTimeout(180_000);
      const stamp = Date.now().toString(36);
      const admin = await signIn(stack, LOGINS.admin.username, LOGINS.admin.password);
      const team = await api<{ id: string }>(stack, 'POST', '/api/teams', admin, { name: `Chinese chat ${stamp}` });
      const first = await newAgent(stack, admin, team.id, `zhou${stamp}`, 'Zhou Min', ['zh', 'en']);
      const second = await newAgent(stack, admin, team.id, `qian${stamp}`, 'Qian Li', ['zh']);
      // the team's rule, as its lead would set it: Chinese chats come here (other specs' English chats do not)
      const routing = { liveChannels: ['chat', 'phone', 'social'], nonLive: 'queue', offerTimeoutSeconds: 120, capacity: { chat: 3, phone: 1, email: 10, social: 3 }, autoAwayMinutes: 10 };
      await api(stack, 'PUT', `/api/routing/teams/${team.id}`, admin, { ...routing, rules: [{ channel: 'chat', language: 'zh' }] });

      const zhou = await agentDesktop(browser);
      const qian = await agentDesktop(browser);
      const customers: BrowserContext[] = [];
      try {
        await login(zhou.page, stack, first);
        await waitUntilSynced(zhou.page);
        await expect(zhou.page.getByTestId('presence')).toHaveAttribute('data-presence', 'available');
        await login(qian.page, stack, second);
        await waitUntilSynced(qian.page);
        await expect(qian.page.getByTestId('presence')).toHaveAttribute('data-presence', 'available');

        // zhou has waited longest: the chat is offered to her, and only to her
        const name1 = `王芳 ${stamp}`;
        customers.push(await customerChats(browser, stack, name1, '我的血糖仪传感器一直报错，读数不对'));
        const offer = zhou.page.getByTestId('routing-offer').filter({ hasText: name1 });
        await expect(offer).toBeVisible({ timeout: 30_000 });
        await expect(offer.getByTestId('routing-offer-left')).toHaveText(/\d+/);
        await expect(qian.page.getByTestId('routing-offer').filter({ hasText: name1 })).toHaveCount(0);
        // the window is in the background: a notification (not naming the customer), and the count in the title
        await expect.poll(zhou.notices).toEqual([expect.objectContaining({ title: expect.stringMatching(/new work offered|新的推送/) })]);
        expect(JSON.stringify(await zhou.notices())).not.toContain('王芳');
        await expect(zhou.page).toHaveTitle(/^\(1\) /);

        await offer.getByTestId('routing-accept').click();
        await expect(zhou.page.getByTestId('customer-view')).toBeVisible();
        await expect(zhou.page.getByTestId('customer-view')).toContainText(name1);
        // the timeline says who routed it to her and why
        await expect(zhou.page.getByTestId('customer-view')).toContainText(/Zhou Min/);
        await expect(zhou.page.getByTestId('routing-offer')).toHaveCount(0);
        await expect(zhou.page).not.toHaveTitle(/^\(\d+\) /);

        // she steps away: the next Chinese chat goes to her colleague
        await zhou.page.getByTestId('presence-select').selectOption('away');
        await expect(zhou.page.getByTestId('presence')).toHaveAttribute('data-presence', 'away');
        const name2 = `李雷 ${stamp}`;
        customers.push(await customerChats(browser, stack, name2, '心率数据同步不了'));
        const offer2 = qian.page.getByTestId('routing-offer').filter({ hasText: name2 });
        await expect(offer2).toBeVisible({ timeout: 30_000 });
        await expect(zhou.page.getByTestId('routing-offer').filter({ hasText: name2 })).toHaveCount(0);
        // declined from the keyboard (Alt+D); with nobody else available it waits in the team queue, unowned
        await qian.page.keyboard.press('Alt+KeyD');
        await expect(qian.page.getByTestId('routing-offer')).toHaveCount(0);
        await qian.page.getByTestId('search-input').fill(name2);
        await qian.page.getByTestId('search-result').first().click();
        await expect(qian.page.getByTestId('customer-view')).toBeVisible();
        // she changes her mind: Alt+T takes the unowned case
        await expect(qian.page.getByTestId('case-take')).toBeVisible();
        await qian.page.keyboard.press('Alt+KeyT');
        await expect(qian.page.getByTestId('case-take')).toHaveCount(0);
        await expect(qian.page.getByTestId('case-assignee').locator('option:checked')).toHaveText('Qian Li');

        // she asks her colleague in a note: the mention stands out, and zhou (window in the background, on another
        // customer) is told a colleague mentioned her — without the note's text — and the title counts it
        const before = (await zhou.notices()).length;
        const ask = `@${first.username} 请帮忙回电 ${stamp}`;
        await qian.page.getByTestId('note-input').fill(ask);
        await qian.page.getByTestId('note-add').click();
        await expect(qian.page.getByTestId('timeline-item').filter({ hasText: ask }).getByTestId('timeline-mention')).toHaveText(`@${first.username}`);
        await expect.poll(async () => (await zhou.notices()).slice(before), { timeout: 30_000 }).toEqual([expect.objectContaining({ title: expect.stringMatching(/mentioned you|同事提到了您/) })]);
        expect(JSON.stringify(await zhou.notices())).not.toContain('回电');
        await expect(zhou.page).toHaveTitle(/^\(1\) /);
      } finally {
        await api(stack, 'PUT', `/api/routing/teams/${team.id}`, admin, { ...routing, rules: [] }).catch(() => undefined);
        for (const c of customers) await c.close();
        await zhou.context.close();
        await qian.context.close();
      }
    });

    test('a lead changes her team’s routing in the app: a rule for a WhatsApp number, a longer time to accept, an agent’s tier', async ({ stack, browser }) => {
      test.setTimeout(120_000);
      const context = await browser.newContext();
      const lead = await context.newPage();
      try {
        await login(lead, stack, LOGINS.lead);
        await waitUntilSynced(lead);
        await lead.getByTestId('nav-routing').click();
        await expect(lead.getByTestId('routing-settings')).toBeVisible();
        await expect(lead.getByTestId('routing-timeout')).toHaveValue(/\d+/);
        await lead.getByTestId('routing-timeout').fill('45');
        await lead.getByTestId('rule-add').click();
        const rule = lead.getByTestId('routing-rule').last();
        await rule.getByTestId('rule-channel').selectOption('social');
        await rule.getByTestId('rule-recipient').fill('4155550100');
        await lead.getByTestId('routing-save').click();
        await expect(lead.getByTestId('routing-saved')).toBeVisible();
        // an agent's tier
        const alice = lead.getByTestId('routing-agent').filter({ hasText: 'Alice Turner' });
        await alice.getByTestId('agent-tier').selectOption('2');
        await expect(lead.getByTestId('routing-saved')).toBeVisible();
        // what the server keeps, read back
        const token = await signIn(stack, LOGINS.lead.username, LOGINS.lead.password);
        const { agents } = await api<{ agents: Array<{ skills: { tier: number } }> }>(stack, 'GET', '/api/routing/agents', token);
        expect(agents.some((a) => a.skills.tier === 2)).toBe(true);
        // opened again (after the desktop pulled the saved version), the rule and the timeout are there
        await lead.getByTestId('nav-macros').click();
        await expect.poll(async () => {
          await lead.getByTestId('nav-routing').click();
          return lead.getByTestId('routing-timeout').inputValue();
        }, { timeout: 15_000 }).toBe('45');
        await expect(lead.getByTestId('routing-rule').last().getByTestId('rule-recipient')).toHaveValue('4155550100');
        // put back as it was: later specs of this worker route by the defaults
        await lead.getByTestId('routing-rule').last().getByTestId('rule-remove').click();
        await lead.getByTestId('routing-timeout').fill('30');
        await lead.getByTestId('routing-save').click();
        await expect(lead.getByTestId('routing-saved')).toBeVisible();
      } finally {
        await context.close();
      }
    });
  });
}

test.describe('ownership (issue 15)', () => {
  test('replying to an unassigned email case takes it, in the replying agent’s name', async ({ page, stack }) => {
    test.setTimeout(120_000);
    await login(page, stack, LOGINS.agent);
    await waitUntilSynced(page);
    // one of her email cases, handed back to the team queue (an agent may unassign her own case)
    await page.locator('[data-testid="queue-view"][data-view="mine"]').click();
    await page.locator('[data-testid="queue-row"][data-channel="email"]').first().click();
    await expect(page.getByTestId('customer-view')).toBeVisible();
    const assignee = page.getByTestId('case-assignee');
    await assignee.selectOption('');
    await expect(assignee.locator('option:checked')).toHaveText(/Unassigned|未分配/);
    await waitUntilSynced(page);
    await expect(page.getByTestId('case-take')).toBeVisible();

    // the reply on the email thread: the server gives her the case, and her desktop shows it
    const threadSelect = page.getByTestId('thread-select');
    const email = await threadSelect.locator('option').evaluateAll((opts) => opts.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })).find((o) => /email|邮件/i.test(o.label)));
    expect(email, 'the case has an email thread').toBeTruthy();
    await threadSelect.selectOption(email!.value);
    const reply = `Taking this one ${Date.now()}: I will check the sensor logs today.`;
    await page.getByTestId('composer-input').fill(reply);
    await page.getByTestId('composer-send').click();
    await expect(page.getByTestId('timeline-item').filter({ hasText: reply })).toHaveAttribute('data-local-state', 'synced', { timeout: 30_000 });
    await expect(assignee.locator('option:checked')).toHaveText('Alice Turner', { timeout: 30_000 });
    await expect(page.getByTestId('case-take')).toHaveCount(0);
  });
});
