import type { Customer, SocialNetwork } from '../../kernel/customer';
import type { Event, IdentityRef } from '../../kernel/event';

/**
 * How customer.merged / customer.unmerged change the two customers involved (pure; server and desktop):
 * merged → the source points at the target (`mergedInto`), the target gains the moved identities;
 * unmerged → exactly the reverse. Other customers and other kinds: returned unchanged.
 */
export function applyMergeToCustomer(c: Customer, e: Event): Customer {
  if (e.kind !== 'customer.merged' && e.kind !== 'customer.unmerged') return c;
  const m = e.meta;
  const merged = e.kind === 'customer.merged';
  if (c.id === m.sourceId) {
    if (merged) return { ...c, mergedInto: m.targetId, updatedAt: e.occurredAt };
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { mergedInto, ...rest } = c;
    return { ...rest, updatedAt: e.occurredAt };
  }
  if (c.id !== m.targetId) return c;
  return merged ? { ...addIdentities(c, m.identities), updatedAt: e.occurredAt } : { ...removeIdentities(c, m.identities), updatedAt: e.occurredAt };
}

function splitSocial(value: string): { network: SocialNetwork; handle: string } | null {
  const i = value.indexOf(':');
  if (i <= 0) return null;
  const network = value.slice(0, i) as SocialNetwork;
  return { network, handle: value.slice(i + 1) };
}

function addIdentities(c: Customer, ids: readonly IdentityRef[]): Customer {
  const emails = new Set(c.emails);
  const phones = new Set(c.phones);
  const social = [...c.socialHandles];
  for (const i of ids) {
    if (i.kind === 'email') emails.add(i.value);
    else if (i.kind === 'phone') phones.add(i.value);
    else {
      const s = splitSocial(i.value);
      if (s && !social.some((h) => h.network === s.network && h.handle.toLowerCase() === s.handle)) social.push(s);
    }
  }
  return { ...c, emails: [...emails], phones: [...phones], socialHandles: social };
}

function removeIdentities(c: Customer, ids: readonly IdentityRef[]): Customer {
  const key = (k: string, v: string) => `${k}\u0000${v}`;
  const gone = new Set(ids.map((i) => key(i.kind, i.value)));
  return {
    ...c,
    emails: c.emails.filter((x) => !gone.has(key('email', x.toLowerCase()))),
    phones: c.phones.filter((x) => !gone.has(key('phone', x))),
    socialHandles: c.socialHandles.filter((h) => !gone.has(key('social', `${h.network}:${h.handle.toLowerCase()}`))),
  };
}
