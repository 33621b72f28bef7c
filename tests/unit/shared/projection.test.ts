import { describe, expect, it } from 'vitest';
import type { Case } from '../../../src/shared/kernel/case';
import type { Customer } from '../../../src/shared/kernel/customer';
import { Event } from '../../../src/shared/kernel/event';
import { applyToCase, applyToCustomer } from '../../../src/shared/kernel/projection';

const caseId = '0190f3a0-0000-7000-8000-000000000001';
const customerId = '0190f3a0-0000-7000-8000-000000000002';
const agentId = '0190f3a0-0000-7000-8000-000000000003';
const base: Case = {
  id: caseId,
  customerId,
  teamId: '0190f3a0-0000-7000-8000-000000000004',
  subject: 'Sensor will not pair',
  status: 'open',
  priority: 'P2',
  assigneeId: null,
  openedAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-20T08:00:00.000Z',
  firstResponseDueAt: '2026-11-20T08:30:00.000Z',
  resolutionDueAt: '2026-11-21T08:00:00.000Z',
  firstRespondedAt: null,
  resolvedAt: null,
};

let n = 0;
function ev(kind: string, meta: object, at = '2026-11-20T09:00:00.000Z', overrides: object = {}): Event {
  n++;
  return Event.parse({
    id: `0190f3a0-0000-7000-8000-${String(100 + n).padStart(12, '0')}`,
    seq: n,
    customerId,
    caseId,
    threadId: null,
    channel: 'internal',
    author: { type: 'agent', id: agentId, name: 'Alice' },
    body: kind.startsWith('message') || kind === 'note.added' ? 'text' : null,
    occurredAt: at,
    kind,
    meta,
    ...overrides,
  });
}

describe('applyToCase', () => {
  it.each([
    ['status to pending', ev('case.status_changed', { from: 'open', to: 'pending' }), { status: 'pending', resolvedAt: null }],
    ['status to resolved sets resolvedAt', ev('case.status_changed', { from: 'open', to: 'resolved' }), { status: 'resolved', resolvedAt: '2026-11-20T09:00:00.000Z' }],
    ['assignment', ev('case.assigned', { from: null, to: agentId }), { assigneeId: agentId }],
    ['priority', ev('case.priority_changed', { from: 'P2', to: 'P0' }), { priority: 'P0' }],
    ['tags added', ev('case.tags_changed', { added: ['firmware', '退货'], removed: [] }), { tags: ['firmware', '退货'] }],
    ['a tag the case lacks removed: nothing else changes', ev('case.tags_changed', { added: [], removed: ['billing'] }), { tags: [] }],
    ['first agent reply sets firstRespondedAt', ev('message.sent', { subject: null, deliveryStatus: 'queued' }, '2026-11-20T08:20:00.000Z', { channel: 'email' }), { firstRespondedAt: '2026-11-20T08:20:00.000Z', updatedAt: '2026-11-20T08:20:00.000Z' }],
    [
      'the system’s own message (a survey link) is no response',
      ev('message.sent', { subject: null, deliveryStatus: 'queued' }, '2026-11-20T10:20:00.000Z', { channel: 'email', author: { type: 'system', id: null, name: 'Omnidesk survey' } }),
      { firstRespondedAt: null, updatedAt: '2026-11-20T10:20:00.000Z' },
    ],
    ['customer message only moves updatedAt', ev('message.received', { subject: null, providerMessageId: null, network: null }, '2026-11-20T10:00:00.000Z', { channel: 'chat' }), { status: 'open', updatedAt: '2026-11-20T10:00:00.000Z' }],
  ])('%s', (_name, event, expected) => {
    expect(applyToCase(base, event)).toMatchObject(expected);
  });

  it('a later reply does not move the first response time', () => {
    const first = applyToCase(base, ev('message.sent', { subject: null, deliveryStatus: 'sent' }, '2026-11-20T08:20:00.000Z', { channel: 'chat' }));
    const second = applyToCase(first, ev('message.sent', { subject: null, deliveryStatus: 'sent' }, '2026-11-20T11:00:00.000Z', { channel: 'chat' }));
    expect(second.firstRespondedAt).toBe('2026-11-20T08:20:00.000Z');
  });

  it("an agent's flag stays open until the lead answers that request (another answer leaves it)", () => {
    const req = ev('case.help_requested', { note: 'needs a refund decision' });
    const asked = applyToCase(base, req);
    expect(asked.help).toEqual({ id: req.id, byId: agentId, at: '2026-11-20T09:00:00.000Z', note: 'needs a refund decision' });
    expect(applyToCase(asked, ev('case.help_answered', { requestId: '0190f3a0-0000-7000-8000-0000000000ee', reply: 'x' }))).toBe(asked);
    expect(applyToCase(asked, ev('case.help_answered', { requestId: req.id, reply: 'Offer the exchange' })).help).toBeNull();
  });

  it('a fast-track stays on the case; its review records who and when', () => {
    const ft = ev('case.fast_tracked', { reason: 'ICU patient' }, '2026-11-20T09:00:00.000Z');
    const tracked = applyToCase(base, ft);
    expect(tracked.fastTrack).toEqual({ id: ft.id, byId: agentId, at: '2026-11-20T09:00:00.000Z', reason: 'ICU patient', reviewedAt: null, reviewedById: null, reviewNote: null });
    const reviewed = applyToCase(tracked, ev('case.fast_track_reviewed', { fastTrackId: ft.id, note: 'justified' }, '2026-11-21T09:00:00.000Z'));
    expect(reviewed.fastTrack).toMatchObject({ reviewedAt: '2026-11-21T09:00:00.000Z', reviewedById: agentId, reviewNote: 'justified' });
  });

  it('reopening clears resolvedAt', () => {
    const resolved = applyToCase(base, ev('case.status_changed', { from: 'open', to: 'resolved' }));
    expect(applyToCase(resolved, ev('case.status_changed', { from: 'resolved', to: 'open' })).resolvedAt).toBeNull();
  });

  it('an event of another case leaves the case untouched', () => {
    const other = ev('case.status_changed', { from: 'open', to: 'closed' }, undefined, { caseId: '0190f3a0-0000-7000-8000-0000000000ff' });
    expect(applyToCase(base, other)).toBe(base);
  });

  it('an older event does not move updatedAt backwards', () => {
    const c = { ...base, updatedAt: '2026-11-21T00:00:00.000Z' };
    expect(applyToCase(c, ev('note.added', {}, '2026-11-20T09:00:00.000Z')).updatedAt).toBe('2026-11-21T00:00:00.000Z');
  });
});

describe('applyToCustomer', () => {
  const customer: Customer = {
    id: customerId,
    teamId: base.teamId,
    name: 'Test Customer',
    emails: ['t@example.com'],
    phones: ['+14155550100'],
    socialHandles: [],
    language: 'en',
    segment: 'adult',
    vip: false,
    devices: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
  it('applies only the patched fields', () => {
    const out = applyToCustomer(customer, ev('customer.updated', { patch: { vip: true } }, '2026-11-20T09:00:00.000Z', { caseId: null }));
    expect(out).toEqual({ ...customer, vip: true, updatedAt: '2026-11-20T09:00:00.000Z' });
  });
  it('ignores events of other kinds', () => {
    expect(applyToCustomer(customer, ev('note.added', {}))).toBe(customer);
  });
});
