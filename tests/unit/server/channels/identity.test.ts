import { describe, expect, it } from 'vitest';
import { decideMatch, deletionKeys, editDistance, identityKeys, normaliseEmail, normaliseHandle, normaliseName, normalisePhone, type Candidate } from '../../../../src/server/features/identity/index';
import { baseSubject } from '../../../../src/server/channels/ingest';

describe('identity normalisation', () => {
  it.each([
    [' Grace@Example.COM ', 'grace@example.com'],
    ['Grace Hopper <GRACE@example.com>', 'grace@example.com'],
    ['mailto:a.b@example.org', 'a.b@example.org'],
    ['not an email', null],
    ['', null],
    [null, null],
  ])('email %j → %j', (raw, out) => expect(normaliseEmail(raw)).toBe(out));

  it.each([
    ['(415) 555-0123', '+14155550123'],
    ['+1 415 555 0123', '+14155550123'],
    ['00 44 20 7946 0958', '+442079460958'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['tel:+14155550123', '+14155550123'],
    ['12', null],
    ['call me maybe', null],
  ])('phone %j → %j (E.164, default region US)', (raw, out) => expect(normalisePhone(raw)).toBe(out));

  it('reads numbers without country code in the configured region', () => {
    expect(normalisePhone('138 0013 8000', 'CN')).toBe('+8613800138000');
  });

  it.each([
    [{ network: 'whatsapp', handle: '+1 (415) 555-0123' }, { network: 'whatsapp', handle: '14155550123' }],
    [{ network: 'messenger', handle: '@PSID-42' }, { network: 'messenger', handle: 'psid-42' }],
  ] as const)('social handle %j → %j (per network)', (raw, out) => expect(normaliseHandle(raw)).toEqual(out));

  it.each([
    ['  José  O’Neil ', 'jose o neil'],
    ['王芳', '王芳'],
    ['A', null],
  ])('name %j → %j', (raw, out) => expect(normaliseName(raw)).toBe(out));

  it('identity keys drop invalid values', () => {
    expect(identityKeys({ email: 'x', phone: '+14155550123', social: { network: 'messenger', handle: 'P1' } })).toEqual([
      { kind: 'phone', value: '+14155550123' },
      { kind: 'social', value: 'messenger:p1' },
    ]);
  });

  it.each([
    ['margaret', 'margaret', 0],
    ['margaret', 'margret', 1],
    ['margaret', 'magraret', 1],
    ['margaret', 'margarets', 1],
    ['margaret', 'margxret', 1],
    ['margaret', 'mxrgxret', 2],
  ])('edit distance %s / %s = %i', (a, b, d) => expect(editDistance(a, b)).toBe(d));

  it('two emails one edit apart share a deletion key', () => {
    for (const [a, b] of [['ann@x.io', 'anne@x.io'], ['ann@x.io', 'nan@x.io'], ['ann@x.io', 'abn@x.io']] as const) {
      expect(deletionKeys(a).some((k) => deletionKeys(b).includes(k))).toBe(true);
    }
  });

  it.each([
    ['Re: RE: Fwd: Strap broke', 'strap broke'],
    ['回复: 血压计读数', '血压计读数'],
    ['答复：转发: 血压计读数', '血压计读数'],
    ['AW: Sensor', 'sensor'],
    ['Strap   broke', 'strap broke'],
  ])('base subject %j → %j', (raw, out) => expect(baseSubject(raw)).toBe(out));
});

describe('identity decision', () => {
  const c = (customerId: string, name: string | null = null): Candidate => ({ customerId, name });
  const email = { kind: 'email' as const, value: 'a@x.io' };
  const phone = { kind: 'phone' as const, value: '+14155550123' };

  it.each([
    ['one strong match joins', [email], null, [['email:a@x.io', [c('A')]]], [], { kind: 'join', customerId: 'A' }],
    ['two keys of the same customer join', [email, phone], null, [['email:a@x.io', [c('A')]], ['phone:+14155550123', [c('A')]]], [], { kind: 'join', customerId: 'A' }],
    ['a shared phone without a name: new + suggestions', [phone], null, [['phone:+14155550123', [c('A', 'ann'), c('B', 'bob')]]], [], { kind: 'new', suggestions: [{ customerId: 'A', reason: 'shared_identity' }, { customerId: 'B', reason: 'shared_identity' }] }],
    ['a shared phone with the name of one: joins that one', [phone], 'bob', [['phone:+14155550123', [c('A', 'ann'), c('B', 'bob')]]], [], { kind: 'join', customerId: 'B' }],
    ['email of one, phone of another: conflict, never a join', [email, phone], 'ann', [['email:a@x.io', [c('A', 'ann')]], ['phone:+14155550123', [c('B', 'ann')]]], [], { kind: 'new', suggestions: [{ customerId: 'A', reason: 'conflicting_identities' }, { customerId: 'B', reason: 'conflicting_identities' }] }],
    ['weak only (same name): new + suggestion', [email], 'ann', [], [{ customerId: 'A', reason: 'same_name' }], { kind: 'new', suggestions: [{ customerId: 'A', reason: 'same_name' }] }],
    ['nothing: new, no suggestion', [email], null, [], [], { kind: 'new', suggestions: [] }],
  ] as const)('%s', (_t, keys, name, strong, weak, out) => {
    const d = decideMatch({ keys, name, strong: new Map(strong.map(([k, v]) => [k, [...v]])), weak: [...weak] });
    expect(d).toMatchObject(out);
  });
});

describe('identity decision: unverified contact claims (issue 9, finding 1)', () => {
  const c = (customerId: string, name: string | null = null): Candidate => ({ customerId, name });
  const email = { kind: 'email' as const, value: 'a@x.io' };
  const phone = { kind: 'phone' as const, value: '+14155550123' };
  const social = { kind: 'social' as const, value: 'other:chatwoot-7' };

  it.each([
    ['a claimed email held by one customer never joins: new + unverified_identity', [], [email], null, [['email:a@x.io', [c('A', 'ann')]]], [], { kind: 'new', suggestions: [{ customerId: 'A', reason: 'unverified_identity' }] }],
    ['a claim with the matching name still never joins', [], [email], 'ann', [['email:a@x.io', [c('A', 'ann')]]], [], { kind: 'new', suggestions: [{ customerId: 'A', reason: 'unverified_identity' }] }],
    ['claimed email and phone of two customers: one suggestion each', [], [email, phone], null, [['email:a@x.io', [c('A')]], ['phone:+14155550123', [c('B')]]], [], { kind: 'new', suggestions: [{ customerId: 'A', reason: 'unverified_identity' }, { customerId: 'B', reason: 'unverified_identity' }] }],
    ['a claim nobody holds: new, no suggestion', [], [email], null, [], [], { kind: 'new', suggestions: [] }],
    ['a verified key still joins; the claim is ignored', [social], [email], null, [['social:other:chatwoot-7', [c('S')]], ['email:a@x.io', [c('A')]]], [], { kind: 'join', customerId: 'S' }],
    ['claim first, then weak reasons, each customer once', [], [email], 'bob', [['email:a@x.io', [c('A')]]], [{ customerId: 'A', reason: 'same_name' }, { customerId: 'B', reason: 'same_name' }], { kind: 'new', suggestions: [{ customerId: 'A', reason: 'unverified_identity' }, { customerId: 'B', reason: 'same_name' }] }],
  ] as const)('%s', (_t, keys, claims, name, strong, weak, out) => {
    const d = decideMatch({ keys, claims, name, strong: new Map(strong.map(([k, v]) => [k, [...v]])), weak: [...weak] });
    expect(d).toEqual(out.kind === 'join' ? { ...out, via: 'identity' } : out);
  });
});
