/** The erasure rules (src/shared/features/privacy): a table of events, what must go and what must stay. */
import { describe, expect, it } from 'vitest';
import { ERASED, eraseEvent, Event, newId } from '../../../src/shared';

const customerId = newId();
const base = { id: newId(), seq: 3, customerId, caseId: null, threadId: null, occurredAt: '2026-03-02T08:00:00.000Z' };
const agent = { type: 'agent', id: newId(), name: 'Alice Turner' } as const;
const customer = { type: 'customer', id: customerId, name: 'Pat Secret' } as const;
const sha = 'a'.repeat(64);

const cases: Array<{ what: string; event: Event; gone: string[]; kept: string[] }> = [
  {
    what: 'an inbound email: body, subject, HTML, attachments and the customer as author',
    event: Event.parse({ ...base, channel: 'email', kind: 'message.received', author: customer, body: 'my reading was 41', meta: { subject: 'Low glucose', providerMessageId: '<m1@x>', network: null, html: '<p>my reading was 41</p>', attachments: [{ id: 'a1', filename: 'pat-secret.png', contentType: 'image/png', size: 3, sha256: sha }] } }),
    gone: ['my reading was 41', 'Low glucose', 'Pat Secret', 'pat-secret.png', sha],
    kept: ['<m1@x>', 'message.received'],
  },
  {
    what: 'a bounce: its delivery report (the customer address, the returned subject) and the returned part',
    event: Event.parse({ ...base, channel: 'email', kind: 'message.received', author: customer, body: 'could not be delivered', meta: { subject: 'Undelivered Mail', providerMessageId: '<b1@x>', network: null, attachments: [{ id: 'a2', filename: 'returned-message.eml', contentType: 'message/rfc822', size: 3, sha256: sha }], bounceReport: { reportedBy: 'MAILER-DAEMON@mx.example.org', reportingMta: 'mx.example.org', recipients: [{ recipient: 'pat@example.org', action: 'failed', status: '5.1.1', remoteMta: null, diagnostic: '550 pat@example.org unknown' }], returnedMessage: { messageId: '<r1@x>', subject: 'Re: Low glucose', date: null, attachmentId: 'a2' } } } }),
    gone: ['pat@example.org', 'Low glucose', 'returned-message.eml', 'Pat Secret'],
    kept: ['<b1@x>', 'message.received'],
  },
  {
    what: 'an agent reply: body and subject, the agent stays',
    event: Event.parse({ ...base, channel: 'email', kind: 'message.sent', author: agent, body: 'Dear Pat Secret', meta: { subject: 'Re: Low glucose', deliveryStatus: 'sent' } }),
    gone: ['Pat Secret', 'Low glucose'],
    kept: ['Alice Turner', 'sent'],
  },
  {
    what: 'a call: the numbers',
    event: Event.parse({ ...base, channel: 'phone', kind: 'call.started', author: customer, body: null, meta: { direction: 'in', from: '+14155550142', to: '+18005550100', callId: 'c-1' } }),
    gone: ['+14155550142', 'Pat Secret'],
    kept: ['c-1'],
  },
  {
    what: 'the customer snapshot',
    event: Event.parse({ ...base, channel: 'internal', kind: 'customer.created', author: { type: 'system', id: null, name: null }, body: null, meta: { customer: { id: customerId, teamId: newId(), name: 'Pat Secret', emails: ['pat@example.org'], phones: ['+14155550142'], socialHandles: [{ network: 'whatsapp', handle: '+14155550142' }], language: 'en', segment: 'adult', vip: false, devices: [{ kind: 'cgm', model: 'G7', serial: 'SN-PAT-1', firmware: '1.0', warrantyUntil: '2027-01-01' }], createdAt: base.occurredAt, updatedAt: base.occurredAt } } }),
    gone: ['Pat Secret', 'pat@example.org', '+14155550142', 'SN-PAT-1'],
    kept: [customerId],
  },
  {
    what: 'a note: the body',
    event: Event.parse({ ...base, channel: 'internal', kind: 'note.added', author: agent, body: 'called Pat Secret back', meta: {} }),
    gone: ['Pat Secret'],
    kept: ['note.added'],
  },
];

describe('eraseEvent', () => {
  it.each(cases)('$what', ({ event, gone, kept }) => {
    const out = eraseEvent(event);
    expect(Event.parse(out), 'still a valid event').toEqual(out);
    expect({ id: out.id, seq: out.seq, kind: out.kind, occurredAt: out.occurredAt }).toEqual({ id: event.id, seq: event.seq, kind: event.kind, occurredAt: event.occurredAt });
    const json = JSON.stringify(out);
    for (const g of gone) expect(json.includes(g), `"${g}" is gone`).toBe(false);
    for (const k of kept) expect(json.includes(k), `"${k}" stays`).toBe(true);
    if (event.body !== null) expect(out.body).toBe(ERASED);
    expect(eraseEvent(out), 'idempotent').toEqual(out);
  });
});
