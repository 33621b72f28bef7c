/**
 * The morning after an outage (issue 17): the server comes back after an hour with that hour's events waiting, and
 * 500 desktops reconnect at once, each pushing the changes it recorded offline and pulling until it is caught up.
 *  - sync.herd.all_caught_up_s: from the server answering again until the last desktop is caught up;
 *  - sync.herd.server_peak_rss_mb: the server process's peak resident memory (VmHWM) over its whole life;
 *  - sync.herd.errors: refused or failed requests and handshakes (target 0: admission waits, it does not fail).
 * The desktops are simulated in this process (socket.io clients speaking the real protocol with real tokens; they
 * inflate each packed page and read its cursor; they do not write a cache), so the figure is the server's, on PostgreSQL, as its
 * own process. Everything shares this machine's two cores.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { appendEvents } from '../../src/server/kernel/events/append';
import { demoAgent } from '../../src/server/seed';
import { newId } from '../../src/shared/kernel/ids';
import { startServerProcess } from '../support/server-proc';
import { openBenchDatabase } from './bench-database';
import { makeHistory, onTeam } from './fixtures';
import { record } from './lib';
import { customerPerAgent, demoTokens } from './sync-common';

const DESKTOPS = Number(process.env.OMNIDESK_BENCH_HERD_DESKTOPS ?? 500);
/** an hour of a few hundred agents' traffic: messages in and out, cases, threads */
const HOUR_EVENTS = 20_000;
const AGENTS = ['alice', 'bob', 'mei', 'jun'] as const;

export async function benchSyncHerd(): Promise<void> {
  console.log(`\nThe morning after an outage: ${DESKTOPS} desktops reconnect at once, ${HOUR_EVENTS.toLocaleString('en')} events waiting`);
  const bench = await openBenchDatabase();
  if (bench.kind !== 'postgres' || !bench.url) {
    console.log('  needs PostgreSQL (the server runs as its own process on it): skipped');
    await bench.close();
    return;
  }
  const server = await startServerProcess({ databaseUrl: bench.url, name: 'bench-herd-server', env: { LOG_LEVEL: 'warn' } });
  const sockets: Socket[] = [];
  try {
    const tokens = await demoTokens(server.url, AGENTS);
    // a customer of each agent's team, for the notes recorded offline
    const customerOf = await customerPerAgent(bench.db, AGENTS);
    const top0 = await maxSeq();

    // the outage: the server stops; an hour of traffic lands in the log meanwhile (other instances, the inbox)
    await server.stop('SIGTERM');
    const teams = [demoAgent('alice').teamIds[0]!, demoAgent('bob').teamIds[0]!];
    const h = makeHistory({ customers: 200, longHistory: 100, perCustomer: Math.ceil(HOUR_EVENTS / 200) });
    const teamOf = new Map<string, string>();
    const hour = h.events.slice(0, HOUR_EVENTS).map((e) => {
      if (!teamOf.has(e.customerId)) teamOf.set(e.customerId, teams[teamOf.size % 2]!);
      return onTeam(e, teamOf.get(e.customerId)!);
    });
    for (let i = 0; i < hour.length; i += 5000) {
      await bench.db.transaction((tx) => appendEvents(tx, hour.slice(i, i + 5000).map((e) => ({ ...e, seq: null }))));
    }
    const top1 = await maxSeq();

    await server.start();
    const pid = server.proc().child.pid!;
    const rssBefore = memory(pid).rss;
    const t0 = performance.now();
    const done: number[] = [];
    let errors = 0;
    let bytes = 0;
    let pages = 0;
    let pushed = 0;
    const all = new Promise<void>((resolve) => {
      for (let i = 0; i < DESKTOPS; i++) {
        const username = AGENTS[i % AGENTS.length]!;
        const d = desktop(server.url, tokens.get(username)!, customerOf.get(username)!, top0, {
          caughtUp(cursor) {
            if (cursor < top1) return false;
            done.push(performance.now() - t0);
            if (done.length === DESKTOPS) resolve();
            return true;
          },
          page(n) {
            bytes += n;
            pages += 1;
          },
          pushed(n) {
            pushed += n;
          },
          error() {
            errors += 1;
          },
        });
        sockets.push(d);
      }
    });
    const timeout = new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`bench: ${DESKTOPS - done.length} desktops not caught up after 10 min`)), 600_000));
    await Promise.race([all, timeout]);
    const allMs = Math.max(...done);
    const mem = memory(pid);
    const { rows } = await bench.db.query<{ n: unknown }>("select count(*) as n from events where kind = 'note.added' and body like 'Offline note %'");
    const notes = Number(rows[0]!.n);
    if (notes !== DESKTOPS * 2) throw new Error(`bench: expected ${DESKTOPS * 2} offline notes on the server once each, found ${notes}`);
    done.sort((a, b) => a - b);
    console.log(
      `  ${DESKTOPS} desktops from seq ${top0} to ${top1}: median ${(done[Math.floor(done.length / 2)]! / 1000).toFixed(1)} s, last ${(allMs / 1000).toFixed(1)} s;` +
        ` ${pages} pages, ${(bytes / 1e6).toFixed(0)} MB sent, ${pushed} notes pushed (each once); server RSS ${rssBefore} → peak ${mem.hwm} MB; ${errors} errors`,
    );
    record({ id: 'sync.herd.all_caught_up_s', value: allMs / 1000, unit: 's', target: '<= 60' });
    record({ id: 'sync.herd.server_peak_rss_mb', value: mem.hwm, unit: 'MB', target: null });
    record({ id: 'sync.herd.errors', value: errors, unit: 'count', target: '<= 0' });
    record({ id: 'sync.herd.events_delivered_per_s', value: (DESKTOPS * (top1 - top0)) / (allMs / 1000), unit: 'events/s', target: null });
  } finally {
    for (const s of sockets) s.disconnect();
    await server.dispose();
    await bench.close();
  }

  async function maxSeq(): Promise<number> {
    const { rows } = await bench.db.query<{ m: unknown }>('select max(seq) as m from events');
    return Number(rows[0]!.m);
  }
}

interface DesktopEvents {
  /** the desktop pulled to `cursor` and the server said nothing more: true when that is the goal */
  caughtUp(cursor: number): boolean;
  page(bytes: number): void;
  pushed(n: number): void;
  error(): void;
}

/**
 * One simulated desktop: reconnects as the real one does (socket.io with jittered backoff), then runs the real
 * round: push its two offline notes (until applied or duplicate), pull packed pages from its cursor until the
 * server says there is no more. A dropped connection starts the round again on reconnect.
 */
function desktop(url: string, token: string, customerId: string, from: number, on: DesktopEvents): Socket {
  const s = connect(url, {
    auth: { token, clientId: newId() },
    transports: ['websocket'],
    forceNew: true,
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
    randomizationFactor: 0.5,
    timeout: 20_000,
  });
  const at = new Date().toISOString();
  const mutations = [1, 2].map((clientSeq) => ({
    id: newId(),
    clientSeq,
    occurredAt: at,
    name: 'note.add',
    args: { customerId, caseId: null, threadId: null, body: `Offline note ${clientSeq}: called back about the sensor.` },
  }));
  let cursor = from;
  let pushed = false;
  let running = false;
  let finished = false;
  const round = async () => {
    if (running || finished) return;
    running = true;
    try {
      if (!pushed) {
        const ack = (await s.timeout(120_000).emitWithAck('sync:push', { mutations })) as { ok: boolean; value?: { results: Array<{ status: string }> } };
        if (!ack.ok || ack.value!.results.some((r) => r.status === 'rejected')) throw new Error('push refused');
        pushed = true;
        on.pushed(ack.value!.results.filter((r) => r.status === 'applied').length);
      }
      for (;;) {
        const ack = (await s.timeout(120_000).emitWithAck('sync:pull', { cursor, limit: 1000, packed: true })) as { ok: boolean; value?: Buffer };
        if (!ack.ok || !(ack.value instanceof Uint8Array)) throw new Error('pull refused');
        on.page(ack.value.length);
        // large pages come zlib-compressed (first byte 0x78): inflated as the desktop does, then only the cursor is read
        const page = ack.value[0] === 0x78 ? inflateSync(ack.value) : Buffer.from(ack.value);
        const tail = /"cursor":(\d+),"hasMore":(true|false)\}$/.exec(page.subarray(Math.max(0, page.length - 64)).toString());
        if (!tail) throw new Error('not a page');
        cursor = Number(tail[1]);
        if (tail[2] === 'false') break;
      }
      if (on.caughtUp(cursor)) finished = true;
    } catch {
      on.error();
      // the real loop retries with backoff; so does this one
      setTimeout(() => void round(), 500 + Math.random() * 1000);
    } finally {
      running = false;
    }
  };
  s.on('connect', () => void round());
  s.on('connect_error', () => on.error());
  return s;
}

/** Resident memory now and at its peak (VmHWM), in MB, of a process on this machine. */
function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), hwm: Math.round(kb('VmHWM') / 1024) };
}

