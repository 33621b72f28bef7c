/**
 * "Every desktop converges to the server's state": a desktop cache (its SQLite file) compared with the
 * server's projections and log, for one agent's teams.
 */
import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Queryable } from '../../../src/server/kernel/db/types';

export interface CacheSnapshot {
  cases: Map<string, unknown>;
  customers: Map<string, unknown>;
  syncedEventIds: Set<string>;
  pendingEvents: number;
  rejectedEvents: number;
  outbox: { pending: number; rejected: number };
  /** outbox rows without their local event, or local events without their outbox row: must be 0 */
  orphans: number;
  cursor: number;
  /** the customers this cache holds (partial replication): its customer rows and its events' customers */
  held: Set<string>;
  /** 'team' when the server gave this cache whole teams (a lead), 'partial' for an agent's scope */
  scope: string | null;
}

/** The one cache file in a desktop data dir (`cache-<agentId>.sqlite`). */
export function cacheFileIn(dataDir: string): string {
  const f = readdirSync(dataDir).find((n) => /^cache-.*\.sqlite$/.test(n));
  if (!f) throw new Error(`no cache file in ${dataDir}`);
  return join(dataDir, f);
}

export function readCache(file: string): CacheSnapshot {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = <T>(sql: string) => db.prepare(sql).all() as T[];
    const cases = new Map(rows<{ id: string; json: string }>('SELECT id, json FROM cases').map((r) => [r.id, JSON.parse(r.json) as unknown]));
    const customers = new Map(rows<{ id: string; json: string }>('SELECT id, json FROM customers').map((r) => [r.id, JSON.parse(r.json) as unknown]));
    const synced = new Set(rows<{ id: string }>("SELECT id FROM events WHERE local_state = 'synced'").map((r) => r.id));
    const count = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
    return {
      cases,
      customers,
      syncedEventIds: synced,
      pendingEvents: count("SELECT count(*) AS n FROM events WHERE local_state = 'pending'"),
      rejectedEvents: count("SELECT count(*) AS n FROM events WHERE local_state = 'rejected'"),
      outbox: {
        pending: count("SELECT count(*) AS n FROM outbox WHERE status = 'pending'"),
        rejected: count("SELECT count(*) AS n FROM outbox WHERE status = 'rejected'"),
      },
      orphans:
        count("SELECT count(*) AS n FROM outbox o WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = o.mutation_id AND e.local_state = o.status)") +
        count("SELECT count(*) AS n FROM events e WHERE e.local_state <> 'synced' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.mutation_id = e.id)"),
      cursor: Number((db.prepare("SELECT value FROM meta WHERE key = 'cursor'").get() as { value: string } | undefined)?.value ?? 0),
      held: new Set([...customers.keys(), ...rows<{ c: string }>("SELECT DISTINCT customer_id AS c FROM events WHERE local_state = 'synced'").map((r) => r.c)]),
      scope: (db.prepare("SELECT value FROM meta WHERE key = 'replicaScope'").get() as { value: string } | undefined)?.value ?? null,
    };
  } finally {
    db.close();
  }
}

export async function serverTeamsOf(q: Queryable, username: string): Promise<string[]> {
  const { rows } = await q.query<{ team_ids: string[] }>('select team_ids from agents where username = $1', [username]);
  return rows[0]?.team_ids ?? [];
}

/**
 * Asserts the cache equals the server for these teams: nothing waiting; for every customer the cache holds,
 * its projections field by field and every one of its events; and it holds every customer it must — the
 * whole teams for a lead's cache, at least every customer with an open case for an agent's (partial).
 */
export async function expectConverged(q: Queryable, file: string, teamIds: readonly string[], opts: { rejected?: number; withinMs?: number } = {}): Promise<CacheSnapshot> {
  // Converging is eventual: the server's own jobs (an SLA warning firing a scripted escalation, say) may
  // change a case between the desktop's last catch-up and this read; a live desktop gets that change pushed
  // within moments. So compare again until it holds or the time is up, and report the last difference.
  const deadline = Date.now() + (opts.withinMs ?? 15_000);
  for (;;) {
    try {
      return await compareOnce(q, file, teamIds, opts);
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function compareOnce(q: Queryable, file: string, teamIds: readonly string[], opts: { rejected?: number }): Promise<CacheSnapshot> {
  const snap = readCache(file);
  expect(snap.orphans, 'outbox and local events agree').toBe(0);
  expect(snap.outbox.pending, 'nothing left to push').toBe(0);
  expect(snap.pendingEvents, 'no local event still pending').toBe(0);
  expect(snap.outbox.rejected, 'rejected changes').toBe(opts.rejected ?? 0);
  const teams = [...teamIds];
  const { rows: allCustomers } = await q.query<{ id: string; data: unknown }>('select id, data from customers where team_id = any($1::uuid[])', [teams]);
  const { rows: openCustomers } = await q.query<{ id: string }>("select distinct customer_id as id from cases where team_id = any($1::uuid[]) and status <> 'closed'", [teams]);
  const must = snap.scope === 'partial' ? openCustomers.map((r) => r.id) : allCustomers.map((r) => r.id);
  const notHeld = must.filter((id) => !snap.held.has(id));
  expect(notHeld, 'customers the cache must hold').toEqual([]);
  const held = [...snap.held];
  const { rows: cases } = await q.query<{ id: string; data: unknown }>('select id, data from cases where team_id = any($1::uuid[]) and customer_id = any($2::uuid[])', [teams, held]);
  const customers = allCustomers.filter((c) => snap.held.has(c.id));
  const { rows: events } = await q.query<{ id: string }>('select id from events where team_id = any($1::uuid[]) and customer_id = any($2::uuid[])', [teams, held]);
  expect(snap.cases.size, 'same number of cases').toBe(cases.length);
  for (const c of cases) expect(snap.cases.get(c.id), `case ${c.id}`).toEqual(c.data);
  expect(snap.customers.size, 'same number of customers').toBe(customers.length);
  for (const c of customers) expect(snap.customers.get(c.id), `customer ${c.id}`).toEqual(c.data);
  expect(snap.syncedEventIds.size, 'same number of events').toBe(events.length);
  const missing = events.filter((e) => !snap.syncedEventIds.has(e.id));
  expect(missing.length, 'server events missing from the cache').toBe(0);
  return snap;
}

/** How many events the server holds for each id (every id must be 1: applied, and applied once). */
export async function eventCounts(q: Queryable, ids: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await q.query<{ id: string; n: unknown }>('select id, count(*) as n from events where id = any($1::uuid[]) group by id', [[...ids]]);
  const m = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const r of rows) m.set(r.id, Number(r.n));
  return m;
}
