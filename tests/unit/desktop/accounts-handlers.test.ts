import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/shared';
import type { ManagedAgent } from '../../../src/shared/contracts/http';
import { accountsHandlers, type AccountsSession } from '../../../src/main/core/features/accounts';
import { codeOf } from '../../support/error-code';

const SERVER = 'http://server.test';
const team = { id: newId(), name: 'Glucose & Metabolic' };
const agent: ManagedAgent = {
  id: newId(),
  username: 'nina',
  displayName: 'Nina',
  role: 'agent',
  teamIds: [team.id],
  languages: ['en'],
  presence: 'offline',
  active: true,
  mustChangePassword: true,
};

interface Seen {
  method: string;
  path: string;
  auth: string | null;
  body: unknown;
}

/** The accounts handlers over a fake fetch answering `answer(method, path)`; records every request. */
function setup(answer: (method: string, path: string) => Response, session: Partial<AccountsSession> = {}) {
  const seen: Seen[] = [];
  let pulls = 0;
  const fetchFake: typeof fetch = async (url, init) => {
    const path = String(url).slice(SERVER.length);
    const method = init?.method ?? 'GET';
    seen.push({ method, path, auth: new Headers(init?.headers).get('authorization'), body: init?.body ? JSON.parse(String(init.body)) : undefined });
    return answer(method, path);
  };
  const h = accountsHandlers({
    session: () => ({ serverUrl: SERVER, token: 'tok-1', offline: false, ...session }),
    http: { fetch: fetchFake, timeoutMs: 1000 },
    directoryChanged: () => void pulls++,
  });
  return { h, seen, pulls: () => pulls };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const error = (status: number, code: string) => json(status, { error: { code, message: 'm' } });

describe('accounts bridge handlers (desktop core)', () => {
  it('lists agents with every team (sorted by name) from the server, with the session token', async () => {
    const other = { id: newId(), name: 'Cardio & Vitals' };
    const { h, seen } = setup((_m, path) => (path === '/api/agents' ? json(200, { agents: [agent] }) : json(200, { agents: [], teams: [team, other] })));
    expect(await h['agents.list']({})).toEqual({ agents: [agent], teams: [other, team] });
    expect(seen.map((s) => `${s.method} ${s.path}`).sort()).toEqual(['GET /api/agents', 'GET /api/directory']);
    expect(seen.every((s) => s.auth === 'Bearer tok-1')).toBe(true);
  });

  it('sends each change to its route and pulls the directory after the ones it shows', async () => {
    const otp = { agent, oneTimePassword: 'a-one-time-pass' };
    const { h, seen, pulls } = setup((method, path) => {
      if (path.endsWith('/password-reset') || (method === 'POST' && path === '/api/agents')) return json(200, otp);
      if (path.startsWith('/api/agents/')) return json(200, agent);
      if (path.startsWith('/api/teams')) return json(200, team);
      return new Response(null, { status: 204 });
    });
    await h['agents.create']({ username: 'nina', displayName: 'Nina', role: 'agent', teamIds: [team.id], languages: ['en'] });
    expect(pulls()).toBe(1);
    await h['agents.update']({ agentId: agent.id, role: 'lead', active: false });
    expect(pulls()).toBe(2);
    expect(await h['agents.resetPassword']({ agentId: agent.id })).toEqual(otp);
    expect(pulls()).toBe(2);
    await h['teams.create']({ name: 'Sleep' });
    await h['teams.rename']({ teamId: team.id, name: 'Sleep & Respiratory' });
    expect(pulls()).toBe(4);
    expect(await h['lockouts.lift']({ username: 'nina.b' })).toEqual({});
    expect(seen.map((s) => [s.method, s.path, s.body])).toEqual([
      ['POST', '/api/agents', { username: 'nina', displayName: 'Nina', role: 'agent', teamIds: [team.id], languages: ['en'] }],
      ['PATCH', `/api/agents/${agent.id}`, { role: 'lead', active: false }],
      ['POST', `/api/agents/${agent.id}/password-reset`, undefined],
      ['POST', '/api/teams', { name: 'Sleep' }],
      ['PATCH', `/api/teams/${team.id}`, { name: 'Sleep & Respiratory' }],
      ['DELETE', '/api/auth/lockouts/nina.b', undefined],
    ]);
  });

  it('offline (signed in from remembered credentials) every method is UNAVAILABLE without a request', async () => {
    const { h, seen } = setup(() => json(200, {}), { offline: true });
    expect(await codeOf(h['agents.list']({}))).toBe('UNAVAILABLE');
    expect(await codeOf(h['teams.create']({ name: 'x' }))).toBe('UNAVAILABLE');
    expect(await codeOf(h['lockouts.list']({}))).toBe('UNAVAILABLE');
    await expect(h['agents.list']({})).rejects.toThrow(/offline/);
    expect(seen).toEqual([]);
  });

  it("keeps the server's refusals (FORBIDDEN, NOT_FOUND, CONFLICT, INVALID_ARGUMENT); unreachable, 5xx and bad answers are UNAVAILABLE", async () => {
    const answers: Record<string, () => Response> = {
      forbidden: () => error(403, 'FORBIDDEN'),
      notFound: () => error(404, 'NOT_FOUND'),
      conflict: () => error(409, 'CONFLICT'),
      invalid: () => error(400, 'INVALID_ARGUMENT'),
      down: () => error(503, 'UNAVAILABLE'),
      garbage: () => json(200, { nope: true }),
      unreachable: () => {
        throw new TypeError('fetch failed');
      },
    };
    const expected: Record<string, string> = { forbidden: 'FORBIDDEN', notFound: 'NOT_FOUND', conflict: 'CONFLICT', invalid: 'INVALID_ARGUMENT', down: 'UNAVAILABLE', garbage: 'UNAVAILABLE', unreachable: 'UNAVAILABLE' };
    for (const [name, answer] of Object.entries(answers)) {
      const { h, pulls } = setup(answer);
      expect(await codeOf(h['teams.rename']({ teamId: team.id, name: 'New name' })), name).toBe(expected[name]);
      expect(pulls(), name).toBe(0);
    }
  });
});
