import type { Event } from '../../../shared/index';
import { newId } from '../../../shared/kernel/ids';
import type { Queryable } from '../../kernel/db/types';
import { appendEvents, type AppendHook } from '../../kernel/events/index';

/**
 * "Replying takes it" (issue 15): an agent's reply on a case nobody owns makes that agent its owner, so a case a
 * customer is being answered on never sits "Unassigned" in the queue. The reply's own decision already checked that
 * the agent may act on the case; the assignment is appended beside it, in the same transaction, in the agent's name.
 * On by default; `OMNIDESK_REPLY_TAKES_CASE=0` leaves ownership to explicit assignment.
 */
export function ownershipAppendHook(opts: { enabled: boolean }): AppendHook {
  return {
    name: 'cases.ownership',
    async afterAppend(tx: Queryable, stored: readonly Event[]) {
      if (!opts.enabled) return;
      const replies = stored.filter((e): e is Extract<Event, { kind: 'message.sent' }> => e.kind === 'message.sent' && e.author.type === 'agent' && !!e.author.id && !!e.caseId);
      if (replies.length === 0) return;
      const { rows } = await tx.query<{ id: string }>('select id from cases where id = any($1::uuid[]) and assignee_id is null', [[...new Set(replies.map((e) => e.caseId!))]]);
      const unowned = new Set(rows.map((r) => r.id));
      const out: Event[] = [];
      for (const e of replies) {
        if (!unowned.delete(e.caseId!)) continue; // the first reply of a batch takes it
        out.push({
          id: newId(),
          seq: null,
          kind: 'case.assigned',
          customerId: e.customerId,
          caseId: e.caseId,
          threadId: null,
          channel: 'internal',
          author: e.author,
          body: null,
          occurredAt: e.occurredAt,
          meta: { from: null, to: e.author.id },
        });
      }
      if (out.length) await appendEvents(tx, out);
    },
  };
}
