/**
 * Issue 9: admins create and rename teams (POST /api/teams, PATCH /api/teams/:id). A team reaches desktops as the
 * directory's reference data (sync:reference) and GET /api/directory, the same way as the seeded teams; each
 * change is audited (ids only); other roles are refused; names are checked (empty, too long, taken).
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DirectoryResponse } from '../../../src/shared/contracts/http';
import { DIRECTORY_TEAM } from '../../../src/shared/features/directory/reference';
import { SYNC_EVENTS, Team, type ReferenceResponse } from '../../../src/shared';
import { newId } from '../../../src/shared/kernel/ids';
import { DEMO_TEAMS } from '../../../src/server/seed';
import { forEachDatabase } from '../helpers/databases';
import { request, startTestServer, type TestServer, errorOf, httpCall } from '../helpers/server';

forEachDatabase('teams', (ctx) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 4 });
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: string, path: string, token: string | null, body?: unknown) => httpCall(t, method, path, token, body);
  const directoryOf = async (token: string) => DirectoryResponse.parse(await (await call('GET', '/api/directory', token)).json());
  /** the team items this socket's desktop would receive (live ones), after `after` */
  const teamItems = async (socket: Socket, after = 0) => {
    const ack = await request<ReferenceResponse>(socket, SYNC_EVENTS.reference, { after, limit: 1000 });
    if (!ack.ok) throw new Error(`sync:reference refused: ${ack.error.code}`);
    return ack.value.items.filter((i) => i.kind === DIRECTORY_TEAM.kind && !i.deleted).map((i) => Team.parse(i.data));
  };

  it('an admin creates a team: it is in the directory, reaches desktops as reference data and is audited', async () => {
    const admin = await t.token('admin');
    const res = await call('POST', '/api/teams', admin, { name: '  Sleep & Respiratory ' });
    expect(res.status).toBe(201);
    const team = Team.parse(await res.json());
    expect(team.name).toBe('Sleep & Respiratory');
    expect((await directoryOf(admin)).teams).toContainEqual(team);

    const socket = await t.connect(admin);
    try {
      expect(await teamItems(socket)).toContainEqual(team);
    } finally {
      socket.disconnect();
    }
    const { rows } = await t.db.query<{ actor_id: string; detail: Record<string, unknown> }>(
      `select actor_id, detail from audit_log where action = 'team.created' order by seq desc limit 1`,
    );
    expect(rows[0]).toMatchObject({ actor_id: (await t.login('admin')).agent.id, detail: { teamId: team.id } });

    // an agent put in the team receives it like the seeded ones
    const bob = await t.login('bob');
    expect((await call('PATCH', `/api/agents/${bob.agent.id}`, admin, { teamIds: [DEMO_TEAMS.cardio.id, team.id] })).status).toBe(200);
    const bobToken = await t.token('bob');
    expect((await directoryOf(bobToken)).teams.map((x) => x.id)).toContain(team.id);
    const bobSocket = await t.connect(bobToken);
    try {
      expect((await teamItems(bobSocket)).map((x) => x.id)).toContain(team.id);
    } finally {
      bobSocket.disconnect();
    }
  });

  it('an admin renames a team: desktops receive the new name; the change is audited', async () => {
    const admin = await t.token('admin');
    const team = Team.parse(await (await call('POST', '/api/teams', admin, { name: 'Hearing aids' })).json());
    const socket = await t.connect(admin);
    try {
      const before = await request<ReferenceResponse>(socket, SYNC_EVENTS.reference, { after: 0, limit: 1000 });
      if (!before.ok) throw new Error('sync:reference refused');
      const res = await call('PATCH', `/api/teams/${team.id}`, admin, { name: 'Hearing & Audio' });
      expect(res.status).toBe(200);
      expect(Team.parse(await res.json())).toEqual({ id: team.id, name: 'Hearing & Audio' });
      // only the change after the cursor: the renamed team
      expect(await teamItems(socket, before.value.next)).toEqual([{ id: team.id, name: 'Hearing & Audio' }]);
    } finally {
      socket.disconnect();
    }
    expect((await directoryOf(admin)).teams).toContainEqual({ id: team.id, name: 'Hearing & Audio' });
    const { rows } = await t.db.query<{ detail: Record<string, unknown> }>(`select detail from audit_log where action = 'team.renamed' order by seq desc limit 1`);
    expect(rows[0]?.detail).toEqual({ teamId: team.id });
  });

  it('refuses other roles, bad names, a taken name and an unknown team', async () => {
    const admin = await t.token('admin');
    for (const who of ['lena', 'alice', 'dr.wang']) {
      const token = await t.token(who);
      const created = await call('POST', '/api/teams', token, { name: `Team of ${who}` });
      expect(created.status, who).toBe(403);
      expect((await errorOf(created)).code).toBe('FORBIDDEN');
      expect((await call('PATCH', `/api/teams/${DEMO_TEAMS.glucose.id}`, token, { name: 'Renamed' })).status, who).toBe(403);
    }
    for (const body of [{ name: '' }, { name: '   ' }, { name: 'x'.repeat(81) }, {}, { name: 'Fine', extra: 1 }]) {
      const res = await call('POST', '/api/teams', admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).code).toBe('INVALID_ARGUMENT');
      const renamed = await call('PATCH', `/api/teams/${DEMO_TEAMS.glucose.id}`, admin, body);
      expect(renamed.status).toBe(400);
      expect((await errorOf(renamed)).code).toBe('INVALID_ARGUMENT');
    }
    const taken = await call('POST', '/api/teams', admin, { name: DEMO_TEAMS.glucose.name.toUpperCase() });
    expect(taken.status).toBe(409);
    expect((await errorOf(taken)).code).toBe('CONFLICT');
    expect((await call('PATCH', `/api/teams/${DEMO_TEAMS.cardio.id}`, admin, { name: DEMO_TEAMS.glucose.name })).status).toBe(409);
    // a team keeps its own name
    const same = await call('PATCH', `/api/teams/${DEMO_TEAMS.cardio.id}`, admin, { name: DEMO_TEAMS.cardio.name });
    expect(same.status).toBe(200);
    const unknown = await call('PATCH', `/api/teams/${newId()}`, admin, { name: 'Nobody' });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe('NOT_FOUND');
    expect((await call('PATCH', '/api/teams/not-an-id', admin, { name: 'Nobody' })).status).toBe(400);
  });
});
