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
    // the instant is read only for the kinds that make a fact (notes and the rest are most of a long history)
    switch (e.kind) {
      case 'case.opened':
        out.push({ type: 'opened', at: instantMs(e.occurredAt), priority: e.meta.case.priority, status: e.meta.case.status });
        break;
      case 'case.status_changed':
        out.push({ type: 'status', at: instantMs(e.occurredAt), to: e.meta.to });
        break;
      case 'case.priority_changed':
        out.push({ type: 'priority', at: instantMs(e.occurredAt), to: e.meta.to });
        break;
      case 'message.received':
        out.push({ type: 'customer', at: instantMs(e.occurredAt) });
        break;
      case 'message.sent':
        // the system's own messages (a survey's link) answer nobody
        if (e.channel !== 'internal' && e.author?.type !== 'system' && !failed.has(e.id)) out.push({ type: 'response', at: instantMs(e.occurredAt) });
        break;
      case 'call.started':
        if (e.meta.direction === 'in') out.push({ type: 'customer', at: instantMs(e.occurredAt) });
        break;
      case 'call.answered':
        if (e.meta.answeredBy !== null) out.push({ type: 'response', at: instantMs(e.occurredAt) });
        break;
      case 'call.ended':
        if (e.meta.direction === 'out' && e.meta.outcome === 'normalClearing') out.push({ type: 'response', at: instantMs(e.occurredAt) });
        break;
      default:
        break;
    }
  }
  // a log is nearly always in time order already; sort (stably: equal instants keep the log's order) only if not
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.at < out[i - 1]!.at) return out.map((f, j) => [f, j] as const).sort((a, b) => a[0].at - b[0].at || a[1] - b[1]).map(([f]) => f);
  }
  return out;
}

const ZERO = 48;
let lastDay = '';
let lastDayMs = 0;
/**
 * Epoch ms of an instant. The log's instants are `YYYY-MM-DDTHH:MM:SS(.fff)Z` (Instant in kernel/primitives), read
 * here digit by digit: Date.parse was most of the cost of a 10,000-event history. Anything else goes to Date.parse.
 */
export function instantMs(s: string): number {
  const n = s.length;
  if ((n === 20 || n === 24) && s.charCodeAt(n - 1) === 90 /* Z */ && s.charCodeAt(10) === 84 /* T */) {
    // no inner closures here: tsx (keepNames) would wrap each one in a call per instant
    const h = d2(s, 11);
    const mi = d2(s, 14);
    const se = d2(s, 17);
    const ms = n === 24 ? d2(s, 20) * 10 + digit(s, 22) : 0;
    // a case's history comes day by day: the day of the previous instant is read once
    if (lastDay !== '' && s.startsWith(lastDay) && h <= 23 && mi <= 59 && se <= 59) return lastDayMs + (h * 60 + mi) * 60_000 + se * 1000 + ms;
    const y = d2(s, 0) * 100 + d2(s, 2);
    const mo = d2(s, 5);
    const d = d2(s, 8);
    if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && se <= 59) {
      lastDay = s.slice(0, 11); // 'YYYY-MM-DDT'
      lastDayMs = daysFromCivil(y, mo, d) * 86_400_000;
      return lastDayMs + (h * 60 + mi) * 60_000 + se * 1000 + ms;
    }
  }
  return Date.parse(s);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** One decimal digit at `at`, NaN if it is none (NaN then fails the range checks and Date.parse decides). */
function digit(s: string, at: number): number {
  const c = s.charCodeAt(at) - ZERO;
  return c >= 0 && c <= 9 ? c : NaN;
}

function d2(s: string, at: number): number {
  return digit(s, at) * 10 + digit(s, at + 1);
}
