import type { IdentityKey } from './normalise';

/**
 * Identity decision for one inbound contact (pure; the database lookups are in store.ts).
 *
 *  - exactly one customer holds the contact's strong keys (email, E.164 phone, social handle) → join it;
 *  - several customers hold them:
 *      · all through the SAME key (a shared family phone, a shared mailbox) and exactly one of them
 *        has the contact's name → join that one;
 *      · otherwise (keys pointing at different customers, or no name to tell them apart) → a new
 *        customer and a merge suggestion per candidate: agents decide, nothing is merged on a guess;
 *  - no strong match, but weak ones (the same name only, an email one edit away) → a new customer and
 *    merge suggestions;
 *  - nothing → a new customer.
 *
 * Unverified claims (`claims`: an email typed into the chat widget, a Chatwoot contact's details) are never
 * keys: when the verified keys do not join, every customer holding a claim becomes an `unverified_identity`
 * suggestion on the new customer (first, before the weak reasons). Anyone can type anyone's address.
 */
export type SuggestionReason = 'shared_identity' | 'conflicting_identities' | 'same_name' | 'similar_email' | 'unverified_identity';

export interface Candidate {
  customerId: string;
  /** normalised name of the candidate (normaliseName) */
  name: string | null;
}

export interface MatchInput {
  keys: readonly IdentityKey[];
  /** normalised display name of the contact */
  name: string | null;
  /** customers holding each strong key (`kind:value` → candidates) */
  strong: ReadonlyMap<string, readonly Candidate[]>;
  /** weak candidates found when nothing matched strongly */
  weak: ReadonlyArray<{ customerId: string; reason: 'same_name' | 'similar_email' }>;
  /** self-declared contact keys: looked up in `strong` too, but they only ever suggest */
  claims?: readonly IdentityKey[];
}

export type MatchDecision =
  | { kind: 'join'; customerId: string; via: 'identity' | 'identity+name' }
  | { kind: 'new'; suggestions: Array<{ customerId: string; reason: SuggestionReason }> };

export const keyString = (k: IdentityKey): string => `${k.kind}:${k.value}`;

export function decideMatch(input: MatchInput): MatchDecision {
  const byCustomer = new Map<string, { candidate: Candidate; keys: Set<string> }>();
  for (const k of input.keys) {
    const ks = keyString(k);
    for (const c of input.strong.get(ks) ?? []) {
      const entry = byCustomer.get(c.customerId) ?? { candidate: c, keys: new Set<string>() };
      entry.keys.add(ks);
      byCustomer.set(c.customerId, entry);
    }
  }
  if (byCustomer.size === 1) {
    const [id] = byCustomer.keys();
    return { kind: 'join', customerId: id as string, via: 'identity' };
  }
  if (byCustomer.size > 1) {
    const entries = [...byCustomer.values()];
    // Did every candidate come through one and the same key (a shared number or mailbox)?
    const first = [...(entries[0]?.keys ?? [])];
    const sharedKey = first.find((k) => entries.every((e) => e.keys.has(k) && e.keys.size === 1));
    if (sharedKey && input.name) {
      const named = entries.filter((e) => e.candidate.name === input.name);
      if (named.length === 1) return { kind: 'join', customerId: (named[0] as (typeof entries)[number]).candidate.customerId, via: 'identity+name' };
    }
    const reason: SuggestionReason = sharedKey ? 'shared_identity' : 'conflicting_identities';
    return { kind: 'new', suggestions: entries.map((e) => ({ customerId: e.candidate.customerId, reason })) };
  }
  const seen = new Set<string>();
  const suggestions: Array<{ customerId: string; reason: SuggestionReason }> = [];
  for (const k of input.claims ?? []) {
    for (const c of input.strong.get(keyString(k)) ?? []) {
      if (seen.has(c.customerId)) continue;
      seen.add(c.customerId);
      suggestions.push({ customerId: c.customerId, reason: 'unverified_identity' });
    }
  }
  // similar email first: it is the stronger of the weak reasons
  for (const w of [...input.weak].sort((a, b) => (a.reason === b.reason ? 0 : a.reason === 'similar_email' ? -1 : 1))) {
    if (seen.has(w.customerId)) continue;
    seen.add(w.customerId);
    suggestions.push({ customerId: w.customerId, reason: w.reason });
  }
  return { kind: 'new', suggestions: suggestions.slice(0, MAX_SUGGESTIONS) };
}

/** A name shared by many customers says nothing; at most this many suggestions per contact. */
export const MAX_SUGGESTIONS = 5;
