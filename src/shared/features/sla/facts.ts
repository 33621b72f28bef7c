import type { CaseStatus, Priority } from '../../kernel/case';
import type { Event } from '../../kernel/event';

/**
 * What the SLA clocks need from a case's history, and nothing else. Facts are in time order; `at` is epoch ms.
 * - a response is what reaches the customer: a reply on the customer's channel (not an internal note), an
 *   answered inbound call, an outbound call that connected. A reply whose delivery later failed is no response.
 * - a customer contact is an inbound message or an inbound call.
 */
export type SlaFact =
  | { type: 'opened'; at: number; priority: Priority; status: CaseStatus }
  | { type: 'status'; at: number; to: CaseStatus }
  | { type: 'priority'; at: number; to: Priority }
  | { type: 'customer'; at: number }
  | { type: 'response'; at: number };

/**
 * The facts of one case from its events (any order of input; the events of other cases are ignored). Used by
 * the desktop on its cache and by the server on its log, so both compute the same clocks.
 */
export function slaFacts(caseId: string, events: readonly Event[]): SlaFact[] {
  const failed = new Set<string>();
  for (const e of events) if (e.kind === 'message.delivery_updated' && e.meta.status === 'failed') failed.add(e.meta.messageId);
  const out: SlaFact[] = [];
  for (const e of events) {
    if (e.caseId !== caseId) continue;
    const at = Date.parse(e.occurredAt);
    switch (e.kind) {
      case 'case.opened':
        out.push({ type: 'opened', at, priority: e.meta.case.priority, status: e.meta.case.status });
        break;
      case 'case.status_changed':
        out.push({ type: 'status', at, to: e.meta.to });
        break;
      case 'case.priority_changed':
        out.push({ type: 'priority', at, to: e.meta.to });
        break;
      case 'message.received':
        out.push({ type: 'customer', at });
        break;
      case 'message.sent':
        if (e.channel !== 'internal' && !failed.has(e.id)) out.push({ type: 'response', at });
        break;
      case 'call.started':
        if (e.meta.direction === 'in') out.push({ type: 'customer', at });
        break;
      case 'call.answered':
        if (e.meta.answeredBy !== null) out.push({ type: 'response', at });
        break;
      case 'call.ended':
        if (e.meta.direction === 'out' && e.meta.outcome === 'normalClearing') out.push({ type: 'response', at });
        break;
      default:
        break;
    }
  }
  // stable: equal instants keep the log's order
  return out.map((f, i) => [f, i] as const).sort((a, b) => a[0].at - b[0].at || a[1] - b[1]).map(([f]) => f);
}
