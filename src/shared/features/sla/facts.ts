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
  const out: SlaFact[] = [];
  const f = scratch();
  // replies whose delivery failed are taken out at the end, and only if there are any (one pass over the history)
  let failed: Set<string> | null = null;
  let replies: Array<{ fact: SlaFact; id: string }> | null = null;
  for (const e of events) {
    if (isFailedDelivery(e)) (failed ??= new Set()).add(e.meta.messageId);
    else if (e.caseId === caseId && readFact(e, f)) {
      const copy = fact(f.type, f.at, f.to, f.priority, f.status);
      out.push(copy);
      if (e.kind === 'message.sent') (replies ??= []).push({ fact: copy, id: e.id });
    }
  }
  const facts = failed && replies ? withoutFailed(out, replies, failed) : out;
  // a log is nearly always in time order already; sort (stably: equal instants keep the log's order) only if not
  for (let i = 1; i < facts.length; i++) {
    if (facts[i]!.at < facts[i - 1]!.at) return facts.map((x, j) => [x, j] as const).sort((a, b) => a[0].at - b[0].at || a[1] - b[1]).map(([x]) => x);
  }
  return facts;
}

/**
 * The same facts as slaFacts, handed to `visit` one by one in the same reused object (read it, don't keep it): no
 * allocation per fact, for a long history read again and again (a desktop's countdown). It gives up — returning
 * false, having visited a prefix — where slaFacts has more to do: a log out of time order, a failed delivery.
 */
export function visitSlaFacts(caseId: string, events: readonly Event[], visit: (f: SlaFact) => void): boolean {
  const f = scratch();
  let last = -Infinity;
  for (const e of events) {
    if (isFailedDelivery(e)) return false;
    if (e.caseId !== caseId || !readFact(e, f)) continue;
    if (f.at < last) return false;
    last = f.at;
    visit(f as SlaFact);
  }
  return true;
}

/** Every fact has these fields, in this order: one object shape for V8 (a union of five made the replay slower). */
interface AnyFact {
  type: SlaFact['type'];
  at: number;
  to: CaseStatus | Priority | undefined;
  priority: Priority | undefined;
  status: CaseStatus | undefined;
}
const scratch = (): AnyFact => ({ type: 'customer', at: 0, to: undefined, priority: undefined, status: undefined });

function fact(type: SlaFact['type'], at: number, to?: CaseStatus | Priority, priority?: Priority, status?: CaseStatus): SlaFact {
  return { type, at, to, priority, status } as SlaFact;
}

function isFailedDelivery(e: Event): e is Extract<Event, { kind: 'message.delivery_updated' }> {
  return e.kind === 'message.delivery_updated' && e.meta.status === 'failed';
}

/**
 * The one definition of what makes a fact: fills `f` and says whether `e` makes one. The instant is read only for
 * the kinds that do (notes and the rest are most of a long history). A reply's failed delivery is the callers'.
 */
function readFact(e: Event, f: AnyFact): boolean {
  let type: SlaFact['type'];
  let to: CaseStatus | Priority | undefined;
  let priority: Priority | undefined;
  let status: CaseStatus | undefined;
  switch (e.kind) {
    case 'case.opened':
      type = 'opened';
      priority = e.meta.case.priority;
      status = e.meta.case.status;
      break;
    case 'case.status_changed':
    case 'case.priority_changed':
      type = e.kind === 'case.status_changed' ? 'status' : 'priority';
      to = e.meta.to;
      break;
    case 'message.received':
      type = 'customer';
      break;
    case 'message.sent':
      // the system's own messages (a survey's link) answer nobody
      if (e.channel === 'internal' || e.author?.type === 'system') return false;
      type = 'response';
      break;
    case 'call.started':
      if (e.meta.direction !== 'in') return false;
      type = 'customer';
      break;
    case 'call.answered':
      if (e.meta.answeredBy === null) return false;
      type = 'response';
      break;
    case 'call.ended':
      if (e.meta.direction !== 'out' || e.meta.outcome !== 'normalClearing') return false;
      type = 'response';
      break;
    default:
      return false;
  }
  f.type = type;
  f.at = instantMs(e.occurredAt);
  f.to = to;
  f.priority = priority;
  f.status = status;
  return true;
}

function withoutFailed(facts: SlaFact[], replies: ReadonlyArray<{ fact: SlaFact; id: string }>, failed: ReadonlySet<string>): SlaFact[] {
  const drop = new Set(replies.filter((r) => failed.has(r.id)).map((r) => r.fact));
  return drop.size === 0 ? facts : facts.filter((x) => !drop.has(x));
}

/** the day of the previous instant: its date as one number, and its midnight in epoch ms */
let lastDate = -1;
let lastDayMs = 0;
const Z = 48; // '0'
/**
 * Epoch ms of an instant. The log's instants are `YYYY-MM-DDTHH:MM:SS(.fff)Z` (Instant in kernel/primitives), read
 * here digit by digit, without calls or branches per digit: Date.parse was most of the cost of a 10,000-event
 * history, and a helper per digit still half of it. Anything else goes to Date.parse.
 */
export function instantMs(s: string): number {
  const n = s.length;
  if ((n === 24 || n === 20) && s.charCodeAt(n - 1) === 90 /* Z */ && s.charCodeAt(10) === 84 /* T */) {
    const y0 = s.charCodeAt(0) - Z, y1 = s.charCodeAt(1) - Z, y2 = s.charCodeAt(2) - Z, y3 = s.charCodeAt(3) - Z; // prettier-ignore
    const m0 = s.charCodeAt(5) - Z, m1 = s.charCodeAt(6) - Z, d0 = s.charCodeAt(8) - Z, d1 = s.charCodeAt(9) - Z; // prettier-ignore
    const h0 = s.charCodeAt(11) - Z, h1 = s.charCodeAt(12) - Z, i0 = s.charCodeAt(14) - Z, i1 = s.charCodeAt(15) - Z; // prettier-ignore
    const s0 = s.charCodeAt(17) - Z, s1 = s.charCodeAt(18) - Z;
    const f0 = n === 24 ? s.charCodeAt(20) - Z : 0, f1 = n === 24 ? s.charCodeAt(21) - Z : 0, f2 = n === 24 ? s.charCodeAt(22) - Z : 0; // prettier-ignore
    // every digit in 0..9: no high bits (so none negative), and none of 10..15 (those reach 16 when 6 is added)
    const any = y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1 | h0 | h1 | i0 | i1 | s0 | s1 | f0 | f1 | f2;
    const over = (y0 + 6) | (y1 + 6) | (y2 + 6) | (y3 + 6) | (m0 + 6) | (m1 + 6) | (d0 + 6) | (d1 + 6) | (h0 + 6) | (h1 + 6) | (i0 + 6) | (i1 + 6) | (s0 + 6) | (s1 + 6) | (f0 + 6) | (f1 + 6) | (f2 + 6); // prettier-ignore
    const mo = m0 * 10 + m1;
    const d = d0 * 10 + d1;
    const h = h0 * 10 + h1;
    const mi = i0 * 10 + i1;
    const se = s0 * 10 + s1;
    if ((any & ~15) === 0 && (over & 16) === 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && se <= 59) {
      const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
      // a case's history comes day by day: the previous instant's midnight is reused
      const date = (y * 100 + mo) * 100 + d;
      if (date !== lastDate) {
        lastDate = date;
        lastDayMs = daysFromCivil(y, mo, d) * 86_400_000;
      }
      return lastDayMs + (h * 60 + mi) * 60_000 + se * 1000 + f0 * 100 + f1 * 10 + f2;
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
