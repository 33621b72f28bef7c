/**
 * Reference data on the server (src/server/kernel/reference) and over `sync:reference`, on PGlite and PostgreSQL:
 * who receives what, versions that never let a reader miss a late commit, deletes reaching a desktop cache,
 * and the directory that existed before migration 007.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DIRECTORY_AGENT, DIRECTORY_TEAM } from '../../../src/shared/features/directory/reference';
import { referenceKind, SYNC_EVENTS, type Ack, type Agent, type ReferenceItem, type ReferenceResponse, type Team } from '../../../src/shared';
import { newId } from '../../../src/shared/kernel/ids';
import { loadMigrations, migrate } from '../../../src/server/kernel/db/migrate';
import type { Db } from '../../../src/server/kernel/db/types';
import { deleteReference, pullReference, putReference } from '../../../src/server/kernel/reference';
import { DEMO_TEAMS, demoAgent } from '../../../src/server/seed';
import { Store } from '../../../src/main/core/kernel/store/index';
import { pullReference as pullIntoCache, type SyncRequest } from '../../../src/main/core/kernel/sync/reference';
import { tempDir } from '../../support/temp-dir';
import { createTestDatabase, DATABASE_KINDS, forEachDatabase, POSTGRES_PROBLEM, REQUIRE_SERVICES } from '../helpers/databases';
import { request, startTestServer, type TestServer } from '../helpers/server';

const G = DEMO_TEAMS.glucose.id;
const C = DEMO_TEAMS.cardio.id;
const NOTE = referenceKind('test.note', z.object({ text: z.string() }));

async function referencePage(socket: Socket, after: number, limit = 1000): Promise<ReferenceResponse> {
  const ack = await request<ReferenceResponse>(socket, SYNC_EVENTS.reference, { after, limit });
  if (!ack.ok) throw new Error(`sync:reference refused: ${ack.error.code} ${ack.error.message}`);
  return ack.value;
}

/** Every item from `after` on, walking pages; checks versions ascend across pages. */
async function referenceAll(socket: Socket, after = 0, limit = 1000): Promise<{ items: ReferenceItem[]; next: number; scope: string }> {
  const items: ReferenceItem[] = [];
  let last = after;
  for (;;) {
    const page = await referencePage(socket, after, limit);
    for (const i of page.items) {
      expect(i.version).toBeGreaterThan(last);
      last = i.version;
    }
    items.push(...page.items);
    after = page.next;
    if (!page.hasMore) return { items, next: page.next, scope: page.scope };
  }
}

const ids = (items: ReferenceItem[], kind: string) => items.filter((i) => i.kind === kind && !i.deleted).map((i) => i.id).sort();

forEachDatabase('reference data over sync:reference', (ctx) => {
  let t: TestServer;
  let alice: Socket;
  let bob: Socket;
  let admin: Socket;

  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 4 });
    [alice, bob, admin] = await Promise.all([t.connect(await t.token('alice')), t.connect(await t.token('bob')), t.connect(await t.token('admin'))]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const put = <T>(kind: Parameters<typeof putReference<T>>[1], items: Parameters<typeof putReference<T>>[2]) => ctx.db.transaction((tx) => putReference(tx, kind, items));

  it('the seeded directory replicates by team: an agent of Glucose never receives a Cardio-only team or agent', async () => {
    const a = await referenceAll(alice);
    expect(ids(a.items, 'directory.team')).toEqual([G]);
    const cardioOnly = ['bob', 'jun', 'omar'].map((u) => demoAgent(u).id);
    const seen = a.items.map((i) => i.id);
    for (const id of [C, ...cardioOnly]) expect(seen).not.toContain(id);
    // her teammates, the specialist of both teams, and the admin (in no team: organisation-wide)
    expect(ids(a.items, 'directory.agent')).toEqual(['alice', 'lena', 'dr.wang', 'mei', 'admin'].map((u) => demoAgent(u).id).sort());
    // the directory's items have the shared shapes (the team's macros and the server's channels replicate too)
    for (const i of a.items.filter((x) => x.kind === 'directory.team' || x.kind === 'directory.agent')) {
      const schema = i.kind === 'directory.team' ? DIRECTORY_TEAM.schema : DIRECTORY_AGENT.schema;
      expect(schema.safeParse(i.data).success).toBe(true);
    }
    expect(a.scope).toBe(`teams:${G}`);

    const b = await referenceAll(bob);
    expect(ids(b.items, 'directory.team')).toEqual([C]);
    expect(b.items.map((i) => i.id)).not.toContain(demoAgent('alice').id);

    const all = await referenceAll(admin);
    expect(ids(all.items, 'directory.team')).toEqual([G, C].sort());
    expect(ids(all.items, 'directory.agent')).toHaveLength(8);
    expect(all.scope).toBe('admin');
  });

  it('organisation-wide items reach everyone; a team item only its team (and admins), not even its id elsewhere', async () => {
    const [fromA, fromB, fromAdmin] = await Promise.all([alice, bob, admin].map(async (s) => (await referenceAll(s)).next));
    const orgId = `org-${newId()}`;
    const cardioId = `cardio-${newId()}`;
    await put(NOTE, [
      { id: orgId, teamIds: [], data: { text: 'for everyone' } },
      { id: cardioId, teamIds: [C], data: { text: 'for Cardio' } },
    ]);
    const a = await referenceAll(alice, fromA);
    const b = await referenceAll(bob, fromB);
    const ad = await referenceAll(admin, fromAdmin);
    expect(a.items.map((i) => i.id)).toEqual([orgId]);
    expect(a.items[0]).toMatchObject({ kind: 'test.note', teamIds: [], data: { text: 'for everyone' }, deleted: false });
    expect(ids(b.items, 'test.note')).toEqual([orgId, cardioId].sort());
    expect(ids(ad.items, 'test.note')).toEqual([orgId, cardioId].sort());
    // alice's cursor moved past the Cardio item without receiving it
    expect(a.next).toBe(b.next);
  });

  it('an item that moves to another team reaches its former team as a bare tombstone, and the new team in full', async () => {
    const fromA = (await referenceAll(alice)).next;
    const fromB = (await referenceAll(bob)).next;
    const id = `moving-${newId()}`;
    await put(NOTE, [{ id, teamIds: [G], data: { text: 'Glucose first' } }]);
    await put(NOTE, [{ id, teamIds: [C], data: { text: 'then Cardio' } }]);
    const a = await referenceAll(alice, fromA);
    expect(a.items).toEqual([{ kind: 'test.note', id, version: expect.any(Number), teamIds: [], data: null, deleted: true }]);
    const b = await referenceAll(bob, fromB);
    expect(b.items).toEqual([expect.objectContaining({ id, teamIds: [C], data: { text: 'then Cardio' }, deleted: false })]);
  });

  it('writing an item unchanged keeps its version; changing or deleting it takes a new, higher one', async () => {
    const id = `same-${newId()}`;
    expect(await put(NOTE, [{ id, teamIds: [], data: { text: 'x' } }])).toBe(1);
    const v1 = await versionOf(ctx.db, 'test.note', id);
    expect(await put(NOTE, [{ id, teamIds: [], data: { text: 'x' } }])).toBe(0);
    expect(await versionOf(ctx.db, 'test.note', id)).toBe(v1);
    await put(NOTE, [{ id, teamIds: [], data: { text: 'y' } }]);
    const v2 = await versionOf(ctx.db, 'test.note', id);
    expect(v2).toBeGreaterThan(v1);
    expect(await ctx.db.transaction((tx) => deleteReference(tx, NOTE, id))).toBe(true);
    expect(await versionOf(ctx.db, 'test.note', id)).toBeGreaterThan(v2);
    expect(await ctx.db.transaction((tx) => deleteReference(tx, NOTE, id))).toBe(false); // already gone
  });

  it('refuses data that does not fit the kind, writing nothing', async () => {
    const id = `bad-${newId()}`;
    const bad = { id, teamIds: [], data: { text: 42 } as unknown as { text: string } };
    await expect(put(NOTE, [{ id: `ok-${newId()}`, teamIds: [], data: { text: 'fine' } }, bad])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(put(NOTE, [{ id, teamIds: ['not-a-team-id'], data: { text: 'x' } }])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(put(NOTE, [{ id, teamIds: [], data: { text: 'nul \u0000 inside' } }])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const { rows } = await ctx.db.query<{ n: unknown }>("select count(*) as n from reference_items where kind = 'test.note' and (id like 'bad-%' or id like 'ok-%')");
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('sync:reference validates like the other sync requests', async () => {
    for (const bad of [{ after: -1, limit: 10 }, { after: 0, limit: 0 }, { after: 0, limit: 100_000 }, null]) {
      const ack = await request<ReferenceResponse>(alice, SYNC_EVENTS.reference, bad);
      expect(ack.ok).toBe(false);
      if (!ack.ok) expect(ack.error.code).toBe('INVALID_ARGUMENT');
    }
  });

  it('pages: at most `limit` items each, the next page starting where the last ended', async () => {
    await put(NOTE, Array.from({ length: 5 }, (_, i) => ({ id: `page-${i}-${newId()}`, teamIds: [], data: { text: `${i}` } })));
    const whole = await referenceAll(admin, 0, 1000);
    const paged = await referenceAll(admin, 0, 3);
    expect(paged.items).toEqual(whole.items);
    expect(paged.next).toBe(whole.next);
  });

  it('deletes reach a desktop cache through the real pull; an agent moved to another team gets the new scope whole', async () => {
    const dir = tempDir('omnidesk-ref-');
    const store = Store.open(`${dir.dir}/cache.sqlite`);
    try {
      const socket = await t.connect(await t.token('alice'));
      const transport: SyncRequest = async <T>(event: string, payload: unknown, schema: z.ZodType<Ack<T>>): Promise<T> => {
        const ack = schema.parse(await socket.timeout(10_000).emitWithAck(event, payload));
        if (!ack.ok) throw new Error(ack.error.code);
        return ack.value;
      };
      const id = `doomed-${newId()}`;
      await put(NOTE, [{ id, teamIds: [G], data: { text: 'soon gone' } }]);
      await pullIntoCache(store, transport, { limit: 2 });
      expect(store.reference.get(NOTE, id)).toEqual({ text: 'soon gone' });
      expect(store.reference.list(DIRECTORY_TEAM).map((x: Team) => x.id)).toEqual([G]);

      await ctx.db.transaction((tx) => deleteReference(tx, NOTE, id));
      await pullIntoCache(store, transport, { limit: 2 });
      expect(store.reference.get(NOTE, id)).toBeNull();

      // alice moves to Cardio: Cardio's items are older than her cursor, Glucose's must go
      await ctx.db.query('update agents set team_ids = $1::text::jsonb where username = $2', [JSON.stringify([C]), 'alice']);
      try {
        const r = await pullIntoCache(store, transport, { limit: 2 });
        expect(r.replaced).toBe(true);
        expect(store.reference.list(DIRECTORY_TEAM).map((x: Team) => x.id)).toEqual([C]);
        expect(store.reference.list(DIRECTORY_AGENT).map((x: Agent) => x.username)).toContain('bob');
        expect(store.reference.list(DIRECTORY_AGENT).map((x: Agent) => x.username)).not.toContain('mei');
      } finally {
        await ctx.db.query('update agents set team_ids = $1::text::jsonb where username = $2', [JSON.stringify([G]), 'alice']);
      }
    } finally {
      store.close();
      dir.cleanup();
    }
  });
});

async function versionOf(db: Db, kind: string, id: string): Promise<number> {
  const { rows } = await db.query<{ version: unknown }>('select version from reference_items where kind = $1 and id = $2', [kind, id]);
  return Number(rows[0]?.version);
}

const ADMIN: Agent = { id: newId(), username: 'root', displayName: 'Root', role: 'admin', teamIds: [], languages: ['en'], presence: 'offline' };

/** Everything after `after`, walking pages, as the desktop would. */
async function drain(db: Db, after: number, limit = 100): Promise<{ items: ReferenceItem[]; next: number }> {
  const items: ReferenceItem[] = [];
  for (;;) {
    const page = await pullReference(db, ADMIN, after, limit);
    items.push(...page.items);
    after = page.next;
    if (!page.hasMore) return { items, next: after };
  }
}

forEachDatabase('reference versions under concurrent writers', (ctx) => {
  it('a second writer waits for the first: versions commit in order, and a reader in between misses nothing', async () => {
    const start = (await drain(ctx.db, 0)).next;
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((r) => (releaseFirst = r));
    let firstDrew!: () => void;
    const firstHasVersion = new Promise<void>((r) => (firstDrew = r));
    const order: string[] = [];

    const first = ctx.db.transaction(async (tx) => {
      await putReference(tx, NOTE, [{ id: 'first', teamIds: [], data: { text: '1' } }]);
      firstDrew();
      await firstHeld; // holds its version uncommitted
      order.push('first commits');
    });
    await firstHasVersion;
    // the second would draw a higher version and commit at once, before the first
    const second = ctx.db.transaction(async (tx) => {
      await putReference(tx, NOTE, [{ id: 'second', teamIds: [], data: { text: '2' } }]);
      order.push('second commits');
    });
    await new Promise((r) => setTimeout(r, 300));
    // a reader now (on PostgreSQL beside the open transaction; PGlite queues it behind), then after both commits
    const reader = drain(ctx.db, start);
    await new Promise((r) => setTimeout(r, 100));
    const orderWhileFirstOpen = [...order];
    releaseFirst();
    await Promise.all([first, second]);
    const early = await reader;
    const late = await drain(ctx.db, early.next);
    const seen = [...early.items, ...late.items].filter((i) => i.kind === 'test.note');
    expect(seen.map((i) => i.id)).toEqual(['first', 'second']);
    expect(seen[0]!.version).toBeLessThan(seen[1]!.version);
    expect(order).toEqual(['first commits', 'second commits']);
    expect(orderWhileFirstOpen).toEqual([]); // the second could not take a version while the first held one
  });

  it('many writers committing in random order, a reader polling throughout: every item once, versions strictly increasing', async () => {
    let cursor = (await drain(ctx.db, 0)).next;
    const received: ReferenceItem[] = [];
    let writing = true;
    const poller = (async () => {
      while (writing) {
        const r = await drain(ctx.db, cursor, 3);
        received.push(...r.items);
        cursor = r.next;
        await new Promise((res) => setTimeout(res, 2));
      }
      const r = await drain(ctx.db, cursor, 3);
      received.push(...r.items);
    })();
    // three writers at a time (the PostgreSQL pool has five connections: the reader always gets one)
    const LANES = 3;
    const PER_LANE = 8;
    const N = LANES * PER_LANE;
    await Promise.all(
      Array.from({ length: LANES }, async (_, lane) => {
        for (let k = 0; k < PER_LANE; k++) {
          const i = lane * PER_LANE + k;
          await ctx.db.transaction(async (tx) => {
            await new Promise((r) => setTimeout(r, Math.random() * 10));
            await putReference(tx, NOTE, [{ id: `w${i}`, teamIds: [], data: { text: `${i}` } }]);
            await new Promise((r) => setTimeout(r, Math.random() * 30)); // commit later, in any order
          });
        }
      }),
    );
    writing = false;
    await poller;
    const notes = received.filter((i) => i.kind === 'test.note' && i.id.startsWith('w'));
    expect(notes.map((i) => i.id).sort()).toEqual(Array.from({ length: N }, (_, i) => `w${i}`).sort());
    for (let i = 1; i < received.length; i++) expect(received[i]!.version).toBeGreaterThan(received[i - 1]!.version);
  });
});

describe.each(DATABASE_KINDS)('migration 007 on an existing database [%s]', (kind) => {
  const skip = kind === 'postgres' && POSTGRES_PROBLEM !== null && !REQUIRE_SERVICES;
  it.skipIf(skip)('turns the teams and agents that were there into reference items', async () => {
    const t = await createTestDatabase(kind, { migrate: false });
    try {
      // the schema as it was before 007, with a directory in it
      await t.db.exec('create table schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())');
      for (const m of (await loadMigrations()).filter((x) => x.version < 7)) {
        await t.db.exec(m.sql);
        await t.db.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      }
      const team: Team = { id: newId(), name: 'Glucose' };
      const agent: Agent = { id: newId(), username: 'zoe', displayName: 'Zoe', role: 'lead', teamIds: [team.id], languages: ['en', 'zh'], presence: 'away' };
      await t.db.query('insert into teams (id, name) values ($1, $2)', [team.id, team.name]);
      await t.db.query(
        `insert into agents (id, username, display_name, password_hash, role, team_ids, languages, presence)
         values ($1, $2, $3, 'x', $4, $5::text::jsonb, $6::text::jsonb, $7)`,
        [agent.id, agent.username, agent.displayName, agent.role, JSON.stringify(agent.teamIds), JSON.stringify(agent.languages), agent.presence],
      );
      expect(await migrate(t.db)).toContain('007_reference.sql');
      const viewer: Agent = { ...agent, id: newId() };
      const page = await pullReference(t.db, viewer, 0, 100);
      const team1 = page.items.find((i) => i.kind === 'directory.team');
      const agent1 = page.items.find((i) => i.kind === 'directory.agent');
      expect(team1).toMatchObject({ id: team.id, teamIds: [team.id], deleted: false });
      expect(DIRECTORY_TEAM.schema.parse(team1?.data)).toEqual(team);
      expect(agent1).toMatchObject({ id: agent.id, teamIds: [team.id] });
      expect(DIRECTORY_AGENT.schema.parse(agent1?.data)).toEqual(agent);
      // the sequence continues after the backfill
      await t.db.transaction((tx) => putReference(tx, NOTE, [{ id: 'after', teamIds: [], data: { text: 'x' } }]));
      expect(await versionOf(t.db, 'test.note', 'after')).toBeGreaterThan(Math.max(...page.items.map((i) => i.version)));
    } finally {
      await t.dispose();
    }
  });
});
