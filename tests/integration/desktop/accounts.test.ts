/**
 * The admin's accounts bridge end to end: a real desktop core against a real server. A team created or renamed from
 * the desktop reaches its cached directory at once (reference data, pulled right after the change); an agent made
 * from the desktop answers a one-time password; other roles are refused by the server; no server → UNAVAILABLE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEAMS } from '../../../src/server/seed';
import { codeOf } from '../../support/error-code';
import { waitFor } from '../../support/wait-for';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { openDesk, type Desk } from '../helpers/desk';
import { startTestServer, type TestServer } from '../helpers/server';

describe('admin bridge methods (agents, teams, lockouts) on a desktop core', () => {
  let database: TestDatabase;
  let ts: TestServer;
  let admin: Desk;
  let agent: Desk;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    ts = await startTestServer(database.db, { customers: 4 });
    admin = openDesk(ts.baseUrl);
    agent = openDesk(ts.baseUrl);
    await admin.login('admin');
    await agent.login('alice');
    await Promise.all([admin.synced(database.db), agent.synced(database.db)]);
  });

  afterAll(async () => {
    await admin?.close();
    await agent?.close();
    await ts?.close();
    await database?.dispose();
  });

  const teamOnDesk = (id: string, name: string) =>
    waitFor(async () => ((await admin.call('directory.get', {})).teams.some((t) => t.id === id && t.name === name) ? true : null), {
      timeoutMs: 15_000,
      what: `team "${name}" in the desktop's directory`,
    });

  it('a team created and renamed from the desktop shows in its directory without waiting for another change', async () => {
    const team = await admin.call('teams.create', { name: 'Sleep & Respiratory' });
    await teamOnDesk(team.id, 'Sleep & Respiratory');
    const renamed = await admin.call('teams.rename', { teamId: team.id, name: 'Sleep' });
    expect(renamed).toEqual({ id: team.id, name: 'Sleep' });
    await teamOnDesk(team.id, 'Sleep');
    expect((await admin.call('agents.list', {})).teams).toContainEqual({ id: team.id, name: 'Sleep' });
    expect(await codeOf(admin.call('teams.create', { name: 'sleep' }))).toBe('CONFLICT');
  });

  it('creates an agent (one-time password), changes it, lists lockouts', async () => {
    const created = await admin.call('agents.create', { username: 'desk.nina', displayName: 'Nina', role: 'agent', teamIds: [DEMO_TEAMS.glucose.id] });
    expect(created.oneTimePassword.length).toBeGreaterThanOrEqual(12);
    expect(created.agent).toMatchObject({ username: 'desk.nina', languages: ['en'], mustChangePassword: true, active: true });
    const changed = await admin.call('agents.update', { agentId: created.agent.id, role: 'lead', active: false });
    expect(changed).toMatchObject({ role: 'lead', active: false });
    const list = await admin.call('agents.list', {});
    expect(list.agents.find((a) => a.id === created.agent.id)).toMatchObject({ role: 'lead', active: false });
    const reset = await admin.call('agents.resetPassword', { agentId: created.agent.id });
    expect(reset.oneTimePassword).not.toBe(created.oneTimePassword);
    expect(await admin.call('lockouts.list', {})).toEqual({ lockouts: [] });
    expect(await codeOf(admin.call('lockouts.lift', { username: 'desk.nina' }))).toBe('NOT_FOUND');
  });

  it('an agent is refused by the server (FORBIDDEN); with the server gone it is UNAVAILABLE', async () => {
    expect(await codeOf(agent.call('agents.list', {}))).toBe('FORBIDDEN');
    expect(await codeOf(agent.call('teams.create', { name: 'Mine' }))).toBe('FORBIDDEN');
    expect(await codeOf(agent.call('lockouts.list', {}))).toBe('FORBIDDEN');
    await ts.close();
    await admin.offline();
    expect(await codeOf(admin.call('agents.list', {}))).toBe('UNAVAILABLE');
    expect(await codeOf(admin.call('teams.rename', { teamId: DEMO_TEAMS.glucose.id, name: 'x' }))).toBe('UNAVAILABLE');
  });
});
