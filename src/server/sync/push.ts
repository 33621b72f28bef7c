import { OmnideskError, type ErrorBody } from '../../shared/contracts/errors';
import type { Mutation, MutationResult } from '../../shared/contracts/sync';
import type { Agent } from '../../shared/domain/agent';
import type { Db, Queryable } from '../db/types';
import { appendEvents, lockEventLog } from '../events/append';
import { loadAgent, loadCase, loadCustomer, loadThread } from '../events/store';
import { mutationToEvent, referencedIds } from './mutations';

export interface PushOutcome {
  results: MutationResult[];
  /** highest seq appended per team: whom to poke */
  teamSeqs: Map<string, number>;
}

/**
 * Applies the mutations in order, each at most once and in its own transaction (one rejection does
 * not undo the others). Under the event-log lock, so the duplicate check cannot race another push.
 * Results (applied and rejected) are recorded in client_mutations in the same transaction; a
 * retried mutation answers `duplicate` if it was applied and its stored rejection if it was not.
 * An unexpected failure (database down) throws: the whole push fails and the client retries it.
 */
export async function processPush(
  db: Db,
  agent: Agent,
  clientId: string,
  mutations: readonly Mutation[],
  clock: () => Date = () => new Date(),
): Promise<PushOutcome> {
  const results: MutationResult[] = [];
  const teamSeqs = new Map<string, number>();
  for (const m of mutations) {
    let outcome: { result: MutationResult; teamSeqs?: Map<string, number> };
    try {
      outcome = await db.transaction((tx) => applyOne(tx, agent, clientId, m, clock));
    } catch (err) {
      if (!(err instanceof OmnideskError)) throw err;
      // appendEvents refused the event as inconsistent: a rejection, recorded on its own.
      const result = rejected(m.id, err.toBody());
      await db.transaction(async (tx) => {
        await lockEventLog(tx);
        await record(tx, clientId, agent.id, m, result);
      });
      outcome = { result };
    }
    results.push(outcome.result);
    for (const [team, seq] of outcome.teamSeqs ?? []) teamSeqs.set(team, Math.max(seq, teamSeqs.get(team) ?? 0));
  }
  return { results, teamSeqs };
}

async function applyOne(
  tx: Queryable,
  agent: Agent,
  clientId: string,
  m: Mutation,
  clock: () => Date,
): Promise<{ result: MutationResult; teamSeqs?: Map<string, number> }> {
  await lockEventLog(tx);
  const { rows: prior } = await tx.query<{ status: 'applied' | 'rejected'; result: MutationResult; agent_id: string }>(
    'select status, result, agent_id from client_mutations where mutation_id = $1',
    [m.id],
  );
  const p = prior[0];
  if (p) {
    if (p.agent_id !== agent.id) return { result: rejected(m.id, { code: 'CONFLICT', message: 'mutation id already used' }) };
    return { result: p.status === 'applied' ? { id: m.id, status: 'duplicate' } : p.result };
  }
  const { rows: clash } = await tx.query('select 1 from events where id = $1', [m.id]);
  if (clash.length) {
    const result = rejected(m.id, { code: 'CONFLICT', message: 'an event with this id exists' });
    await record(tx, clientId, agent.id, m, result);
    return { result };
  }

  const ids = referencedIds(m);
  const kase = ids.caseId ? await loadCase(tx, ids.caseId) : null;
  const thread = ids.threadId ? await loadThread(tx, ids.threadId) : null;
  const customer = ids.customerId ? await loadCustomer(tx, ids.customerId) : null;
  const assignee = ids.assigneeId ? await loadAgent(tx, ids.assigneeId) : null;
  const plan = mutationToEvent(m, { agent, now: clock().toISOString(), case: kase, thread, customer, assignee });
  if (!plan.ok) {
    const result = rejected(m.id, plan.error);
    await record(tx, clientId, agent.id, m, result);
    return { result };
  }
  const appended = await appendEvents(tx, [plan.event]);
  const seq = appended.events[0]?.seq;
  if (typeof seq !== 'number') throw new Error('append returned no seq');
  const result: MutationResult = { id: m.id, status: 'applied', seq };
  await record(tx, clientId, agent.id, m, result);
  return { result, teamSeqs: appended.teamSeqs };
}

function rejected(id: string, error: ErrorBody): MutationResult {
  return { id, status: 'rejected', error };
}

async function record(tx: Queryable, clientId: string, agentId: string, m: Mutation, result: MutationResult): Promise<void> {
  await tx.query(
    `insert into client_mutations (mutation_id, client_id, client_seq, agent_id, name, status, result)
     values ($1, $2, $3, $4, $5, $6, $7::text::jsonb)`,
    [m.id, clientId, m.clientSeq, agentId, m.name, result.status === 'applied' ? 'applied' : 'rejected', JSON.stringify(result)],
  );
  await tx.query(
    `insert into client_cursors (client_id, agent_id, last_client_seq) values ($1, $2, $3)
     on conflict (client_id) do update set agent_id = excluded.agent_id,
       last_client_seq = greatest(client_cursors.last_client_seq, excluded.last_client_seq), updated_at = now()`,
    [clientId, agentId, m.clientSeq],
  );
}
