import {
  evaluateRules,
  handoffSummary,
  newId,
  type Author,
  type Case,
  type Contact,
  type Customer,
  type EscalationFacts,
  type EscalationTrigger,
  type Event,
  type Role,
} from '../../../shared/index';
import type { Queryable } from '../../kernel/db/types';
import { appendEvents, EVENT_COLUMNS, rowToEvent, type AppendHook, type EventRow } from '../../kernel/events/index';
import { currentRuleSet } from './rule-set';

/**
 * The server's side of escalation (issue 13): after every append, the events that can set a rule off are evaluated
 * against the rules in force (the one shared `evaluateRules`), and each firing is appended in the same transaction
 * as `escalation.fired` — with a `case.handed_off` carrying a summary when a rule routes the case. The case
 * projection remembers fired rules, so a rule fires once per case whichever instance or desktop saw the event.
 */
const RULES: Author = { type: 'system', id: null, name: 'Escalation rules' };
/** Kinds this hook writes (and the ones it never reads): appending them must not evaluate again. */
const OWN = new Set(['escalation.fired', 'case.handed_off', 'script.recorded', 'approval.requested', 'approval.decided']);
const CONTACT_WINDOW_DAYS = 90;

interface Pending {
  event: Event;
  caseId: string;
  trigger: EscalationTrigger;
  /** whose authority counts for a compensation offer: the sender's, else the case's assignee's */
  authorId: string | null;
}

/** What an appended event means to the rules, or null. */
export function triggerOf(e: Event): EscalationTrigger | null {
  if (!e.caseId || OWN.has(e.kind)) return null;
  switch (e.kind) {
    case 'message.received':
      return e.author.type === 'customer' && e.body ? { type: 'message', from: 'customer', text: [e.meta.subject ?? '', e.body].join('\n'), channel: e.channel === 'internal' ? null : e.channel } : null;
    case 'note.added':
      return e.body ? { type: 'message', from: 'note', text: e.body, channel: null } : null;
    case 'message.sent':
      return e.author.type === 'agent' && e.body ? { type: 'draft', text: e.body } : null;
    case 'sla.warned':
    case 'sla.breached':
      return { type: 'sla', state: e.kind === 'sla.warned' ? 'warned' : 'breached', clock: e.meta.clock };
    case 'safety.flagged':
      return { type: 'safety_flag' };
    case 'case.opened':
    case 'case.priority_changed':
    case 'case.status_changed':
    case 'case.assigned':
      return { type: 'case' };
    default:
      return null;
  }
}

async function loadFacts(tx: Queryable, pending: readonly Pending[]) {
  const caseIds = [...new Set(pending.map((p) => p.caseId))];
  const { rows: caseRows } = await tx.query<{ data: Case }>('select data from cases where id = any($1::uuid[])', [caseIds]);
  const cases = new Map(caseRows.map((r) => [r.data.id, r.data]));
  const customerIds = [...new Set(caseRows.map((r) => r.data.customerId))];
  const { rows: customerRows } = await tx.query<{ data: Customer }>('select data from customers where id = any($1::uuid[])', [customerIds]);
  const customers = new Map(customerRows.map((r) => [r.data.id, r.data]));
  const agentIds = [...new Set([...caseRows.map((r) => r.data.assigneeId), ...pending.map((p) => p.authorId)].filter((x): x is string => x !== null))];
  const { rows: agentRows } = agentIds.length ? await tx.query<{ id: string; role: Role }>('select id, role from agents where id = any($1::uuid[])', [agentIds]) : { rows: [] };
  const roles = new Map(agentRows.map((r) => [r.id, r.role]));
  const since = new Date(Date.now() - CONTACT_WINDOW_DAYS * 86_400_000).toISOString();
  const { rows: contactRows } = await tx.query<{ customer_id: string; case_id: string | null; opened_at: Date | string; subject: string | null }>(
    `select t.customer_id, t.case_id, t.opened_at, coalesce(t.data->>'subject', c.data->>'subject') as subject
       from threads t left join cases c on c.id = t.case_id
      where t.customer_id = any($1::uuid[]) and t.opened_at >= $2 order by t.opened_at`,
    [customerIds, since],
  );
  const contacts = new Map<string, Contact[]>();
  for (const r of contactRows) {
    if (!r.case_id) continue;
    const list = contacts.get(r.customer_id) ?? [];
    list.push({ at: new Date(r.opened_at).toISOString(), caseId: r.case_id, subject: r.subject ?? '' });
    contacts.set(r.customer_id, list);
  }
  return { cases, customers, roles, contacts };
}

async function caseEvents(tx: Queryable, caseId: string): Promise<Event[]> {
  const { rows } = await tx.query<EventRow>(`select ${EVENT_COLUMNS} from events where case_id = $1 order by seq`, [caseId]);
  return rows.map(rowToEvent);
}

export const escalationAppendHook: AppendHook = {
  name: 'escalation.rules',
  async afterAppend(tx, stored) {
    const pending: Pending[] = [];
    for (const e of stored) {
      const trigger = triggerOf(e);
      if (trigger && e.caseId) pending.push({ event: e, caseId: e.caseId, trigger, authorId: e.kind === 'message.sent' ? (e.author.id ?? null) : null });
    }
    if (pending.length === 0) return;
    const set = await currentRuleSet(tx);
    if (set.rules.length === 0) return;
    const { cases, customers, roles, contacts } = await loadFacts(tx, pending);
    const fired = new Map<string, Set<string>>();
    const out: Event[] = [];
    for (const p of pending) {
      const k = cases.get(p.caseId);
      if (!k) continue;
      const done = fired.get(k.id) ?? new Set(k.escalation?.fired ?? []);
      fired.set(k.id, done);
      const customer = customers.get(k.customerId) ?? null;
      const handler = p.authorId ?? k.assigneeId;
      const facts: EscalationFacts = {
        case: k,
        customer,
        handlerRole: (handler && roles.get(handler)) || 'agent',
        contacts: contacts.get(k.customerId) ?? [],
        tags: k.escalation?.tags ?? [],
        fired: done,
        now: p.event.occurredAt,
      };
      for (const f of evaluateRules(set.rules, p.trigger, facts)) {
        done.add(f.ruleId);
        // stamped with the moment of what set it off: a breach found late, or a catch-up, is not news of now
        const base = { customerId: k.customerId, caseId: k.id, threadId: null, channel: 'internal' as const, body: null, author: RULES, seq: null, occurredAt: p.event.occurredAt };
        out.push({ ...base, id: newId(), kind: 'escalation.fired', meta: { ruleId: f.ruleId, trigger: f.trigger, detail: f.detail, actions: f.actions } });
        const route = f.actions.find((a) => a.type === 'route');
        if (route?.type === 'route') {
          const summary = handoffSummary({ case: k, customer, events: await caseEvents(tx, k.id), scripts: set.scripts, lang: customer?.language ?? 'en', note: '' });
          out.push({ ...base, id: newId(), kind: 'case.handed_off', meta: { to: route.to, summary, ruleId: f.ruleId } });
        }
      }
    }
    // appended in the same transaction; the hooks see these too, and this one ignores its own kinds
    if (out.length) await appendEvents(tx, out);
  },
};
