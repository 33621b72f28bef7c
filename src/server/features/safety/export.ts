import { regulatoryClock, type ComplaintExport } from '../../../shared/features/safety';
import { canSeeTeam, type Agent } from '../../../shared/kernel/agent';
import type { Case } from '../../../shared/kernel/case';
import type { Customer } from '../../../shared/kernel/customer';
import { OmnideskError } from '../../../shared/kernel/errors';
import { EventChannel } from '../../../shared/kernel/primitives';
import { toIso, type Queryable } from '../../kernel/db/types';

/** The one answer for another team's case, an unknown case and a case without a record: nothing tells them apart. */
export const NO_COMPLAINT = 'no complaint record for this case';

/**
 * A case's complaint record with what it refers to, as the caller may export it: the verbatim original (the flagged
 * message's body, subject, channel and time, as they are now: an erased customer's are the tombstone) and the
 * complainant (the case's customer), and the regulatory clock at `now`. NOT_FOUND unless the caller sees the case's
 * team (admins all) and the case has a record.
 */
export async function loadComplaintExport(q: Queryable, caller: Pick<Agent, 'id' | 'role' | 'teamIds' | 'displayName'>, caseId: string, now: Date): Promise<ComplaintExport> {
  const { rows: cases } = await q.query<{ team_id: string; customer_id: string; data: Case }>('select team_id, customer_id, data from cases where id = $1', [caseId]);
  const k = cases[0];
  const record = k?.data.safety?.complaint;
  if (!k || !canSeeTeam(caller, k.team_id) || !record) throw new OmnideskError('NOT_FOUND', NO_COMPLAINT);

  const { rows: customers } = await q.query<{ data: Customer }>('select data from customers where id = $1', [k.customer_id]);
  const customer = customers[0]?.data;
  if (!customer) throw new OmnideskError('NOT_FOUND', NO_COMPLAINT);

  const { rows: events } = await q.query<{ body: string | null; meta: Record<string, unknown> | null; channel: string; occurred_at: unknown }>(
    'select body, meta, channel, occurred_at from events where id = $1',
    [record.sourceMessageId],
  );
  const m = events[0];
  const subject = m?.meta?.subject;
  const channel = EventChannel.safeParse(m?.channel);
  return {
    record,
    verbatim: {
      body: m?.body ?? null,
      subject: typeof subject === 'string' ? subject : null,
      receivedAt: m ? toIso(m.occurred_at) : record.receivedAt,
      channel: channel.success ? channel.data : null,
    },
    complainant: { id: k.customer_id, name: customer.name, emails: [...customer.emails], phones: [...customer.phones], segment: customer.segment },
    case: { id: caseId, subject: k.data.subject, priority: k.data.priority, status: k.data.status },
    regulatoryClock: regulatoryClock({ ...record, awareAt: record.receivedAt }, now.getTime()),
    exportedAt: now.toISOString(),
    exportedBy: { id: caller.id, name: caller.displayName },
  };
}
