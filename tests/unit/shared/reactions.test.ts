/**
 * Issue 10 decision: a reaction is not a customer message. It is `message.reacted`, which no SLA clock counts as a
 * customer contact and which does not touch the case (the ingest pipeline never reopens or opens a case for it:
 * tests/integration/channels/social/social-media.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { slaFacts } from '../../../src/shared/features/sla';
import { applyToCase } from '../../../src/shared/kernel/projection';
import { Event, TIMELINE_FOLDED_KINDS, TIMELINE_KINDS } from '../../../src/shared/kernel/event';
import { eraseEvent } from '../../../src/shared/features/privacy/erase';

const kase = { id: '01a00000-0000-7000-8000-000000000001', customerId: '01a00000-0000-7000-8000-000000000002', teamId: '01a00000-0000-7000-8000-000000000003', subject: 's', status: 'resolved', priority: 'P2', assigneeId: null, openedAt: '2026-12-01T08:00:00.000Z', updatedAt: '2026-12-01T09:00:00.000Z', firstResponseDueAt: '2026-12-01T08:30:00.000Z', resolutionDueAt: '2026-12-02T08:00:00.000Z', firstRespondedAt: '2026-12-01T08:10:00.000Z', resolvedAt: '2026-12-01T09:00:00.000Z' } as const;
const reaction = Event.parse({
  id: '01a00000-0000-7000-8000-000000000010', seq: 5, customerId: kase.customerId, caseId: kase.id, threadId: '01a00000-0000-7000-8000-000000000004', channel: 'social',
  kind: 'message.reacted', author: { type: 'customer', id: kase.customerId, name: 'K' }, body: null, occurredAt: '2026-12-01T10:00:00.000Z',
  meta: { providerMessageId: 'wamid.R', network: 'whatsapp', targetProviderMessageId: 'wamid.T', targetEventId: '01a00000-0000-7000-8000-000000000011', emoji: '\u{1F44D}' },
});

describe('reactions are non-substantive', () => {
  it('no SLA fact: a reaction neither starts a next-response clock nor counts as the customer waiting', () => {
    const opened = Event.parse({ ...reaction, id: '01a00000-0000-7000-8000-000000000012', kind: 'case.opened', author: { type: 'system', id: null, name: null }, meta: { case: kase } });
    expect(slaFacts(kase.id, [opened, reaction]).map((f) => f.type)).toEqual(['opened']);
  });
  it('the case is not changed (status, updatedAt)', () => {
    expect(applyToCase(kase as never, reaction)).toEqual(kase);
  });
  it('folded onto its message in the timeline, not an item of its own', () => {
    expect(TIMELINE_FOLDED_KINDS).toContain('message.reacted');
    expect(TIMELINE_KINDS).not.toContain('message.reacted');
  });
  it('erasure drops the emoji; a stored attachment keeps no file name', () => {
    expect(eraseEvent(reaction).meta).toMatchObject({ emoji: '' });
    const stored = Event.parse({ ...reaction, kind: 'message.attachment_stored', meta: { messageId: reaction.id, part: 0, attachment: { id: 'x:0', filename: 'scan-of-arm.jpg', contentType: 'image/jpeg', size: 3, sha256: 'a'.repeat(64) } } });
    expect(JSON.stringify(eraseEvent(stored))).not.toContain('scan-of-arm');
  });
});
