import type {
  BridgeEventName,
  BridgeEventPayload,
  BridgeInput,
  BridgeMethod,
  BridgeOutput,
  CustomerView,
  OmnideskBridge,
  QueueRow,
  TimelineItem,
} from '../../../src/shared/contracts/bridge';
import { OmnideskError } from '../../../src/shared/kernel/errors';
import type { CaseSla, ClockSummary } from '../../../src/shared/features/sla/contract';
import type { Agent } from '../../../src/shared/kernel/agent';
import type { Case, Thread } from '../../../src/shared/kernel/case';
import type { Customer } from '../../../src/shared/kernel/customer';
import type { Event } from '../../../src/shared/kernel/event';
import { deterministicId } from '../../../src/shared/kernel/ids';

/** Test data and a scripted in-memory bridge for the renderer's unit tests. */

const T0 = Date.parse('2026-11-22T09:00:00.000Z');
export const at = (min: number) => new Date(T0 + min * 60_000).toISOString();
export const id = (n: number) => deterministicId(T0, n);

export const TEAM = id(1);
export const ME = id(2);
export const OTHER_AGENT = id(3);
export const CUSTOMER = id(10);
export const OTHER_CUSTOMER = id(11);
export const CASE_A = id(20);
export const CASE_B = id(21);
export const THREAD_EMAIL = id(30);
export const THREAD_CHAT = id(31);
export const THREAD_PHONE = id(32);
export const THREAD_LOOSE = id(33);

export function agent(over: Partial<Agent> = {}): Agent {
  return {
    id: ME,
    username: 'alice',
    displayName: 'Alice Agent',
    role: 'agent',
    teamIds: [TEAM],
    languages: ['en'],
    presence: 'online',
    ...over,
  };
}

export function customer(over: Partial<Customer> = {}): Customer {
  return {
    id: CUSTOMER,
    teamId: TEAM,
    name: 'Margaret Chen',
    emails: ['margaret@example.com'],
    phones: ['+14155550100'],
    socialHandles: [{ network: 'whatsapp', handle: '+14155550100' }],
    language: 'en',
    segment: 'elderly',
    vip: false,
    devices: [{ kind: 'cgm', model: 'GlucoSense 3', serial: 'GS3-001', firmware: '2.1.0', warrantyUntil: '2027-06-30' }],
    createdAt: at(-10_000),
    updatedAt: at(0),
    ...over,
  };
}

export function kase(over: Partial<Case> = {}): Case {
  return {
    id: CASE_A,
    customerId: CUSTOMER,
    teamId: TEAM,
    subject: 'Sensor lost connection',
    status: 'open',
    priority: 'P2',
    assigneeId: null,
    openedAt: at(0),
    updatedAt: at(10),
    firstResponseDueAt: at(30),
    resolutionDueAt: at(24 * 60),
    firstRespondedAt: null,
    resolvedAt: null,
    ...over,
  };
}

export function thread(over: Partial<Thread> = {}): Thread {
  return {
    id: THREAD_EMAIL,
    customerId: CUSTOMER,
    caseId: CASE_A,
    channel: 'email',
    subject: 'Sensor lost connection',
    externalRef: null,
    openedAt: at(0),
    ...over,
  };
}

export function queueRow(over: Partial<QueueRow> = {}): QueueRow {
  return {
    caseId: CASE_A,
    customerId: CUSTOMER,
    customerName: 'Margaret Chen',
    vip: false,
    subject: 'Sensor lost connection',
    status: 'open',
    priority: 'P2',
    channel: 'email',
    assigneeId: null,
    teamId: TEAM,
    openedAt: at(0),
    updatedAt: at(10),
    firstResponseDueAt: at(30),
    resolutionDueAt: at(24 * 60),
    firstRespondedAt: null,
    sla: sla(),
    ...over,
  };
}

const clock = (over: Partial<ClockSummary> = {}): ClockSummary => ({
  state: 'inactive',
  dueAt: null,
  warnAt: null,
  leftMs: 30 * 60_000,
  targetMs: 30 * 60_000,
  warned: false,
  breached: false,
  ...over,
});

/** A case's SLA as the desktop computes it: by default first response and resolution running, due at the row's due times. */
export function sla(over: { firstResponse?: Partial<ClockSummary>; nextResponse?: Partial<ClockSummary>; resolution?: Partial<ClockSummary> } & Partial<Omit<CaseSla, 'firstResponse' | 'nextResponse' | 'resolution'>> = {}): CaseSla {
  const { firstResponse, nextResponse, resolution, ...rest } = over;
  const fr = clock({ state: 'running', dueAt: at(30), warnAt: at(24), ...firstResponse });
  const nr = clock(nextResponse);
  const res = clock({ state: 'running', dueAt: at(24 * 60), warnAt: at(24 * 48), targetMs: 24 * 3_600_000, leftMs: 24 * 3_600_000, ...resolution });
  const due = [fr, nr, res].filter((c) => c.state === 'running' && c.dueAt).map((c) => Date.parse(c.dueAt!));
  return {
    firstResponse: fr,
    nextResponse: nr,
    resolution: res,
    nextDueAt: due.length ? new Date(Math.min(...due)).toISOString() : null,
    warned: [fr, nr, res].some((c) => c.warned && (c.state === 'running' || c.state === 'paused')),
    breached: [fr, nr, res].some((c) => c.breached && (c.state === 'running' || c.state === 'paused')),
    suspiciousPauses: [],
    ...rest,
  };
}

let eventCounter = 1000;

type EventInit = {
  [K in Event['kind']]: { kind: K; meta: Extract<Event, { kind: K }>['meta'] };
}[Event['kind']];

/** An event of any kind; defaults give a customer email on CASE_A's email thread. */
export function event(
  init: EventInit,
  over: Partial<Omit<Event, 'kind' | 'meta'>> = {},
): Event {
  const base = {
    id: id(eventCounter++),
    seq: 1,
    customerId: CUSTOMER,
    caseId: CASE_A,
    threadId: THREAD_EMAIL,
    channel: 'email' as const,
    author: { type: 'customer' as const, id: CUSTOMER, name: 'Margaret Chen' },
    body: 'hello',
    occurredAt: at(1),
    ...over,
  };
  return { ...base, ...init } as Event;
}

export const received = (over: Partial<Omit<Event, 'kind' | 'meta'>> = {}): Event =>
  event({ kind: 'message.received', meta: { subject: null, providerMessageId: null, network: null } }, over);

export function item(e: Event, localState: TimelineItem['localState'] = 'synced', error: TimelineItem['error'] = null): TimelineItem {
  return { event: e, localState, error };
}

export function customerView(over: Partial<CustomerView> = {}): CustomerView {
  return { customer: customer(), cases: [kase()], threads: [thread()], ...over };
}

type Handler<M extends BridgeMethod> = (input: BridgeInput<M>) => BridgeOutput<M> | Promise<BridgeOutput<M>>;
export type Handlers = { [M in BridgeMethod]?: Handler<M> };

export interface FakeBridge extends OmnideskBridge {
  calls: Array<{ method: BridgeMethod; input: unknown }>;
  handlers: Handlers;
  emit<E extends BridgeEventName>(event: E, payload: BridgeEventPayload<E>): void;
  callsOf(method: BridgeMethod): unknown[];
}

/** A bridge that answers from `handlers` (rejecting NOT_FOUND for a method without one) and records calls. */
export function fakeBridge(handlers: Handlers = {}): FakeBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: FakeBridge['calls'] = [];
  const bridge: FakeBridge = {
    calls,
    handlers,
    call<M extends BridgeMethod>(method: M, input: BridgeInput<M>): Promise<BridgeOutput<M>> {
      calls.push({ method, input });
      const h = handlers[method] as Handler<M> | undefined;
      if (!h) return Promise.reject(new OmnideskError('NOT_FOUND', `no handler for ${method}`));
      return Promise.resolve().then(() => h(input));
    },
    on<E extends BridgeEventName>(event: E, listener: (payload: BridgeEventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set();
      const l = listener as (payload: unknown) => void;
      set.add(l);
      listeners.set(event, set);
      return () => set.delete(l);
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    callsOf(method) {
      return calls.filter((c) => c.method === method).map((c) => c.input);
    },
  };
  return bridge;
}

/** Let queued promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
