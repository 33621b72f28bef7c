import type { CountryCode } from 'libphonenumber-js';
import type { SocialHandle } from '../../../shared/kernel/customer';
import type { Queryable } from '../../kernel/db/types';
import { decideMatch, keyString, MAX_SUGGESTIONS, type Candidate, type MatchDecision } from './match';
import { deletionKeys, editDistance, identityKeys, normaliseEmail, normaliseHandle, normaliseName, type IdentityKey } from './normalise';

/** Database lookups of the identity resolver. Every one runs inside the caller's transaction. */

/** Customers holding any of the keys, per key (`kind:value`). Merged-away customers hold no keys. */
export async function findStrong(tx: Queryable, keys: readonly IdentityKey[]): Promise<Map<string, Candidate[]>> {
  const out = new Map<string, Candidate[]>();
  if (keys.length === 0) return out;
  const uniq = [...new Map(keys.map((k) => [keyString(k), k])).values()];
  const { rows } = await tx.query<{ kind: string; value: string; customer_id: string; name: string }>(
    `select ci.kind, ci.value, ci.customer_id, c.name
       from customer_identities ci join customers c on c.id = ci.customer_id
      where (ci.kind, ci.value) in (select * from unnest($1::text[], $2::text[])) and coalesce(c.data->>'mergedInto', '') = ''`,
    [uniq.map((k) => k.kind), uniq.map((k) => k.value)],
  );
  for (const r of rows) {
    const ks = `${r.kind}:${r.value}`;
    const list = out.get(ks) ?? [];
    list.push({ customerId: r.customer_id, name: normaliseName(r.name) });
    out.set(ks, list);
  }
  return out;
}

/** Weak candidates: customers with the same normalised name, and customers with an email one edit away. */
export async function findWeak(
  tx: Queryable,
  contact: { rawName: string | null; email: string | null },
): Promise<Array<{ customerId: string; reason: 'same_name' | 'similar_email' }>> {
  const out: Array<{ customerId: string; reason: 'same_name' | 'similar_email' }> = [];
  if (contact.email) {
    const { rows } = await tx.query<{ value: string; customer_id: string }>(
      `select distinct value, customer_id from identity_email_keys where key = any($1::text[]) limit 50`,
      [deletionKeys(contact.email)],
    );
    for (const r of rows) {
      if (r.value !== contact.email && editDistance(r.value, contact.email, 1) <= 1) out.push({ customerId: r.customer_id, reason: 'similar_email' });
    }
  }
  const name = normaliseName(contact.rawName);
  if (contact.rawName && name) {
    const { rows } = await tx.query<{ id: string; name: string }>(
      `select id, name from customers
        where lower(regexp_replace(btrim(name), '\\s+', ' ', 'g')) = $1 and coalesce(data->>'mergedInto', '') = ''
        limit ${MAX_SUGGESTIONS + 1}`,
      [nameLookupKey(contact.rawName)],
    );
    // the index narrows by lower case; the full normalisation (accents, punctuation) decides
    for (const r of rows) if (normaliseName(r.name) === name) out.push({ customerId: r.id, reason: 'same_name' });
  }
  return out;
}

/** The expression of the `customers_norm_name_idx` index, computed in JS. */
export function nameLookupKey(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The identity decision for one contact, read-only (the ingestion pipeline makes the same decision in its batch). */
export async function resolveContact(
  tx: Queryable,
  identity: { email?: string | null; phone?: string | null; social?: SocialHandle | null; displayName?: string | null; claimedEmail?: string | null; claimedPhone?: string | null },
  phoneRegion?: CountryCode,
): Promise<MatchDecision> {
  const keys = identityKeys({ email: identity.email, phone: identity.phone, social: identity.social ? normaliseHandle(identity.social) : null }, phoneRegion);
  const claims = identityKeys({ email: identity.claimedEmail, phone: identity.claimedPhone }, phoneRegion);
  const strong = await findStrong(tx, [...keys, ...claims]);
  const rawName = identity.displayName?.trim() || null;
  const weak = keys.some((k) => strong.has(keyString(k))) ? [] : await findWeak(tx, { rawName, email: normaliseEmail(identity.email) ?? normaliseEmail(identity.claimedEmail) });
  return decideMatch({ keys, claims, name: normaliseName(rawName), strong, weak });
}
