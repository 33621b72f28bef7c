/** Synthetic but schema-valid event streams for benchmarks: one customer with a long history, plus noise. */
import { deterministicId, slaDueTimes, type Event } from '../../src/shared';

const TEAM = '01900000-0000-7000-8000-0000000000aa';
const AGENT = '01900000-0000-7000-8000-0000000000bb';
const CHANNELS = ['email', 'chat', 'social', 'phone'] as const;

export interface History {
  customerId: string;
  teamId: string;
  events: Event[];
}

/**
 * `customers` customers; the first has `longHistory` timeline events across the four channels, the others
 * `perCustomer` each. Every event is a valid shared `Event` with a server seq, in seq order.
 */
export function makeHistory(opts: { customers: number; longHistory: number; perCustomer: number; start?: number }): History {
  const start = opts.start ?? Date.UTC(2026, 5, 1);
  let seq = 0;
  let n = 0;
  const events: Event[] = [];
  const id = (t: number) => deterministicId(t, ++n);
  const system = { type: 'system' as const, id: null, name: null };
  let first = '';
  for (let c = 0; c < opts.customers; c++) {
    const t0 = start + c * 1000;
    const customerId = id(t0);
    if (c === 0) first = customerId;
    const at = (ms: number) => new Date(ms).toISOString();
    events.push({
      id: id(t0), seq: ++seq, customerId, caseId: null, threadId: null, channel: 'internal', author: system, body: null,
      occurredAt: at(t0), kind: 'customer.created',
      meta: {
        customer: {
          id: customerId, teamId: TEAM, name: `Bench Customer ${c}`, emails: [`bench${c}@example.com`], phones: ['+14155550100'],
          socialHandles: [], language: c % 2 ? 'zh' : 'en', segment: 'adult', vip: false, devices: [],
          createdAt: at(t0), updatedAt: at(t0),
        },
      },
    });
    const caseId = id(t0);
    const openedAt = at(t0 + 1);
    events.push({
      id: id(t0), seq: ++seq, customerId, caseId, threadId: null, channel: 'internal', author: system, body: null,
      occurredAt: openedAt, kind: 'case.opened',
      meta: {
        case: {
          id: caseId, customerId, teamId: TEAM, subject: 'Sensor readings drift', status: 'open', priority: 'P2', assigneeId: null,
          openedAt, updatedAt: openedAt, ...slaDueTimes(openedAt, 'P2'), firstRespondedAt: null, resolvedAt: null,
        },
      },
    });
    const threads = CHANNELS.map((channel) => {
      const threadId = id(t0);
      events.push({
        id: id(t0), seq: ++seq, customerId, caseId, threadId, channel, author: system, body: null, occurredAt: openedAt,
        kind: 'thread.opened',
        meta: { thread: { id: threadId, customerId, caseId, channel, subject: null, externalRef: null, openedAt } },
      });
      return { threadId, channel };
    });
    const count = c === 0 ? opts.longHistory : opts.perCustomer;
    for (let i = 0; i < count; i++) {
      const t = t0 + 10_000 + i * 60_000;
      const th = threads[i % threads.length]!;
      const inbound = i % 2 === 0;
      events.push(
        inbound
          ? {
              id: id(t), seq: ++seq, customerId, caseId, threadId: th.threadId, channel: th.channel,
              author: { type: 'customer', id: customerId, name: `Bench Customer ${c}` },
              body: `My glucose sensor shows readings that drift by about ${i % 40} mg/dL after the warm-up. 传感器读数偏差 ${i}`,
              occurredAt: at(t), kind: 'message.received',
              meta: { subject: null, providerMessageId: `pm-${c}-${i}`, network: th.channel === 'social' ? 'whatsapp' : null },
            }
          : {
              id: id(t), seq: ++seq, customerId, caseId, threadId: th.threadId, channel: th.channel,
              author: { type: 'agent', id: AGENT, name: 'Bench Agent' },
              body: `Thanks, please recalibrate with a finger-stick reading and tell me the value you see (${i}).`,
              occurredAt: at(t), kind: 'message.sent', meta: { subject: null, deliveryStatus: 'delivered' },
            },
      );
    }
  }
  return { customerId: first, teamId: TEAM, events };
}

/** A fixture event moved onto an existing team (a bench agent's): the team lives on customer.created and case.opened. */
export function onTeam(e: Event, teamId: string): Event {
  if (e.kind === 'customer.created') return { ...e, meta: { customer: { ...e.meta.customer, teamId } } };
  if (e.kind === 'case.opened') return { ...e, meta: { case: { ...e.meta.case, teamId } } };
  return e;
}
