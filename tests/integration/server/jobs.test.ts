/**
 * The jobs kernel (src/server/kernel/jobs) on PGlite and PostgreSQL: enqueue inside the caller's transaction,
 * dedupe by key, retries with backoff up to a terminal `failed`, leases (a crashed instance's job is taken
 * again, a live one's is not), recurring jobs, the wake-up on enqueue, and two runners sharing one queue.
 */
import { Writable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { openPg } from '../../../src/server/kernel/db/pg';
import type { Db } from '../../../src/server/kernel/db/types';
import { cancel, createJobRunner, enqueue, enqueueMany, PermanentJobError, type JobRunner, type JobRunnerOptions } from '../../../src/server/kernel/jobs';
import { createLogger } from '../../../src/server/kernel/logger';
import { forEachDatabase, TEST_PG_URL } from '../helpers/databases';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => Promise<T | null | false | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

interface JobRow {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  locked_by: string | null;
}

forEachDatabase('jobs kernel', (ctx) => {
  const runners: JobRunner[] = [];
  const extraDbs: Db[] = [];
  let logText = '';
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _enc, cb) {
        logText += chunk.toString();
        cb();
      },
    }),
  });

  function runner(options: Partial<JobRunnerOptions> = {}, db: Db = ctx.db): JobRunner {
    const r = createJobRunner({ db, logger, pollIntervalMs: 50, ...options });
    runners.push(r);
    return r;
  }

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await Promise.all(extraDbs.splice(0).map((d) => d.close()));
    await ctx.db.query('delete from jobs');
  });

  const jobsOf = async (kind: string) =>
    (await ctx.db.query<JobRow>('select id, status, attempts, last_error, locked_by from jobs where kind = $1 order by created_at', [kind])).rows;

  it('a job enqueued in a transaction that rolls back does not exist; one that commits does', async () => {
    await expect(
      ctx.db.transaction(async (tx) => {
        await enqueue(tx, { kind: 'test.rollback', key: 'a', payload: { n: 1 } });
        throw new Error('the causing event failed');
      }),
    ).rejects.toThrow('the causing event failed');
    expect(await jobsOf('test.rollback')).toEqual([]);
    const id = await ctx.db.transaction((tx) => enqueue(tx, { kind: 'test.rollback', key: 'a', payload: { n: 1 } }));
    expect(id).toBeTruthy();
    expect(await jobsOf('test.rollback')).toMatchObject([{ id, status: 'queued', attempts: 0 }]);
  });

  it('a key is live once per kind: a second enqueue does nothing until the first is done; cancel removes a queued job', async () => {
    const first = await ctx.db.transaction((tx) => enqueue(tx, { kind: 'test.dedupe', key: 'case-1', payload: {} }));
    const again = await ctx.db.transaction((tx) => enqueueMany(tx, [{ kind: 'test.dedupe', key: 'case-1' }, { kind: 'test.dedupe', key: 'case-1' }]));
    expect(first).toBeTruthy();
    expect(again).toEqual([]);
    // another kind, or no key, is another job
    expect(await ctx.db.transaction((tx) => enqueue(tx, { kind: 'test.dedupe-other', key: 'case-1' }))).toBeTruthy();
    expect(await ctx.db.transaction((tx) => enqueue(tx, { kind: 'test.dedupe' }))).toBeTruthy();
    expect(await jobsOf('test.dedupe')).toHaveLength(2);

    const ran: string[] = [];
    const r = runner();
    r.registerJob({ kind: 'test.dedupe', handler: async (_p, c) => void ran.push(c.id) });
    r.start();
    await until('both done', async () => (await jobsOf('test.dedupe')).every((j) => j.status === 'done'));
    expect(ran).toHaveLength(2);
    // finished: the key is free again
    expect(await ctx.db.transaction((tx) => enqueue(tx, { kind: 'test.dedupe', key: 'case-1', runAt: new Date(Date.now() + 3600_000) }))).toBeTruthy();
    expect(await ctx.db.transaction((tx) => cancel(tx, 'test.dedupe', 'case-1'))).toBe(true);
    expect(await ctx.db.transaction((tx) => cancel(tx, 'test.dedupe', 'case-1'))).toBe(false);
    expect((await jobsOf('test.dedupe')).map((j) => j.status)).toEqual(['done', 'done']);
  });

  it('the handler gets the payload; a job due later waits for its time', async () => {
    const seen: unknown[] = [];
    const r = runner();
    r.registerJob({ kind: 'test.payload', handler: async (p) => void seen.push(p) });
    r.start();
    await ctx.db.transaction((tx) =>
      enqueueMany(tx, [
        { kind: 'test.payload', key: 'now', payload: { caseId: 'c1', n: 2 } },
        { kind: 'test.payload', key: 'later', payload: { later: true }, runAt: new Date(Date.now() + 600) },
      ]),
    );
    await until('the due job', async () => seen.length === 1);
    expect(seen).toEqual([{ caseId: 'c1', n: 2 }]);
    await until('the later job', async () => seen.length === 2);
    expect(seen[1]).toEqual({ later: true });
  });

  it('a failing job is retried with growing delays, then ends failed with a data-free error code', async () => {
    const starts: number[] = [];
    const r = runner();
    r.registerJob({
      kind: 'test.retry',
      maxAttempts: 3,
      backoff: { baseMs: 150, maxMs: 300 },
      handler: async () => {
        starts.push(Date.now());
        throw Object.assign(new Error('connect ECONNRESET for jane@example.com'), { code: 'ECONNRESET' });
      },
    });
    r.start();
    await ctx.db.transaction((tx) => enqueue(tx, { kind: 'test.retry', key: 'k' }));
    const [job] = await until('failed', async () => {
      const rows = await jobsOf('test.retry');
      return rows[0]?.status === 'failed' ? rows : null;
    });
    expect(job).toMatchObject({ status: 'failed', attempts: 3, last_error: 'Error ECONNRESET', locked_by: null });
    expect(starts).toHaveLength(3);
    // equal jitter: at least half of base·2^(attempt-1)
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(75 - 5);
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(150 - 5);
    await sleep(400);
    expect(starts).toHaveLength(3);
    expect(logText).toContain('"kind":"test.retry"');
    expect(logText).not.toContain('jane@example.com');
    expect(logText).not.toContain('connect ECONNRESET');
  });

  it('PermanentJobError and an invalid payload fail at once', async () => {
    const r = runner();
    r.registerJob({ kind: 'test.permanent', maxAttempts: 5, handler: () => Promise.reject(new PermanentJobError('NO_RECIPIENT')) });
    r.registerJob({
      kind: 'test.badpayload',
      payload: { parse: (v: unknown) => { if (typeof v !== 'object' || v === null || !('caseId' in v)) throw new Error('bad'); return v; } },
      handler: async () => undefined,
    });
    r.start();
    await ctx.db.transaction((tx) => enqueueMany(tx, [{ kind: 'test.permanent' }, { kind: 'test.badpayload', payload: { nope: 1 } }]));
    await until('both failed', async () => (await jobsOf('test.permanent'))[0]?.status === 'failed' && (await jobsOf('test.badpayload'))[0]?.status === 'failed');
    expect(await jobsOf('test.permanent')).toMatchObject([{ attempts: 1, last_error: 'PermanentJobError NO_RECIPIENT' }]);
    expect(await jobsOf('test.badpayload')).toMatchObject([{ attempts: 1, last_error: 'PermanentJobError INVALID_PAYLOAD' }]);
  });

  it('a job whose lease expired (its instance crashed) is taken again; one with a live lease is not', async () => {
    await ctx.db.transaction((tx) => enqueueMany(tx, [{ kind: 'test.lease', key: 'crashed' }, { kind: 'test.lease', key: 'alive' }]));
    await ctx.db.query(
      `update jobs set status = 'running', attempts = 1, locked_by = 'dead-instance',
              locked_until = case when key = 'crashed' then now() - interval '1 second' else now() + interval '1 hour' end
        where kind = 'test.lease'`,
    );
    const ran: Array<{ key: string | null; attempt: number }> = [];
    const r = runner();
    r.registerJob({ kind: 'test.lease', handler: async (_p, c) => void ran.push({ key: c.key, attempt: c.attempt }) });
    r.start();
    await until('re-claimed', async () => ran.length === 1);
    await sleep(300);
    expect(ran).toEqual([{ key: 'crashed', attempt: 2 }]);
    const rows = await ctx.db.query<{ key: string; status: string; locked_by: string | null }>(
      `select key, status, locked_by from jobs where kind = 'test.lease' order by key`,
    );
    expect(rows.rows).toEqual([
      { key: 'alive', status: 'running', locked_by: 'dead-instance' },
      { key: 'crashed', status: 'done', locked_by: null },
    ]);
  });

  it('a long job keeps its lease: another runner polling the same kind does not take it', async () => {
    let runs = 0;
    const handler = async () => {
      runs++;
      await sleep(900);
    };
    const a = runner({ leaseMs: 300, instanceId: 'runner-a' });
    a.registerJob({ kind: 'test.renew', handler });
    a.start();
    await ctx.db.transaction((tx) => enqueue(tx, { kind: 'test.renew', key: 'slow' }));
    await until('started', async () => runs === 1);
    const b = runner({ leaseMs: 300, instanceId: 'runner-b' });
    b.registerJob({ kind: 'test.renew', handler });
    b.start();
    await until('done', async () => (await jobsOf('test.renew'))[0]?.status === 'done');
    expect(runs).toBe(1);
    expect((await jobsOf('test.renew'))[0]?.attempts).toBe(1);
  });

  it('an enqueue in this process wakes the runner when its transaction commits, not at the next poll', async () => {
    const ran: number[] = [];
    const r = runner({ pollIntervalMs: 60_000 });
    r.registerJob({ kind: 'test.wake', handler: async () => void ran.push(Date.now()) });
    r.start();
    await r.idle();
    await ctx.db.transaction(async (tx) => {
      await enqueue(tx, { kind: 'test.wake', key: 'w' });
      await sleep(200); // the wake-up fires while this transaction is still open
    });
    const committedAt = Date.now();
    await until('ran', async () => ran.length === 1, 5000);
    expect(ran[0]! - committedAt).toBeLessThan(2000);
  });

  it('a recurring job keeps one occurrence live and runs again after `every`', async () => {
    let runs = 0;
    const r = runner();
    r.registerJob({ kind: 'test.every', every: 100, handler: async () => void runs++ });
    r.start();
    await until('three runs', async () => runs >= 3);
    await r.stop();
    const rows = await jobsOf('test.every');
    expect(rows.filter((j) => j.status === 'queued' || j.status === 'running')).toHaveLength(1);
    expect(rows.filter((j) => j.status === 'done').length).toBeGreaterThanOrEqual(3);
  });

  it('unregistering a kind stops claiming it', async () => {
    let runs = 0;
    const r = runner();
    const reg = r.registerJob({ kind: 'test.unregister', handler: async () => void runs++ });
    r.start();
    await ctx.db.transaction((tx) => enqueue(tx, { kind: 'test.unregister', key: '1' }));
    await until('first', async () => runs === 1);
    await reg.unregister();
    await ctx.db.transaction((tx) => enqueue(tx, { kind: 'test.unregister', key: '2' }));
    await sleep(300);
    expect(runs).toBe(1);
    expect((await jobsOf('test.unregister')).map((j) => j.status)).toEqual(['done', 'queued']);
  });

  it('two runners (two connections on PostgreSQL) each enqueue a batch of 200 jobs: every job runs exactly once', async () => {
    let other = ctx.db;
    if (ctx.kind === 'postgres') {
      const { rows } = await ctx.db.query<{ name: string }>('select current_database() as name');
      const url = new URL(TEST_PG_URL);
      url.pathname = `/${rows[0]!.name}`;
      other = await openPg({ connectionString: url.toString(), max: 5 });
      extraDbs.push(other);
    }
    const runs = new Map<string, string[]>();
    const make = (db: Db, id: string) => {
      const r = runner({ instanceId: id, concurrency: 4, pollIntervalMs: 20 }, db);
      r.registerJob<{ n: number }>({
        kind: 'test.many',
        handler: async (p) => {
          runs.set(String(p.n), [...(runs.get(String(p.n)) ?? []), id]);
          await sleep(2);
        },
      });
      return r;
    };
    const a = make(ctx.db, 'runner-a');
    const b = make(other, 'runner-b');
    a.start();
    b.start();
    const batch = (from: number) => Array.from({ length: 200 }, (_, i) => ({ kind: 'test.many', key: String(from + i), payload: { n: from + i } }));
    await Promise.all([ctx.db.transaction((tx) => enqueueMany(tx, batch(0))), other.transaction((tx) => enqueueMany(tx, batch(200)))]);
    await until('all done', async () => {
      const { rows } = await ctx.db.query<{ n: unknown }>(`select count(*) as n from jobs where kind = 'test.many' and status = 'done'`);
      return Number(rows[0]!.n) === 400;
    }, 60_000);
    await Promise.all([a.idle(), b.idle()]);
    expect(runs.size).toBe(400);
    expect([...runs.values()].filter((by) => by.length !== 1)).toEqual([]);
    const { rows } = await ctx.db.query<{ attempts: number; n: unknown }>(`select attempts, count(*) as n from jobs where kind = 'test.many' group by attempts`);
    expect(rows.map((r) => ({ attempts: r.attempts, n: Number(r.n) }))).toEqual([{ attempts: 1, n: 400 }]);
    const by = [...runs.values()].map((v) => v[0]);
    expect(by.filter((x) => x === 'runner-a').length).toBeGreaterThan(0);
    expect(by.filter((x) => x === 'runner-b').length).toBeGreaterThan(0);
  });
});
