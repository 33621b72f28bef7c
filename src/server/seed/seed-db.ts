import { hashPassword } from '../kernel/auth/passwords';
import type { Db } from '../kernel/db/types';
import { lockEventLog } from '../kernel/events/append';
import { withEventLog } from '../kernel/events/unit-of-work';
import { installServerFeatures } from '../features';
import { insertAgents, insertTeams } from '../features/directory';
import { putReference } from '../kernel/reference/index';
import { calendarReference, policyReference, SLA_CALENDAR, SLA_POLICY } from '../../shared/features/sla';
import { DEMO_MACROS, DEMO_SLA_CALENDAR, DEMO_SLA_POLICY, DEMO_TEAMS } from './demo';
import { MACRO } from '../../shared/features/macros';
import { generateDemoData, type DemoData, type GenerateOptions } from './generate';

export interface SeedReport {
  counts: { teams: number; agents: number; customers: number; cases: number; threads: number; events: number };
  ms: number;
}

/**
 * Writes teams, agents (argon2id-hashed passwords; both also as reference data) and every event (through appendEvents, so the
 * projections are built exactly as in production) in ONE transaction: all or nothing.
 * Refuses (returns null) when the database already has agents — checked under the event-log lock,
 * so two server instances starting at once cannot both seed.
 */
/** How far a seed is: the events written so far of all of them (called after each chunk, in the one transaction). */
export type SeedProgress = (done: number, total: number) => void;

/** Events appended per chunk: a progress step, all in the seed's one transaction. */
const SEED_CHUNK = 2_000;

export async function seedDatabase(db: Db, data: DemoData, onProgress?: SeedProgress): Promise<SeedReport | null> {
  const started = Date.now();
  const hashed = await Promise.all(data.agents.map(async (a) => ({ agent: a.agent, passwordHash: await hashPassword(a.password) })));
  // the demo history is written as it happened: its replies do not take cases now
  installServerFeatures({ replyTakesCase: false, surveys: { enabled: false } });
  const done = await withEventLog(db, null, async ({ tx, append }) => {
    const { rows } = await tx.query<{ n: unknown }>('select count(*) as n from agents');
    if (Number(rows[0]?.n) > 0) return false;
    await insertTeams(tx, data.teams);
    await insertAgents(tx, hashed);
    // before the events: the SLA hook schedules their deadlines on these
    if (data.teams.some((t) => t.id === DEMO_TEAMS.cardio.id)) {
      await putReference(tx, SLA_CALENDAR, [calendarReference(DEMO_SLA_CALENDAR, [DEMO_TEAMS.cardio.id])]);
      await putReference(tx, SLA_POLICY, [policyReference(DEMO_SLA_POLICY)]);
    }
    const teams = new Set(data.teams.map((t) => t.id));
    await putReference(tx, MACRO, DEMO_MACROS.filter((m) => m.teamId && teams.has(m.teamId)).map((m) => ({ id: m.id, teamIds: [m.teamId!], data: m })));
    onProgress?.(0, data.events.length);
    for (let i = 0; i < data.events.length; i += SEED_CHUNK) {
      await append(data.events.slice(i, i + SEED_CHUNK));
      onProgress?.(Math.min(data.events.length, i + SEED_CHUNK), data.events.length);
    }
    return true;
  });
  if (!done) return null;
  const count = (kind: string) => data.events.filter((e) => e.kind === kind).length;
  return {
    counts: {
      teams: data.teams.length,
      agents: data.agents.length,
      customers: count('customer.created'),
      cases: count('case.opened'),
      threads: count('thread.opened'),
      events: data.events.length,
    },
    ms: Date.now() - started,
  };
}

/** True when no agent exists (a fresh database). */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const { rows } = await db.query<{ n: unknown }>('select count(*) as n from agents');
  return Number(rows[0]?.n) === 0;
}

/** Seeds the generated demo world when the database has no agents; null when it already had some. */
export async function seedDemoIfEmpty(db: Db, options: GenerateOptions = {}, onProgress?: SeedProgress): Promise<SeedReport | null> {
  if (!(await isDatabaseEmpty(db))) return null;
  return seedDatabase(db, generateDemoData(options), onProgress);
}

/** Deletes all data (not the schema): `npm run seed -- --force`. */
export async function resetDatabase(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await lockEventLog(tx);
    await tx.exec(
      'truncate table events, client_mutations, client_cursors, customer_identities, threads, cases, customers, agents, teams, reference_items',
    );
  });
}
