/**
 * Property (issue 8 "one definition per mutation"): for random states and random changes, the desktop (deciding
 * against its SQLite cache, offline) and the server (deciding inside its push transaction against PostgreSQL's
 * projections) accept and refuse the same changes with the same codes — change after change, each side's state
 * moving on with what it accepted. The desktop's cache holds only what the agent may see (as sync gives it), so
 * where the server answers FORBIDDEN for another team's entity the desktop answers NOT_FOUND: that is the only
 * difference allowed. Merges go last in a run: the desktop re-points its cache only when the server's merge comes back.
 * Safety reviews (issue 12) ride along: each case has a customer message and the detector's flag on it, to flag by
 * hand, confirm or dismiss, and the record a confirmation opens, to complete or decide.
 * Bounded: 40 runs of up to 12 changes (more than before the safety changes joined: they are refused more often, and
 * the bounds below still need enough accepted changes to mean something). fast-check prints the seed and path of a failing run.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../../src/main/core/kernel/store/index';
import { commitLocalChange, type LocalChange } from '../../../src/main/core/kernel/mutations';
import { OmnideskError, newId, type Agent, type Case, type Customer, type Event, type Mutation, type Team, type Thread } from '../../../src/shared';
import { installServerFeatures } from '../../../src/server/features';
import { insertAgents, insertTeams } from '../../../src/server/features/directory';
import { withEventLog } from '../../../src/server/kernel/events';
import { processPush } from '../../../src/server/kernel/sync/push';
import { pullEvents, type NewEvent } from '../../support/temp-store';
import { tempDir, type TempDir } from '../../support/temp-dir';
import { makeAgent, makeCase, makeCustomer, makeThread, SYSTEM, at } from '../../unit/desktop/helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';

const STATUSES = ['open', 'pending', 'waiting_on_customer', 'resolved', 'closed'] as const;
const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
const SAFETY_CATEGORIES = ['injury', 'skin', 'burn_heat', 'electrical', 'ingestion_choking', 'retained_part', 'bleeding_infection', 'allergic_reaction', 'wrong_reading_consequence', 'fall_not_detected', 'medical_care', 'death', 'device_hazard'] as const;

interface World {
  teams: Team[];
  actor: Agent;
  members: Agent[];
  customers: Customer[];
  cases: Case[];
  threads: Thread[];
  /** per case: a customer message, and the detector's flag on it */
  messages: string[];
  flags: string[];
}

/** A change as indices into the world (an index past the end means an id nobody knows). */
type Spec =
  | { t: 'reply'; c: number; th: number }
  | { t: 'note'; cu: number; c: number | null; th: number | null }
  | { t: 'status'; c: number; s: number }
  | { t: 'priority'; c: number; p: number }
  | { t: 'assign'; c: number; a: number | null }
  | { t: 'update'; cu: number; vip: boolean | null }
  | { t: 'dismiss'; cu: number; other: number }
  | { t: 'merge'; src: number; dst: number }
  | { t: 'flag'; m: number; cat: number }
  | { t: 'review'; c: number; f: number; confirm: boolean }
  | { t: 'record'; c: number; decide: boolean };

const ix = fc.integer({ min: 0, max: 6 });
const spec: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({ t: fc.constant('reply' as const), c: ix, th: ix }),
  fc.record({ t: fc.constant('note' as const), cu: ix, c: fc.option(ix), th: fc.option(ix) }),
  fc.record({ t: fc.constant('status' as const), c: ix, s: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ t: fc.constant('priority' as const), c: ix, p: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ t: fc.constant('assign' as const), c: ix, a: fc.option(fc.integer({ min: 0, max: 3 })) }),
  fc.record({ t: fc.constant('update' as const), cu: ix, vip: fc.option(fc.boolean()) }),
  fc.record({ t: fc.constant('dismiss' as const), cu: ix, other: ix }),
  fc.record({ t: fc.constant('flag' as const), m: ix, cat: fc.integer({ min: 0, max: 12 }) }),
  fc.record({ t: fc.constant('review' as const), c: ix, f: ix, confirm: fc.boolean() }),
  fc.record({ t: fc.constant('record' as const), c: ix, decide: fc.boolean() }),
);
const mergeSpec = fc.record({ t: fc.constant('merge' as const), src: ix, dst: ix });

const shape = fc.record({
  lead: fc.boolean(),
  /** per customer: team 0 or 1 */
  customerTeams: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 2, maxLength: 4 }),
  /** per case: customer index, status, channel */
  cases: fc.array(fc.record({ cu: fc.nat(), s: fc.integer({ min: 0, max: 4 }), email: fc.boolean() }), { minLength: 1, maxLength: 5 }),
  changes: fc.array(spec, { minLength: 1, maxLength: 11 }),
  merge: fc.option(mergeSpec),
});

type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

function buildWorld(s: Shape): { world: World; events: NewEvent[] } {
  const tag = newId().slice(-8);
  const teams: Team[] = [{ id: newId(), name: `A-${tag}` }, { id: newId(), name: `B-${tag}` }];
  const actor = makeAgent({ username: `actor-${tag}`, role: s.lead ? 'lead' : 'agent', teamIds: [teams[0]!.id] });
  const members = [
    makeAgent({ username: `m0-${tag}`, teamIds: [teams[0]!.id] }),
    makeAgent({ username: `m1-${tag}`, teamIds: [teams[1]!.id] }),
    makeAgent({ username: `m2-${tag}`, teamIds: [teams[0]!.id, teams[1]!.id] }),
  ];
  const customers = s.customerTeams.map((t, i) => makeCustomer(teams[t]!.id, { name: `C${i}`, emails: [`c${i}-${tag}@example.com`], phones: [] }));
  const cases: Case[] = [];
  const threads: Thread[] = [];
  const messages: string[] = [];
  const flags: string[] = [];
  const events: NewEvent[] = customers.map((c) => ({ id: newId(), customerId: c.id, caseId: null, threadId: null, channel: 'internal', kind: 'customer.created', author: SYSTEM, body: null, meta: { customer: c }, occurredAt: at(0) }) as NewEvent);
  for (const k of s.cases) {
    const cu = customers[k.cu % customers.length]!;
    const kase = makeCase(cu, { subject: 'Sensor', status: STATUSES[k.s]! });
    const thread = makeThread(kase, k.email ? { channel: 'email', subject: 'Sensor', externalRef: `<${newId()}@example.com>` } : {});
    cases.push(kase);
    threads.push(thread);
    events.push({ id: newId(), customerId: cu.id, caseId: kase.id, threadId: null, channel: 'internal', kind: 'case.opened', author: SYSTEM, body: null, meta: { case: kase }, occurredAt: at(1) } as NewEvent);
    events.push({ id: newId(), customerId: cu.id, caseId: kase.id, threadId: thread.id, channel: thread.channel, kind: 'thread.opened', author: SYSTEM, body: null, meta: { thread }, occurredAt: at(1) } as NewEvent);
    const message = newId();
    const flag = newId();
    messages.push(message);
    flags.push(flag);
    events.push({ id: message, customerId: cu.id, caseId: kase.id, threadId: thread.id, channel: thread.channel, kind: 'message.received', author: { type: 'customer', id: cu.id, name: cu.name }, body: 'the patch burned my skin', meta: { subject: null, providerMessageId: null, network: null }, occurredAt: at(2) } as NewEvent);
    events.push({ id: flag, customerId: cu.id, caseId: kase.id, threadId: thread.id, channel: 'internal', kind: 'safety.flagged', author: SYSTEM, body: null, meta: { messageId: message, categories: ['burn_heat'], evidence: [], confidence: 0.9, source: 'detector', channel: thread.channel }, occurredAt: at(2) } as NewEvent);
  }
  return { world: { teams, actor, members, customers, cases, threads, messages, flags }, events };
}

const pickId = (list: readonly string[], i: number): string => list[i] ?? `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
const pick = <T extends { id: string }>(list: readonly T[], i: number | null): string | null => (i === null ? null : (list[i]?.id ?? `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`));

function toChange(w: World, s: Spec): LocalChange {
  switch (s.t) {
    case 'reply':
      return { name: 'reply.send', args: { caseId: pick(w.cases, s.c)!, threadId: pick(w.threads, s.th)!, body: 'reply' } };
    case 'note':
      return { name: 'note.add', args: { customerId: pick(w.customers, s.cu)!, caseId: pick(w.cases, s.c), threadId: pick(w.threads, s.th), body: 'note' } };
    case 'status':
      return { name: 'case.setStatus', args: { caseId: pick(w.cases, s.c)!, status: STATUSES[s.s]! } };
    case 'priority':
      return { name: 'case.setPriority', args: { caseId: pick(w.cases, s.c)!, priority: PRIORITIES[s.p]! } };
    case 'assign':
      return { name: 'case.assign', args: { caseId: pick(w.cases, s.c)!, assigneeId: pick(w.members, s.a) } };
    case 'update':
      return { name: 'customer.update', args: { customerId: pick(w.customers, s.cu)!, patch: s.vip === null ? {} : { vip: s.vip } } };
    case 'dismiss':
      return { name: 'customer.dismissSuggestion', args: { customerId: pick(w.customers, s.cu)!, candidateId: pick(w.customers, s.other)! } };
    case 'merge':
      return { name: 'customer.merge', args: { sourceId: pick(w.customers, s.src)!, targetId: pick(w.customers, s.dst)! } };
    case 'flag':
      return { name: 'safety.flag', args: { messageId: pickId(w.messages, s.m), categories: [SAFETY_CATEGORIES[s.cat]!], reason: 'parity' } };
    case 'review':
      return { name: s.confirm ? 'safety.confirm' : 'safety.dismiss', args: { caseId: pick(w.cases, s.c)!, flagId: pickId(w.flags, s.f), reason: 'parity' } };
    case 'record':
      return s.decide
        ? { name: 'complaint.decide', args: { caseId: pick(w.cases, s.c)!, reportability: 'not_reportable', rationale: 'parity' } }
        : { name: 'complaint.update', args: { caseId: pick(w.cases, s.c)!, patch: { narrative: 'parity' } } };
  }
}

/** The desktop's answer: 'ok' or the refusal's code. */
function onDesktop(store: Store, agent: Agent, change: LocalChange): string {
  try {
    commitLocalChange(store, agent, change);
    return 'ok';
  } catch (err) {
    if (err instanceof OmnideskError) return err.code;
    throw err;
  }
}

describe('desktop and server decide every mutation alike (shared definitions, two states)', () => {
  let database: TestDatabase;
  let dir: TempDir;

  beforeAll(async () => {
    installServerFeatures();
    database = await createTestDatabase('pglite');
    dir = tempDir('omnidesk-parity-');
  });
  afterAll(async () => {
    await database?.dispose();
    dir?.cleanup();
  });

  it('same accept / refuse and the same code, change after change', async () => {
    let run = 0;
    let compared = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(shape, async (s) => {
        run++;
        const { world: w, events } = buildWorld(s);
        const db = database.db;
        await withEventLog(db, null, async ({ tx, append }) => {
          await insertTeams(tx, w.teams);
          await insertAgents(tx, [w.actor, ...w.members].map((agent) => ({ agent, passwordHash: 'x' })));
          await append(events.map((e) => ({ ...e, seq: null }) as Event));
        });
        // The desktop holds what sync gives this agent: team A's customers with everything on them.
        const store = Store.open(`${dir.dir}/cache-${run}.sqlite`);
        try {
          store.meta.setAgent(w.actor);
          store.meta.setDirectory({ teams: [w.teams[0]!], agents: [w.actor, ...w.members].filter((a) => a.teamIds.includes(w.teams[0]!.id)) });
          const visible = new Set(w.customers.filter((c) => c.teamId === w.teams[0]!.id).map((c) => c.id));
          pullEvents(store, events.filter((e) => visible.has(e.customerId)));

          const clientId = newId();
          const list = [...s.changes, ...(s.merge ? [s.merge] : [])];
          for (const [i, sp] of list.entries()) {
            const change = toChange(w, sp);
            const desk = onDesktop(store, w.actor, change);
            const m = { id: newId(), clientSeq: i + 1, occurredAt: new Date().toISOString(), ...change } as Mutation;
            const [r] = (await processPush(db, w.actor, clientId, [m])).results;
            const server = r?.status === 'rejected' ? r.error.code : 'ok';
            // another team's entity is simply not in this cache; a refusal by role (kernel/permissions) is FORBIDDEN on both
            const expected = server === 'FORBIDDEN' && desk !== 'FORBIDDEN' ? 'NOT_FOUND' : server;
            expect({ change: change.name, step: i, desktop: desk }).toEqual({ change: change.name, step: i, desktop: expected });
            compared++;
            if (server === 'ok') accepted++;
          }
        } finally {
          store.close();
        }
      }),
      { numRuns: Number(process.env.OMNIDESK_PROPERTY_RUNS ?? 40), seed: Number(process.env.OMNIDESK_PROPERTY_SEED ?? Date.now() % 2 ** 31), verbose: 1 },
    );
    // the property saw both outcomes often enough to mean something
    expect(compared).toBeGreaterThan(50);
    expect(accepted).toBeGreaterThan(5); // fewer since roles refuse P0, VIP and merges to agents
    expect(compared - accepted).toBeGreaterThan(10);
  }, 180_000);
});
