/**
 * Inbound chat and social messages into PostgreSQL (target ≥ 2,000 messages/s): N messages from 2,000
 * contacts (half chat sessions, half WhatsApp numbers; every contact writes several messages) go through the
 * real pipeline — validation, dedupe by provider id, identity, thread/case, events, projections — with up
 * to 256 in flight as concurrent webhook and socket handlers would (the pipeline commits them in groups).
 * Beside it: a raw pg insert loop of the same rows into a bare table in one transaction.
 */
import { ingestInbound, type IngestDeps } from '../../src/server/channels/ingest';
import type { InboundMessage } from '../../src/server/channels/types';
import { migrate, openPglite, type Db } from '../../src/server/kernel/db/index';
import { createLogger } from '../../src/server/kernel/logger';
import { generateDemoData, seedDatabase } from '../../src/server/seed';
import { scratchPostgres } from './bench-database';
import { record } from './lib';
import { timeRawInserts } from './raw-insert';

const N = 20_000;
const CONTACTS = 2000;
const IN_FLIGHT = 512;

function message(i: number): InboundMessage {
  const c = i % CONTACTS;
  const at = new Date(Date.UTC(2026, 10, 16, 9) + i * 10).toISOString();
  if (c % 2 === 0) {
    return { channel: 'chat', providerMessageId: `bench-chat-${i}`, threadRef: `bench-session-${c}`, identity: { displayName: `Chat Visitor ${c}` }, body: `Hello, my sensor ${c} shows error E${i % 9} again (message ${i}).`, occurredAt: at };
  }
  const wa = `1555${String(2000000 + c).padStart(7, '0')}`;
  return {
    channel: 'social',
    network: 'whatsapp',
    providerMessageId: `wamid.bench.${i}`,
    threadRef: `wa:106540352242922:${wa}`,
    identity: { phone: `+${wa}`, social: { network: 'whatsapp', handle: wa }, displayName: `WA User ${c}` },
    body: `The cuff reading ${i % 200} looks wrong, can you check? (${i})`,
    occurredAt: at,
  };
}

async function run(db: Db, kind: string): Promise<number> {
  await migrate(db);
  await seedDatabase(db, generateDemoData({ seed: 3, customers: 50 }));
  const deps: IngestDeps = { db, logger: createLogger({ level: 'warn' }) };
  const count = async () => Number((await db.query<{ n: unknown }>("select count(*) as n from events where kind = 'message.received'")).rows[0]?.n);
  const before = await count();
  const msgs = Array.from({ length: N }, (_, i) => message(i));
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < msgs.length) await ingestInbound(deps, msgs[next++]!);
    }),
  );
  const perS = N / ((performance.now() - t0) / 1000);
  record({ id: kind === 'postgres' ? 'channels.chat_social.inbound_per_s' : 'channels.chat_social.inbound_per_s_pglite', value: perS, unit: 'msgs/s', target: kind === 'postgres' ? '>= 2000' : null });
  const stored = (await count()) - before;
  if (stored !== N) throw new Error(`expected ${N} messages stored, found ${stored}`);
  return perS;
}

export async function benchChatSocialInbound(): Promise<void> {
  console.log(`\nChat + social inbound: ${N.toLocaleString('en')} messages from ${CONTACTS} contacts → ingest pipeline (fresh database)`);
  const pg = await scratchPostgres(4);
  if ('problem' in pg) console.log(`  PostgreSQL not reachable (${pg.problem}): PGlite only`);
  else {
    try {
      const perS = await run(pg.db, 'postgres');
      const raw = await timeRawInserts(pg.url, {
        createTable: 'create table raw_messages (id text primary key, body text, meta jsonb)',
        insert: 'insert into raw_messages (id, body, meta) values ($1, $2, $3)',
        count: N,
        row: (i) => {
          const m = message(i);
          return [m.providerMessageId, m.body, JSON.stringify(m.identity)];
        },
      });
      record({ id: 'channels.chat_social.raw_pg_insert_per_s', value: raw.perS, unit: 'rows/s', target: null });
      record({ id: 'channels.chat_social.inbound_vs_raw_insert_ratio', value: perS / raw.perS, unit: 'ratio', target: null });
    } finally {
      await pg.close();
    }
  }
  const lite = await openPglite({ dataDir: null });
  try {
    await run(lite, 'pglite');
  } finally {
    await lite.close();
  }
}
