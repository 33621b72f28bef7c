/**
 * Issue 9, finding 2: agents are managed in the app (admin: create, role/team/active, password reset); every new or
 * reset password is one-time and the server enforces the change (PASSWORD_CHANGE_REQUIRED everywhere but /api/me
 * and /api/auth/password, the sync socket included); the password policy holds on every change.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DirectoryResponse, LoginResponse, ManagedAgentsResponse, OneTimePasswordResponse } from '../../../src/shared/contracts/http';
import { DEMO_TEAMS } from '../../../src/server/seed';
import { forEachDatabase } from '../helpers/databases';
import { passwordOf, startTestServer, type TestServer, errorOf, httpCall } from '../helpers/server';

forEachDatabase('accounts', (ctx) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(ctx.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: string, path: string, token: string | null, body?: unknown) => httpCall(t, method, path, token, body);
  const login = (username: string, password: string) => call('POST', '/api/auth/login', null, { username, password });

  it('an admin creates an agent with a one-time password; until it is changed only /api/me and the password change work', async () => {
    const admin = await t.token('admin');
    const created = await call('POST', '/api/agents', admin, { username: 'nina', displayName: 'Nina Berg', role: 'agent', teamIds: [DEMO_TEAMS.glucose.id] });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const { agent, oneTimePassword } = OneTimePasswordResponse.parse(await created.json());
    expect(agent).toMatchObject({ username: 'nina', mustChangePassword: true, active: true });
    expect((await call('POST', '/api/agents', admin, { username: 'nina', displayName: 'x', role: 'agent', teamIds: [] })).status).toBe(409);

    const first = await login('nina', oneTimePassword);
    expect(first.status).toBe(200);
    const session = LoginResponse.parse(await first.json());
    expect(session.mustChangePassword).toBe(true);
    expect((await call('GET', '/api/me', session.token)).status).toBe(200);
    const dir = await call('GET', '/api/directory', session.token);
    expect(dir.status).toBe(403);
    expect((await errorOf(dir)).code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await call('GET', '/api/customers?q=chen', session.token)).status).toBe(403);
    await expect(t.connect(session.token)).rejects.toMatchObject({ data: { code: 'PASSWORD_CHANGE_REQUIRED' } });

    // the policy: too short, common, the username; a wrong current password
    for (const [newPassword, why] of [
      ['short-one', /at least 12/],
      ['password1234', /too common/],
      ['nina', /at least 12.*username/],
    ] as const) {
      const res = await call('POST', '/api/auth/password', session.token, { currentPassword: oneTimePassword, newPassword });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(why);
    }
    expect((await call('POST', '/api/auth/password', session.token, { currentPassword: 'wrong-password-x', newPassword: 'a-fine-new-passphrase' })).status).toBe(401);
    expect((await call('POST', '/api/auth/password', session.token, { currentPassword: oneTimePassword, newPassword: 'a-fine-new-passphrase' })).status).toBe(204);

    expect((await call('GET', '/api/directory', session.token)).status).toBe(200);
    const socket = await t.connect(session.token);
    socket.disconnect();
    expect((await login('nina', oneTimePassword)).status).toBe(401);
    const again = LoginResponse.parse(await (await login('nina', 'a-fine-new-passphrase')).json());
    expect(again.mustChangePassword).toBe(false);
    expect(t.logs()).not.toContain(oneTimePassword);
    expect(t.logs()).not.toContain('a-fine-new-passphrase');
  });

  it('only an admin manages agents', async () => {
    const lena = await t.token('lena');
    expect((await call('GET', '/api/agents', lena)).status).toBe(403);
    expect((await call('POST', '/api/agents', lena, { username: 'x1', displayName: 'X', role: 'agent', teamIds: [] })).status).toBe(403);
    const bob = (await t.login('bob')).agent;
    expect((await call('PATCH', `/api/agents/${bob.id}`, lena, { role: 'lead' })).status).toBe(403);
    expect((await call('POST', `/api/agents/${bob.id}/password-reset`, lena)).status).toBe(403);
  });

  it('an admin changes role and team (the directory follows) and deactivates an agent (sign-in and tokens refused)', async () => {
    const admin = await t.token('admin');
    const jun = await t.login('jun');
    const changed = await call('PATCH', `/api/agents/${jun.agent.id}`, admin, { role: 'lead', teamIds: [DEMO_TEAMS.glucose.id] });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ role: 'lead', teamIds: [DEMO_TEAMS.glucose.id] });
    // the role change is in the audit trail: who, whose, what (no names)
    const { rows: audited } = await t.db.query<{ actor_id: string; detail: Record<string, unknown> }>(
      `select actor_id, detail from audit_log where action = 'agent.role_changed' order by seq desc limit 1`,
    );
    expect(audited[0]).toMatchObject({ detail: { agentId: jun.agent.id, role: 'lead', teams: 1 } });
    const lenaDir = DirectoryResponse.parse(await (await call('GET', '/api/directory', await t.token('lena'))).json());
    expect(lenaDir.agents.map((a) => a.username)).toContain('jun');
    expect((await call('PATCH', `/api/agents/${jun.agent.id}`, admin, { teamIds: ['00000000-0000-7000-8000-000000000000'] })).status).toBe(400);

    expect((await call('PATCH', `/api/agents/${jun.agent.id}`, admin, { active: false })).status).toBe(200);
    expect((await login('jun', passwordOf('jun'))).status).toBe(401);
    expect((await call('GET', '/api/me', jun.token)).status).toBe(401);
    const list = ManagedAgentsResponse.parse(await (await call('GET', '/api/agents', admin)).json());
    expect(list.agents.find((a) => a.username === 'jun')).toMatchObject({ active: false });
    const me = (await t.login('admin')).agent;
    expect((await call('PATCH', `/api/agents/${me.id}`, admin, { active: false })).status).toBe(409);
  });

  it('a password reset gives a new one-time password; the old one stops working', async () => {
    const admin = await t.token('admin');
    const mei = (await t.login('mei')).agent;
    const res = await call('POST', `/api/agents/${mei.id}/password-reset`, admin);
    expect(res.status).toBe(200);
    const { oneTimePassword } = OneTimePasswordResponse.parse(await res.json());
    expect((await login('mei', passwordOf('mei'))).status).toBe(401);
    const s = LoginResponse.parse(await (await login('mei', oneTimePassword)).json());
    expect(s.mustChangePassword).toBe(true);
  });
});
