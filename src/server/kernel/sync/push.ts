import { OmnideskError, type ErrorBody } from '../../../shared/kernel/errors';
import type { Mutation, MutationResult } from '../../../shared/contracts/sync';
import { canSeeTeam, type Agent } from '../../../shared/kernel/agent';
import type { Case, Thread } from '../../../shared/kernel/case';
import type { Customer } from '../../../shared/kernel/customer';
import { authorOf, type Event } from '../../../shared/kernel/event';
import { collectRefs, decideMutation, type DecideContext } from '../../../shared/kernel/mutation';
import { MUTATION_DEFS } from '../../../shared/mutations';
import { applyToCase, applyToCustomer } from '../../../shared/kernel/projection';
import { toNumber, type Db } from '../db/types';
import { bulkInsert } from '../db/bulk';
import { withEventLog, type EventLogTx } from '../events/unit-of-work';
import { bindClient } from './clients';
import { loadAgents } from '../events/store';
import { EVENT_COLUMNS, rowToEvent, type EventRow } from '../events/rows';

export interface PushOutcome {
  results: MutationResult[];
  /** highest seq appended per team: whom to poke */
  teamSeqs: Map<string, number>;
  /** set when the batch stopped at a new mutation numbered behind this client's last one (see PushResponse) */
  resequence?: { after: number };
}

/**
 * Applies a push batch in ONE transaction under the event-log lock (so the duplicate check cannot race
 * another push), each mutation at most once:
 *
 *  1. the batch's prior results (client_mutations), the client's last processed clientSeq and every
 *     entity the batch refers to are read with a handful of set queries;
 *  2. each mutation is decided in order against that state held in memory, each accepted event applied to
 *     it before the next mutation is decided (a reply after a close in the same batch sees the close);
 *     one rejection never undoes the others;
 *  3. the accepted events are appended with ONE appendEvents call (seq assigned in batch order) and all
 *     results are recorded with one insert, in the same transaction.
 *
 * If appendEvents refuses the bulk (an inconsistency the pure planner did not foresee), the events are
 * appended one by one, each under its own SAVEPOINT, and only the refused ones become rejections.
 *
 * Answers: already processed → `duplicate` if it was applied, its stored rejection if not (a mutation
 * id used by another agent → CONFLICT). A new mutation whose clientSeq is not after the last one processed for this
 * client (a cache restored from a backup) stops the batch there: nothing from it on is applied or recorded,
 * and the answer carries `resequence` so the client renumbers and pushes again.
 * The client id must be this agent's (sync_clients, clients.ts): else FORBIDDEN, nothing written.
 * Within a batch clientSeq must ascend (the same mutation may repeat): else the whole push is refused
 * with INVALID_ARGUMENT before anything is written. An unexpected failure (database down) throws: the
 * whole push rolls back and the client retries it; idempotency makes that safe.
 */
export async function processPush(
  db: Db,
  agent: Agent,
  clientId: string,
  mutations: readonly Mutation[],
  clock: () => Date = () => new Date(),
): Promise<PushOutcome> {
  checkBatchOrder(mutations);
  if (mutations.length === 0) return { results: [], teamSeqs: new Map() };
  // the socket pokes with the outcome's teamSeqs after answering, so no poke here
  return withEventLog(db, null, (log) => applyBatch(log, agent, clientId, mutations, clock));
}

/** clientSeq strictly ascends between distinct mutations; a repeated mutation is allowed (answered duplicate). */
function checkBatchOrder(mutations: readonly Mutation[]): void {
  let prev: Mutation | null = null;
  for (const [i, m] of mutations.entries()) {
    if (prev && prev.id !== m.id && m.clientSeq <= prev.clientSeq) {
      throw new OmnideskError('INVALID_ARGUMENT', `sync:push: mutations.${i}.clientSeq is out of order (must ascend within a push)`);
    }
    if (prev && prev.id === m.id && m.clientSeq !== prev.clientSeq) {
      throw new OmnideskError('INVALID_ARGUMENT', `sync:push: mutations.${i} repeats a mutation id with another clientSeq`);
    }
    prev = m;
  }
}

interface Recorded {
  mutation_id: string;
  client_id: string;
  client_seq: number;
  agent_id: string;
  name: string;
  status: 'applied' | 'rejected';
  result: MutationResult;
}

async function applyBatch(log: EventLogTx, agent: Agent, clientId: string, mutations: readonly Mutation[], clock: () => Date): Promise<PushOutcome> {
  const { tx } = log;
  // the handshake bound the client id to its agent; checked again here, inside the push's transaction
  await bindClient(tx, clientId, agent.id);
  const ids = [...new Set(mutations.map((m) => m.id))];
  const { rows: priorRows } = await tx.query<{ mutation_id: string; status: 'applied' | 'rejected'; result: MutationResult; agent_id: string }>(
    'select mutation_id, status, result, agent_id from client_mutations where mutation_id = any($1::uuid[])',
    [ids],
  );
  const prior = new Map(priorRows.map((r) => [r.mutation_id, r]));
  const { rows: clashRows } = await tx.query<{ id: string }>('select id from events where id = any($1::uuid[])', [
    ids.filter((id) => !prior.has(id)),
  ]);
  const clash = new Set(clashRows.map((r) => r.id));
  const { rows: cursorRows } = await tx.query<{ last_client_seq: unknown }>('select last_client_seq from client_cursors where client_id = $1', [clientId]);
  let lastSeq = toNumber(cursorRows[0]?.last_client_seq ?? 0);

  // Everything the batch refers to, in a few set queries.
  const refs = collectRefs(MUTATION_DEFS, mutations);
  const cases = new Map<string, Case>();
  const threads = new Map<string, Thread>();
  const customers = new Map<string, Customer>();
  const members = new Map<string, Agent>();
  // events the decisions read (a message to flag, a flag to review): another team's is "not found", as on a desktop
  const events = new Map<string, Event>();
  if (refs.eventIds.length) {
    const { rows } = await tx.query<EventRow>(`select ${EVENT_COLUMNS} from events where id = any($1::uuid[])`, [refs.eventIds]);
    for (const r of rows) if (canSeeTeam(agent, r.team_id)) events.set(r.id, rowToEvent(r));
  }
  // the cases named, and those of the events read (a flagged message's case)
  const caseIds = [...new Set([...refs.caseIds, ...[...events.values()].flatMap((e) => (e.caseId ? [e.caseId] : []))])];
  if (caseIds.length) for (const r of (await tx.query<{ data: Case }>('select data from cases where id = any($1::uuid[])', [caseIds])).rows) cases.set(r.data.id, r.data);
  if (refs.threadIds.length) {
    // another team's thread is "not found", exactly as on the desktop whose cache never holds it
    const { rows } = await tx.query<{ data: Thread; team_id: string }>('select data, team_id from threads where id = any($1::uuid[])', [refs.threadIds]);
    for (const r of rows) if (canSeeTeam(agent, r.team_id)) threads.set(r.data.id, r.data);
  }
  // each case's customer too: a decision may read it (a complaint record is pre-filled from the customer's devices)
  const customerIds = [...new Set([...refs.customerIds, ...[...cases.values()].map((k) => k.customerId)])];
  if (customerIds.length) {
    for (const r of (await tx.query<{ data: Customer }>('select data from customers where id = any($1::uuid[])', [customerIds])).rows) customers.set(r.data.id, r.data);
  }
  // the decisions also look at each case's current assignee (permissions: a case on the specialist queue)
  const agentIds = new Set([...refs.agentIds, ...[...cases.values()].flatMap((k) => (k.assigneeId ? [k.assigneeId] : []))]);
  for (const a of await loadAgents(tx, [...agentIds])) members.set(a.id, a);
  // The shared decisions look at the batch's state as it evolves (each accepted event applied before the next).
  const context = (mutationId: string): DecideContext => ({
    agent,
    mutationId,
    case: (id) => cases.get(id) ?? null,
    thread: (id) => threads.get(id) ?? null,
    customer: (id) => customers.get(id) ?? null,
    member: (id) => members.get(id) ?? null,
    event: (id) => events.get(id) ?? null,
  });

  const now = clock().toISOString();
  const results: MutationResult[] = [];
  const decided = new Map<string, MutationResult>();
  const recorded: Recorded[] = [];
  const accepted: Array<{ m: Mutation; event: Event }> = [];
  const record = (m: Mutation, result: MutationResult) => {
    decided.set(m.id, result);
    recorded.push({
      mutation_id: m.id,
      client_id: clientId,
      client_seq: m.clientSeq,
      agent_id: agent.id,
      name: m.name,
      status: result.status === 'rejected' ? 'rejected' : 'applied',
      result,
    });
    lastSeq = Math.max(lastSeq, m.clientSeq);
  };

  let resequence: { after: number } | undefined;
  for (let i = 0; i < mutations.length; i++) {
    const m = mutations[i]!;
    const again = decided.get(m.id);
    if (again) {
      results.push(again.status === 'rejected' ? again : { id: m.id, status: 'duplicate' });
      continue;
    }
    const p = prior.get(m.id);
    if (p) {
      results.push(p.agent_id !== agent.id ? rejected(m.id, { code: 'CONFLICT', message: 'mutation id already used' }) : p.status === 'applied' ? { id: m.id, status: 'duplicate' } : p.result);
      continue;
    }
    let result: MutationResult;
    if (clash.has(m.id)) {
      result = rejected(m.id, { code: 'CONFLICT', message: 'an event with this id exists' });
    } else if (m.clientSeq <= lastSeq) {
      // A new mutation numbered at or below what this client already sent: its cache was restored from a
      // backup (or copied). Stop here, apply nothing more, and let the client renumber and push again.
      resequence = { after: lastSeq };
      break;
    } else {
      const def = MUTATION_DEFS.get(m.name);
      const plan = def ? decideMutation(def, m.args, context(m.id)) : null;
      if (plan?.ok) {
        // the event id is the mutation id; occurredAt is the server's commit time; the author is the agent
        const e = { ...plan.event, id: m.id, seq: null, occurredAt: now, author: authorOf(agent) } as Event;
        accepted.push({ m, event: e });
        if (refs.eventIds.includes(e.id)) events.set(e.id, e);
        if (e.caseId) {
          const k = cases.get(e.caseId);
          if (k) cases.set(k.id, applyToCase(k, e));
        }
        const cu = customers.get(e.customerId);
        if (cu) customers.set(cu.id, applyToCustomer(cu, e));
        // the seq is filled in once the batch is appended
        result = { id: m.id, status: 'applied', seq: 1 };
      } else {
        result = rejected(m.id, plan ? plan.error : { code: 'INVALID_ARGUMENT', message: `unknown mutation: ${m.name}` });
      }
    }
    record(m, result);
    results.push(result);
  }

  const teamSeqs = new Map<string, number>();
  const seqOf = await appendAccepted(log, accepted, teamSeqs);
  // Fill in the seqs, and turn bulk-append refusals into rejections.
  const fix = (r: MutationResult): MutationResult => {
    if (r.status !== 'applied') return r;
    const s = seqOf.get(r.id);
    if (typeof s === 'number') return { id: r.id, status: 'applied', seq: s };
    return s ?? r;
  };
  for (const row of recorded) {
    row.result = fix(row.result);
    row.status = row.result.status === 'applied' ? 'applied' : 'rejected';
  }
  const final = results.map((r) => {
    if (r.status === 'applied') return fix(r);
    // a repeat of a mutation applied earlier in this batch stays a duplicate, unless the append refused it
    const first = r.status === 'duplicate' ? decided.get(r.id) : undefined;
    if (first && fix(first).status === 'rejected') return fix(first);
    return r;
  });

  if (recorded.length) {
    await bulkInsert(
      tx,
      'client_mutations',
      { mutation_id: 'uuid', client_id: 'uuid', client_seq: 'integer', agent_id: 'uuid', name: 'text', status: 'text', result: 'jsonb' },
      recorded,
    );
    await tx.query(
      `insert into client_cursors (client_id, agent_id, last_client_seq) values ($1, $2, $3)
       on conflict (client_id) do update set agent_id = excluded.agent_id,
         last_client_seq = greatest(client_cursors.last_client_seq, excluded.last_client_seq), updated_at = now()`,
      [clientId, agent.id, lastSeq],
    );
  }
  return { results: final, teamSeqs, ...(resequence ? { resequence } : {}) };
}

/**
 * Appends the accepted events: one appendEvents call for the whole batch; if it refuses (OmnideskError,
 * nothing written), one by one under a SAVEPOINT each. Returns mutation id → seq, or the rejection.
 */
async function appendAccepted(
  { tx, append }: EventLogTx,
  accepted: ReadonlyArray<{ m: Mutation; event: Event }>,
  teamSeqs: Map<string, number>,
): Promise<Map<string, number | MutationResult>> {
  const out = new Map<string, number | MutationResult>();
  if (accepted.length === 0) return out;
  const merge = (ts: Map<string, number>) => {
    for (const [team, seq] of ts) teamSeqs.set(team, Math.max(seq, teamSeqs.get(team) ?? 0));
  };
  try {
    const appended = await append(accepted.map((a) => a.event));
    for (const e of appended.events) out.set(e.id, e.seq as number);
    merge(appended.teamSeqs);
    return out;
  } catch (err) {
    if (!(err instanceof OmnideskError)) throw err;
  }
  for (const { m, event } of accepted) {
    await tx.query('savepoint push_one');
    try {
      const appended = await append([event]);
      await tx.query('release savepoint push_one');
      out.set(m.id, appended.events[0]?.seq as number);
      merge(appended.teamSeqs);
    } catch (err) {
      if (!(err instanceof OmnideskError)) throw err;
      await tx.query('rollback to savepoint push_one');
      out.set(m.id, rejected(m.id, err.toBody()));
    }
  }
  return out;
}

function rejected(id: string, error: ErrorBody): MutationResult {
  return { id, status: 'rejected', error };
}
