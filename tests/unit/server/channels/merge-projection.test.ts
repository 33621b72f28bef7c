import { describe, expect, it } from 'vitest';
import type { Customer } from '../../../../src/shared/kernel/customer';
import type { Event } from '../../../../src/shared/kernel/event';
import { applyMergeToCustomer } from '../../../../src/shared/features/identity/merge-projection';

const at = '2026-11-22T10:00:00.000Z';
const customer = (id: string, over: Partial<Customer> = {}): Customer => ({
  id, teamId: '01941f29-7c00-7000-8000-000000000001', name: id, emails: [], phones: [], socialHandles: [], language: 'en', segment: 'adult', vip: false, devices: [], createdAt: at, updatedAt: at, ...over,
});
const S = '01941f29-7c00-7000-8000-0000000000a1';
const T = '01941f29-7c00-7000-8000-0000000000b2';
const meta = { mergeId: '01941f29-7c00-7000-8000-0000000000c3', sourceId: S, targetId: T, caseIds: [], threadIds: [], eventIds: [], identities: [{ kind: 'phone' as const, value: '+14155550123' }, { kind: 'social' as const, value: 'whatsapp:14155550123' }, { kind: 'email' as const, value: 's@x.io' }] };
const ev = (kind: 'customer.merged' | 'customer.unmerged'): Event => ({ id: meta.mergeId, seq: 1, customerId: T, caseId: null, threadId: null, channel: 'internal', kind, author: { type: 'agent', id: null, name: 'Lena' }, body: null, occurredAt: '2026-11-22T11:00:00.000Z', meta });

describe('merge projection', () => {
  it('merge: the source points at the target, the target gains the identities; un-merge restores both exactly', () => {
    const source = customer(S, { phones: ['+14155550123'] });
    const target = customer(T, { emails: ['t@x.io'] });
    const s1 = applyMergeToCustomer(source, ev('customer.merged'));
    const t1 = applyMergeToCustomer(target, ev('customer.merged'));
    expect(s1.mergedInto).toBe(T);
    expect(t1).toMatchObject({ emails: ['t@x.io', 's@x.io'], phones: ['+14155550123'], socialHandles: [{ network: 'whatsapp', handle: '14155550123' }] });
    const s2 = applyMergeToCustomer(s1, ev('customer.unmerged'));
    const t2 = applyMergeToCustomer(t1, ev('customer.unmerged'));
    expect({ ...s2, updatedAt: at }).toEqual(source);
    expect({ ...t2, updatedAt: at }).toEqual(target);
  });
  it('other customers and kinds are untouched', () => {
    const other = customer('01941f29-7c00-7000-8000-0000000000d4');
    expect(applyMergeToCustomer(other, ev('customer.merged'))).toBe(other);
  });
});
