import {
  newId,
  slaDueTimes,
  type Agent,
  type Author,
  type Case,
  type Customer,
  type Thread,
} from '../../../../src/shared';
import type { NewEvent } from '../../../support/temp-store';

export const BASE_TIME = Date.parse('2026-03-02T08:00:00.000Z');
export const at = (minutes: number): string => new Date(BASE_TIME + minutes * 60_000).toISOString();

export const SYSTEM: Author = { type: 'system', id: null, name: null };

export function makeAgent(over: Partial<Agent> = {}): Agent {
  return {
    id: newId(),
    username: 'alice',
    displayName: 'Alice Agent',
    role: 'agent',
    teamIds: [],
    languages: ['en', 'zh'],
    presence: 'online',
    ...over,
  };
}

export function makeCustomer(teamId: string, over: Partial<Customer> = {}): Customer {
  return {
    id: newId(),
    teamId,
    name: '王小明',
    emails: ['xiaoming@example.com'],
    phones: ['+8613800001111'],
    socialHandles: [],
    language: 'zh',
    segment: 'adult',
    vip: true,
    devices: [],
    createdAt: at(0),
    updatedAt: at(0),
    ...over,
  };
}

export function makeCase(customer: Customer, over: Partial<Case> = {}): Case {
  const openedAt = over.openedAt ?? at(1);
  const priority = over.priority ?? 'P2';
  return {
    id: newId(),
    customerId: customer.id,
    teamId: customer.teamId,
    subject: 'CGM readings look wrong',
    status: 'open',
    priority,
    assigneeId: null,
    openedAt,
    updatedAt: openedAt,
    ...slaDueTimes(openedAt, priority),
    firstRespondedAt: null,
    resolvedAt: null,
    ...over,
  };
}

export function makeThread(c: Case, over: Partial<Thread> = {}): Thread {
  return {
    id: newId(),
    customerId: c.customerId,
    caseId: c.id,
    channel: 'chat',
    subject: null,
    externalRef: `chat-${c.id.slice(0, 8)}`,
    openedAt: c.openedAt,
    ...over,
  };
}

export function customerCreated(c: Customer): NewEvent {
  return { id: newId(), kind: 'customer.created', customerId: c.id, caseId: null, threadId: null, channel: 'internal', author: SYSTEM, body: null, occurredAt: c.createdAt, meta: { customer: c } };
}

export function caseOpened(c: Case): NewEvent {
  return { id: newId(), kind: 'case.opened', customerId: c.customerId, caseId: c.id, threadId: null, channel: 'internal', author: SYSTEM, body: null, occurredAt: c.openedAt, meta: { case: c } };
}

export function threadOpened(t: Thread): NewEvent {
  return { id: newId(), kind: 'thread.opened', customerId: t.customerId, caseId: t.caseId, threadId: t.id, channel: t.channel, author: SYSTEM, body: null, occurredAt: t.openedAt, meta: { thread: t } };
}

export function messageReceived(t: Thread, body: string, occurredAt: string): NewEvent {
  return {
    id: newId(),
    kind: 'message.received',
    customerId: t.customerId,
    caseId: t.caseId,
    threadId: t.id,
    channel: t.channel,
    author: { type: 'customer', id: t.customerId, name: null },
    body,
    occurredAt,
    meta: { subject: null, providerMessageId: null, network: null },
  };
}

export function priorityChanged(c: Case, from: Case['priority'], to: Case['priority'], author: Author, occurredAt: string): NewEvent {
  return { id: newId(), kind: 'case.priority_changed', customerId: c.customerId, caseId: c.id, threadId: null, channel: 'internal', author, body: null, occurredAt, meta: { from, to } };
}

export function statusChanged(c: Case, from: Case['status'], to: Case['status'], author: Author, occurredAt: string): NewEvent {
  return { id: newId(), kind: 'case.status_changed', customerId: c.customerId, caseId: c.id, threadId: null, channel: 'internal', author, body: null, occurredAt, meta: { from, to } };
}
