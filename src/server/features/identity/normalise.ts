import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import type { SocialHandle, SocialNetwork } from '../../../shared/kernel/customer';

/**
 * Identity keys, normalised so one person gives one key whatever the channel wrote:
 *  - email: trimmed, lower-case, must be a valid address (`mailto:` and `<…>` wrappers removed);
 *  - phone: E.164 via libphonenumber-js (a leading `00` is the international prefix; numbers without a
 *    country code are read in `defaultRegion`);
 *  - social handle: per network, lower-case, `@` dropped; a WhatsApp id is the number's digits.
 * Stored in `customer_identities` as (kind, value) with value `network:handle` for social.
 */
export type IdentityKind = 'email' | 'phone' | 'social';
export interface IdentityKey {
  kind: IdentityKind;
  value: string;
}

export const DEFAULT_PHONE_REGION: CountryCode = 'US';

const EmailSchema = z.email();

export function normaliseEmail(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim();
  const angle = /<([^<>]+)>\s*$/.exec(s);
  if (angle?.[1]) s = angle[1].trim();
  s = s.replace(/^mailto:/i, '').toLowerCase();
  if (s.length > 254) return null;
  return EmailSchema.safeParse(s).success ? s : null;
}

export function normalisePhone(raw: string | null | undefined, defaultRegion: CountryCode = DEFAULT_PHONE_REGION): string | null {
  if (!raw) return null;
  let s = raw.trim().replace(/^tel:/i, '');
  if (s.length > 40) return null;
  if (/^00[1-9]/.test(s.replace(/[\s().-]/g, ''))) s = `+${s.replace(/[\s().-]/g, '').slice(2)}`;
  let parsed = s.startsWith('+') ? parsePhoneNumberFromString(s) : parsePhoneNumberFromString(s, defaultRegion);
  if (!s.startsWith('+') && !parsed?.isValid()) {
    // PBXs and providers often send international numbers as bare digits (8613912345678): when the digits are
    // no valid number of the region but a valid one with a country code, that is what they are
    const international = parsePhoneNumberFromString(`+${s.replace(/[\s().-]/g, '')}`);
    if (international?.isValid()) parsed = international;
  }
  if (!parsed || !parsed.isPossible()) return null;
  const e164 = parsed.number;
  return /^\+[1-9]\d{7,14}$/.test(e164) ? e164 : null;
}

export function normaliseHandle(h: SocialHandle | null | undefined): SocialHandle | null {
  if (!h) return null;
  let handle = h.handle.trim().toLowerCase().replace(/^@/, '');
  if (h.network === 'whatsapp') handle = handle.replace(/[^\d]/g, '');
  if (!handle || handle.length > 128) return null;
  return { network: h.network, handle };
}

export function socialKey(network: SocialNetwork, handle: string): string {
  return `${network}:${handle}`;
}

/** Lower-case, accents removed, punctuation to spaces, spaces collapsed. "  José  O'Neil " → "jose o neil". */
export function normaliseName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  return s.length >= 2 ? s : null;
}

/** The strong identity keys of a contact, normalised; invalid values are dropped. */
export function identityKeys(
  identity: { email?: string | null; phone?: string | null; social?: SocialHandle | null },
  defaultRegion?: CountryCode,
): IdentityKey[] {
  const keys: IdentityKey[] = [];
  const email = normaliseEmail(identity.email);
  if (email) keys.push({ kind: 'email', value: email });
  const phone = normalisePhone(identity.phone, defaultRegion);
  if (phone) keys.push({ kind: 'phone', value: phone });
  const social = normaliseHandle(identity.social);
  if (social) keys.push({ kind: 'social', value: socialKey(social.network, social.handle) });
  return keys;
}

/** Damerau–Levenshtein (optimal string alignment) distance, stopping early above `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2: number[] = new Array<number>(b.length + 1).fill(0);
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  let prevPrev = prev2;
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prevPrev[j - 2] as number) + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = cur;
  }
  return prev[b.length] as number;
}

/** The one-deletion neighbourhood of a string (itself included): the keys of `identity_email_keys`. */
export function deletionKeys(s: string): string[] {
  const out = new Set<string>([s]);
  for (let i = 0; i < s.length; i++) out.add(s.slice(0, i) + s.slice(i + 1));
  return [...out];
}
