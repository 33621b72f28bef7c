/**
 * Issue 9, finding 3: the server process (its CLI, as deployed) must log no query string: customer search
 * text (names, emails, phone numbers) and the CTI, Chatwoot and verify tokens passed as `?token=` never reach
 * the JSON log on stdout, and the human lines (URL, demo logins) go to stderr, never beside the JSON log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../support/server-proc';
import { waitFor } from '../../support/wait-for';

const CTI_TOKEN = 'cti-secret-token-7f3a9c1e5b';
const CHATWOOT_TOKEN = 'chatwoot-secret-token-2d8e4a6f0c';
const VERIFY_TOKEN = 'verify-secret-token-9b1c3e5d7a';
const SEARCHES = ['Margaret Chen', 'margaret.chen@example.com', '+14155550123'];

describe('server log privacy (server process on PGlite)', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({
      databaseUrl: '',
      name: 'server-log-privacy',
      env: { OMNIDESK_CTI_TOKEN: CTI_TOKEN, OMNIDESK_CHATWOOT_TOKEN: CHATWOOT_TOKEN, OMNIDESK_SOCIAL_VERIFY_TOKEN: VERIFY_TOKEN },
    });
  }, 180_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('logs method and path only: no search text, no token from a query string', async () => {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'omnidesk-agent' }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    for (const q of SEARCHES) {
      const res = await fetch(`${server.url}/api/customers?q=${encodeURIComponent(q)}&limit=5`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
    }
    const cti = await fetch(`${server.url}/cti/events?token=${CTI_TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'bogus' }),
    });
    expect(cti.status).toBe(400); // the token was accepted; the body was not
    const chatwoot = await fetch(`${server.url}/webhooks/chatwoot?token=${CHATWOOT_TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'conversation_status_changed' }),
    });
    expect(chatwoot.status).toBeLessThan(500);
    const verify = await fetch(
      `${server.url}/webhooks/social?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=challenge-4242`,
    );
    expect(await verify.text()).toBe('challenge-4242');
    const unknown = await fetch(`${server.url}/no/such/route?q=${encodeURIComponent(SEARCHES[1]!)}`);
    expect(unknown.status).toBe(404);

    // every request above is in the log (as method + path), so the check below is not vacuous
    await waitFor(() => (server.stdout().split('\n').filter((l) => l.includes('"request completed"')).length >= 8 ? true : null), {
      timeoutMs: 10_000,
      what: 'request logs',
    });
    const log = server.stdout();
    expect(log).toContain('/api/customers');
    expect(log).toContain('/cti/events');
    for (const secret of [CTI_TOKEN, CHATWOOT_TOKEN, VERIFY_TOKEN, 'challenge-4242', token, ...SEARCHES, encodeURIComponent(SEARCHES[0]!), encodeURIComponent(SEARCHES[1]!), 'margaret']) {
      expect(log.toLowerCase(), `log holds ${secret.slice(0, 12)}…`).not.toContain(secret.toLowerCase());
    }
    expect(log).not.toMatch(/\?(q|token|hub)/);
    expect(log).not.toMatch(/remoteAddress|remotePort/);
  });

  it('stdout is the JSON log alone: the listening line and the demo logins go to stderr', () => {
    const lines = server.stdout().split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(() => JSON.parse(l) as unknown, l.slice(0, 80)).not.toThrow();
    expect(server.stdout()).not.toContain('omnidesk-agent');
    expect(server.output()).toContain('omnidesk-agent'); // printed once, on stderr
    expect(server.output()).toContain('listening on');
  });
});
