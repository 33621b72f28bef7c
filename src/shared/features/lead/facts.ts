import { z } from 'zod';
import type { Event } from '../../kernel/event';
import { Channel, Id } from '../../kernel/primitives';
import { CaseStatus } from '../../kernel/case';
import { Priority } from '../../kernel/priority';

/**
 * Where a case waits (issue 16, "stuck work"): on the agent, on the customer, on a specialist, or on parts / an RMA
 * (a case tagged `rma` or `parts` by a rule or a lead).
 */
export const Stage = z.enum(['agent', 'customer', 'specialist', 'parts']);
export type Stage = z.infer<typeof Stage>;

const Ms = z.number().int();
const MsOrNull = Ms.nullable();

/**
 * One case's figures so far: the lead console's read model (DOMAIN.md "What the product measures"). Folded event by
 * event as the log grows (`foldCaseFacts`), stored per case on the server and aggregated by `computeKpis`; never
 * recomputed from history. Instants are epoch ms; durations ms unless named otherwise.
 */
export const CaseFacts = z.object({
  caseId: Id,
  customerId: Id,
  teamId: Id,
  /** the channel of the case's first customer contact (null: opened by an agent, nothing received yet) */
  channel: Channel.nullable(),
  /** the customer's device kind at opening, when the customer has one */
  product: z.string().max(40).nullable(),
  openedAt: Ms,
  status: CaseStatus,
  priority: Priority,
  assigneeId: Id.nullable(),
  firstResponseAt: MsOrNull,
  firstResponderId: Id.nullable(),
  /** the oldest customer message since the last agent reply (the case waits on an agent since then) */
  awaitingSince: MsOrNull,
  /** next response time: later agent replies − the customer message before each, summed */
  nextResponseMs: Ms,
  nextResponses: Ms,
  /** the last time the case was resolved; null while it is not */
  resolvedAt: MsOrNull,
  resolutions: Ms,
  reopens: Ms,
  /** time spent waiting on the customer (it does not count toward resolution time), and since when it waits now */
  waitingMs: Ms,
  waitingSince: MsOrNull,
  /** handled contacts: answered calls (talk time) and chat sessions (first to last message) */
  callSec: Ms,
  calls: Ms,
  /**
   * after-call work: from hanging up to the answering agent's wrap-up on the case (a note, a status, a reply) when that
   * comes within WRAP_UP_MAX_MS; `wrapFrom`/`wrapBy` while one may still come
   */
  wrapSec: Ms,
  wrapFrom: MsOrNull,
  wrapBy: Id.nullable(),
  chatFirstAt: MsOrNull,
  chatLastAt: MsOrNull,
  transfers: Ms,
  handoff: z.enum(['lead', 'specialist']).nullable(),
  tags: z.array(z.string().max(40)).max(50),
  stage: Stage,
  stageSince: Ms,
  /** SLA: the state of each clock's current cycle (from the engine's sla.warned / sla.breached) and whether it ever breached */
  sla: z.object({
    firstResponse: z.enum(['ok', 'warned', 'breached']),
    nextResponse: z.enum(['ok', 'warned', 'breached']),
    resolution: z.enum(['ok', 'warned', 'breached']),
  }),
  firstResponseBreached: z.boolean(),
  resolutionBreached: z.boolean(),
  lastEventAt: Ms,
});
export type CaseFacts = z.infer<typeof CaseFacts>;

const ms = (iso: string): number => Date.parse(iso);
const done = (s: CaseStatus): boolean => s === 'resolved' || s === 'closed';
const PARTS_TAGS = new Set(['rma', 'parts']);
/** Longer after hanging up than this, the agent's next note is other work, not the call's wrap-up. */
export const WRAP_UP_MAX_MS = 15 * 60_000;
const WRAPS_UP: ReadonlySet<string> = new Set(['note.added', 'case.status_changed', 'message.sent']);

function stageOf(f: Pick<CaseFacts, 'status' | 'handoff' | 'tags'>): Stage {
  if (f.status === 'waiting_on_customer') return 'customer';
  if (f.handoff === 'specialist') return 'specialist';
  if (f.tags.some((t) => PARTS_TAGS.has(t))) return 'parts';
  return 'agent';
}

/** The facts of a case as it opens. `product`: the customer's device kind, which the event does not carry. */
export function openFacts(e: Extract<Event, { kind: 'case.opened' }>, product: string | null): CaseFacts {
  const k = e.meta.case;
  const at = ms(k.openedAt);
  return {
    caseId: k.id,
    customerId: k.customerId,
    teamId: k.teamId,
    channel: e.channel === 'internal' ? null : e.channel,
    product,
    openedAt: at,
    status: k.status,
    priority: k.priority,
    assigneeId: k.assigneeId,
    firstResponseAt: null,
    firstResponderId: null,
    awaitingSince: null,
    nextResponseMs: 0,
    nextResponses: 0,
    resolvedAt: null,
    resolutions: 0,
    reopens: 0,
    waitingMs: 0,
    waitingSince: k.status === 'waiting_on_customer' ? at : null,
    callSec: 0,
    calls: 0,
    wrapSec: 0,
    wrapFrom: null,
    wrapBy: null,
    chatFirstAt: null,
    chatLastAt: null,
    transfers: 0,
    handoff: null,
    tags: [],
    stage: 'agent',
    stageSince: at,
    sla: { firstResponse: 'ok', nextResponse: 'ok', resolution: 'ok' },
    firstResponseBreached: false,
    resolutionBreached: false,
    lastEventAt: at,
  };
}

/**
 * How one event of the case moves its facts (pure; the same answer on every replay). Events of other cases, and kinds
 * that change no figure, return `f` itself, so a caller can tell nothing changed.
 */
export function foldCaseFacts(f: CaseFacts, e: Event): CaseFacts {
  if (e.caseId !== f.caseId) return f;
  const at = ms(e.occurredAt);
  let n: CaseFacts | null = null;
  const edit = (): CaseFacts => (n ??= { ...f, sla: { ...f.sla }, tags: [...f.tags] });
  // a call's wrap-up ends with the answering agent's next note, status or reply on the case (if it comes in time)
  if (f.wrapFrom !== null && WRAPS_UP.has(e.kind) && e.author.type === 'agent' && e.author.id === f.wrapBy) {
    const x = edit();
    if (at - f.wrapFrom <= WRAP_UP_MAX_MS) x.wrapSec += Math.round((at - f.wrapFrom) / 1000);
    x.wrapFrom = null;
    x.wrapBy = null;
  }
  switch (e.kind) {
    case 'message.received': {
      const x = edit();
      if (x.channel === null && e.channel !== 'internal') x.channel = e.channel;
      if (x.awaitingSince === null) x.awaitingSince = at;
      if (e.channel === 'chat') chatTouch(x, at);
      break;
    }
    case 'message.sent': {
      // what the SLA clocks count as a response (shared/features/sla/facts.ts): a reply on the customer's channel, not the system's own
      if (e.channel === 'internal' || e.author?.type === 'system') return unchanged();
      const x = edit();
      if (x.firstResponseAt === null) {
        x.firstResponseAt = at;
        x.firstResponderId = e.author.type === 'agent' ? e.author.id : null;
      } else if (x.awaitingSince !== null) {
        x.nextResponseMs += Math.max(0, at - x.awaitingSince);
        x.nextResponses += 1;
      }
      x.awaitingSince = null;
      // a reply fulfils the response clocks' current cycle
      x.sla.firstResponse = 'ok';
      x.sla.nextResponse = 'ok';
      if (e.channel === 'chat') chatTouch(x, at);
      break;
    }
    case 'case.status_changed': {
      const x = edit();
      const { from, to } = e.meta;
      if (from === 'waiting_on_customer' && x.waitingSince !== null) {
        x.waitingMs += Math.max(0, at - x.waitingSince);
        x.waitingSince = null;
      }
      if (to === 'waiting_on_customer') x.waitingSince = at;
      if (done(to) && !done(from)) {
        if (to === 'resolved' || x.resolvedAt === null) x.resolutions += 1;
        x.resolvedAt = at;
        x.sla = { firstResponse: 'ok', nextResponse: 'ok', resolution: 'ok' };
      }
      if (done(from) && !done(to)) {
        x.reopens += 1;
        x.resolvedAt = null;
      }
      x.status = to;
      break;
    }
    case 'case.assigned': {
      const x = edit();
      if (e.meta.from !== null && e.meta.to !== null && e.meta.from !== e.meta.to) x.transfers += 1;
      x.assigneeId = e.meta.to;
      // a case taken back from the specialists' queue by a frontline agent is theirs again
      break;
    }
    case 'call.answered': {
      // answering a call is the first response to it
      if (f.firstResponseAt !== null || e.meta.answeredBy === null) return unchanged();
      const x = edit();
      x.firstResponseAt = at;
      x.firstResponderId = e.meta.answeredBy;
      x.awaitingSince = null;
      x.sla.firstResponse = 'ok';
      break;
    }
    case 'call.started': {
      if (e.meta.direction !== 'in') return unchanged();
      const x = edit();
      if (x.channel === null) x.channel = 'phone';
      if (x.awaitingSince === null && x.firstResponseAt === null) x.awaitingSince = at;
      break;
    }
    case 'case.priority_changed':
      edit().priority = e.meta.to;
      break;
    case 'case.handed_off':
      edit().handoff = e.meta.to;
      break;
    case 'escalation.fired': {
      const tags = e.meta.actions.flatMap((a) => (a.type === 'add_tag' ? [a.tag] : []));
      const x = edit();
      for (const t of tags) if (!x.tags.includes(t)) x.tags.push(t);
      break;
    }
    case 'call.ended': {
      if (e.meta.answeredBy === null) return unchanged(); // a missed call is no handled contact
      const x = edit();
      x.callSec += e.meta.durationSec;
      x.calls += 1;
      x.wrapFrom = at;
      x.wrapBy = e.meta.answeredBy;
      break;
    }
    case 'sla.warned':
    case 'sla.breached': {
      const x = edit();
      const state = e.kind === 'sla.breached' ? 'breached' : 'warned';
      if (x.sla[e.meta.clock] !== 'breached') x.sla[e.meta.clock] = state;
      if (state === 'breached' && e.meta.clock === 'firstResponse') x.firstResponseBreached = true;
      if (state === 'breached' && e.meta.clock === 'resolution') x.resolutionBreached = true;
      break;
    }
    default:
      // a kind that moves no figure (a note): only a wrap-up it may have ended
      return unchanged();
  }
  return settle((n as CaseFacts | null) ?? edit(), at);

  /** nothing of this kind's own to fold: `f` itself, or with the wrap-up it ended */
  function unchanged(): CaseFacts {
    return n === null ? f : settle(n, at);
  }
}

/** The stage (and since when) and the last event's time, after a change. */
function settle(x: CaseFacts, at: number): CaseFacts {
  const stage = stageOf(x);
  if (stage !== x.stage) {
    x.stage = stage;
    x.stageSince = at;
  }
  x.lastEventAt = Math.max(x.lastEventAt, at);
  return x;
}

function chatTouch(x: CaseFacts, at: number): void {
  if (x.chatFirstAt === null || at < x.chatFirstAt) x.chatFirstAt = at;
  if (x.chatLastAt === null || at > x.chatLastAt) x.chatLastAt = at;
}

/** Folds a case's whole history (tests, the read model's rebuild). Events before its `case.opened` are ignored. */
export function caseFactsFrom(events: readonly Event[], product: string | null = null): CaseFacts | null {
  let f: CaseFacts | null = null;
  for (const e of events) {
    if (e.kind === 'case.opened') f = openFacts(e, product);
    else if (f) f = foldCaseFacts(f, e);
  }
  return f;
}
