/**
 * Routing (issue 15).
 * - routing.decision.p99_ms (< 50): one routing pass that makes one decision, with 200 agents in the team and 1,000
 *   cases waiting — the steady state of a busy floor: every agent full, one slot opens (an offer declined), the pass
 *   reads the waiting work and the agents' presence, skills and load, chooses, writes the offer and its event.
 * - routing.offer_to_notification.p99_ms (< 1000): from the offer (its offeredAt, stamped when the pass starts) to the
 *   `routing.offer` notification of a real desktop core signed in to a real server (jobs runner, socket.io, sync).
 */
import { DesktopCore, type CoreNotification } from '../../src/main/core/desktop-core';
import { createServer } from '../../src/server/app';
import { ingestInbound } from '../../src/server/channels/ingest';
import type { InboundMessage } from '../../src/server/channels/types';
import { dispatchTeam } from '../../src/server/features/routing';
import { migrate, type Db } from '../../src/server/kernel/db/index';
import { withEventLog } from '../../src/server/kernel/events/index';
import { createLogger } from '../../src/server/kernel/logger';
import { putReference } from '../../src/server/kernel/reference/index';
import { DEMO_LOGINS, DEMO_TEAMS, generateDemoData, seedDatabase } from '../../src/server/seed';
import { defaultTeamRouting, newId, ROUTING_TEAM, type Offer } from '../../src/shared';
import { tempDir } from '../support/temp-dir';
import { eachOnScratchDatabase } from './bench-database';
import { record, time } from './lib';

const AGENTS = 200;
const WAITING = 1000;
const TEAM = DEMO_TEAMS.glucose.id;

const chat = (i: number, text = `My sensor ${i} shows error E${i % 9}`): InboundMessage => ({
  channel: 'chat', providerMessageId: `bench-routing-${i}-${newId()}`, threadRef: `bench-routing-${i}-${newId()}`, identity: { displayName: `Visitor ${i}` }, body: text, occurredAt: new Date().toISOString(), teamHint: TEAM,
});

async function setRouting(db: Db, over: Partial<ReturnType<typeof defaultTeamRouting>>): Promise<void> {
  await db.transaction((tx) => putReference(tx, ROUTING_TEAM, [{ id: TEAM, teamIds: [TEAM], data: { ...defaultTeamRouting(TEAM), ...over } }]));
}

async function decisionBench(db: Db, kind: string): Promise<void> {
  await migrate(db);
  await seedDatabase(db, generateDemoData({ seed: 5, customers: 20 }));
  // the seeded world's cases are not this bench's waiting work
  await db.query('delete from routing_work');
  const agentIds = Array.from({ length: AGENTS }, () => newId());
  await db.query(
    `insert into agents (id, username, display_name, password_hash, role, team_ids, languages)
     select x.id, 'bench-agent-' || x.n, 'Bench Agent ' || x.n, 'x', 'agent', jsonb_build_array($2::text), case when x.n % 3 = 0 then '["zh","en"]'::jsonb else '["en"]'::jsonb end
       from unnest($1::uuid[]) with ordinality as x(id, n)`,
    [agentIds, TEAM],
  );
  await db.query(
    `insert into routing_agents (agent_id, presence, chosen, since, idle_since)
     select x.id, 'available', 'available', now(), now() - (x.n || ' seconds')::interval from unnest($1::uuid[]) with ordinality as x(id, n)`,
    [agentIds],
  );
  await setRouting(db, { capacity: { chat: 1, phone: 1, email: 10, social: 3 } });
  const deps = { db, logger: createLogger({ level: 'warn' }) };
  for (let i = 0; i < WAITING + AGENTS; i++) await ingestInbound(deps, chat(i));
  // a live database has planner statistics (autovacuum analyzes tables as they grow); this one was filled a moment ago
  await db.exec('analyze');
  // every agent takes one offer: the floor is full, 1,000 cases wait
  await withEventLog(db, null, (log) => dispatchTeam(log, TEAM, Date.now()));
  const pending = async () => Number((await db.query<{ n: unknown }>(`select count(*) as n from routing_offers where state = 'pending'`)).rows[0]?.n);
  if ((await pending()) !== AGENTS) throw new Error(`expected ${AGENTS} offers, found ${await pending()}`);
  let offers = 0;
  const t = await time(
    async () => {
      // one agent's offer is declined (its slot opens); the pass gives that agent the most urgent other case
      await db.query(`update routing_offers set state = 'declined', ended_at = now() where id = (select id from routing_offers where state = 'pending' order by offered_at limit 1)`);
      const n = await withEventLog(db, null, (log) => dispatchTeam(log, TEAM, Date.now()));
      offers += n.offers.length;
    },
    200,
    10,
  );
  // 10 warm-up passes and 200 measured ones: one decision each
  if (offers !== 210) throw new Error(`each pass should make one decision; made ${offers} in 210`);
  record({ id: kind === 'postgres' ? 'routing.decision.p99_ms' : 'routing.decision.p99_ms_pglite', value: t.p99, unit: 'ms', target: kind === 'postgres' ? '< 50' : null });
  record({ id: kind === 'postgres' ? 'routing.decision.median_ms' : 'routing.decision.median_ms_pglite', value: t.median, unit: 'ms', target: null });
}

async function notificationBench(db: Db, kind: string): Promise<void> {
  await migrate(db);
  await seedDatabase(db, generateDemoData({ seed: 6, customers: 20 }));
  await db.query('delete from routing_work');
  await setRouting(db, { capacity: { chat: 50, phone: 1, email: 10, social: 3 }, offerTimeoutSeconds: 600 });
  const server = createServer({ db, jwtSecret: 'bench-routing-secret-0123456789-abcdefghij', logger: createLogger({ level: 'warn' }), featureJobs: { sla: false }, jobs: { pollIntervalMs: 500 } });
  const url = await server.listen({ port: 0 });
  const dirs: Array<{ cleanup(): void }> = [];
  const cores: DesktopCore[] = [];
  const latencies: number[] = [];
  const waiting = new Map<string, (offer: Offer) => void>();
  try {
    // the Glucose team's agents on their own desktops (the English speakers get the English chats)
    for (const username of ['alice', 'mei', 'dr.wang']) {
      const d = tempDir('omnidesk-bench-routing-');
      dirs.push(d);
      const core = new DesktopCore({ dataDir: d.dir, defaultServerUrl: url });
      core.subscribe((n: CoreNotification) => {
        if (n.event !== 'routing.offer') return;
        latencies.push(Date.now() - Date.parse(n.payload.offeredAt));
        waiting.get(n.payload.caseId)?.(n.payload);
      });
      const password = DEMO_LOGINS.find((l) => l.username === username)!.password;
      await core.handlers['session.login']({ username, password });
      cores.push(core);
    }
    // wait until all three are available on the server
    for (let i = 0; i < 200; i++) {
      const n = Number((await db.query<{ n: unknown }>(`select count(*) as n from routing_agents where presence = 'available'`)).rows[0]?.n);
      if (n >= 3) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const deps = { db, poke: (s: ReadonlyMap<string, number>) => server.poke(s), logger: createLogger({ level: 'warn' }) };
    const ROUNDS = 120;
    for (let i = 0; i < ROUNDS; i++) {
      const r = await ingestInbound(deps, chat(i));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no offer within 10 s')), 10_000);
        waiting.set(r.caseId!, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      waiting.delete(r.caseId!);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
    record({ id: kind === 'postgres' ? 'routing.offer_to_notification.p99_ms' : 'routing.offer_to_notification.p99_ms_pglite', value: p(0.99), unit: 'ms', target: kind === 'postgres' ? '< 1000' : null });
    record({ id: kind === 'postgres' ? 'routing.offer_to_notification.median_ms' : 'routing.offer_to_notification.median_ms_pglite', value: p(0.5), unit: 'ms', target: null });
  } finally {
    for (const c of cores) await c.dispose();
    await server.close();
    for (const d of dirs) d.cleanup();
  }
}

export async function benchRouting(): Promise<void> {
  console.log(`\nRouting: one decision with ${AGENTS} agents and ${WAITING.toLocaleString('en')} waiting cases; offer → desktop notification`);
  await eachOnScratchDatabase([decisionBench, notificationBench]);
}
