/**
 * The lead console offline (issue 16): a lead's desktop answers the wallboard, the report and the alerts it last had
 * when the server is gone, marked stale with their time; a pushed wallboard is relayed and kept too; what it never had
 * is UNAVAILABLE, and an agent's desktop is refused by the server, not served a cached copy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Wallboard } from '../../../src/shared';
import { ingestInbound } from '../../../src/server/channels/ingest';
import { DEMO_TEAMS } from '../../../src/server/seed';
import { codeOf } from '../../support/error-code';
import { captureLogger, inbound } from '../channels/helpers';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { openDesk, type Desk } from '../helpers/desk';
import { startTestServer, type TestServer } from '../helpers/server';
import { until } from '../helpers/until';

const G = DEMO_TEAMS.glucose.id;

describe('the lead console on a desktop that loses the server', () => {
  let database: TestDatabase;
  let ts: TestServer;
  let lead: Desk;
  let agent: Desk;
  const pushed: Wallboard[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    ts = await startTestServer(database.db, { customers: 8 });
    lead = openDesk(ts.baseUrl);
    agent = openDesk(ts.baseUrl);
    await lead.login('lena');
    await agent.login('alice');
    await lead.synced(database.db);
    lead.core.subscribe((n) => {
      if (n.event === 'lead.wallboard') pushed.push(n.payload);
    });
  }, 120_000);
  afterAll(async () => {
    await lead?.close();
    await agent?.close();
    await ts?.close();
    await database?.dispose();
  });

  const query = { from: '2026-05-01T00:00:00.000Z', to: '2026-06-16T00:00:00.000Z', period: 'week' as const, by: 'team' as const, timeZone: 'UTC' };

  it('online: the figures come from the server, fresh; a pushed wallboard reaches the desktop', async () => {
    const w = await lead.call('lead.wallboard', {});
    expect(w.stale).toBe(false);
    expect(w.wallboards.map((b) => b.teamId)).toEqual([G]);
    const r = await lead.call('lead.kpis', query);
    expect(r.stale).toBe(false);
    expect((await lead.call('lead.alerts', { timeZone: 'UTC' })).stale).toBe(false);
    await ingestInbound({ db: database.db, poke: (s) => ts.server.poke(s), logger: captureLogger() }, inbound({ channel: 'chat', body: 'My meter shows E3', teamHint: G }));
    await until('a pushed wallboard', () => pushed.find((b) => b.totals.open === w.wallboards[0]!.totals.open + 1));
  });

  it('an agent’s desktop is refused the console by the server', async () => {
    expect(await codeOf(agent.call('lead.wallboard', {}))).toBe('FORBIDDEN');
    expect(await codeOf(agent.call('lead.kpis', query))).toBe('FORBIDDEN');
  });

  it('offline: the last figures, marked stale with their time; a report never fetched is unavailable', async () => {
    const last = pushed.at(-1)!;
    await ts.server.close();
    await lead.offline();
    const w = await lead.call('lead.wallboard', {});
    expect(w.stale).toBe(true);
    // the pushed one is the last it had
    expect(w.wallboards[0]!.totals.open).toBe(last.totals.open);
    expect(w.at).toBe(last.generatedAt);
    const r = await lead.call('lead.kpis', query);
    expect(r.stale).toBe(true);
    expect(r.rows.length).toBeGreaterThan(0);
    expect((await lead.call('lead.alerts', { timeZone: 'UTC' })).stale).toBe(true);
    expect(await codeOf(lead.call('lead.kpis', { ...query, by: 'agent' }))).toBe('UNAVAILABLE');
    expect(await codeOf(lead.call('lead.kpiCases', { ...query, row: '2026-06-08', key: G, figure: 'opened' }))).toBe('UNAVAILABLE');
  });
});
