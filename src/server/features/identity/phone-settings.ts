import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { DEFAULT_PHONE_REGION, normalisePhone } from './normalise';

/**
 * How this desk reads phone numbers, the same on every path that meets one (CTI, WhatsApp and Messenger
 * webhooks, chat claims): numbers written without a country code are read in `region`
 * (OMNIDESK_PHONE_REGION: `021 6234 5678` in CN is +86 21 6234 5678, `13800138000` a Chinese mobile), and
 * the desk's own numbers (OMNIDESK_DESK_NUMBERS: hotlines, DIDs, the WhatsApp business number) are never a
 * customer's: a call from one is internal, a claim of one is dropped.
 */
export interface PhoneSettings {
  readonly region: CountryCode;
  /** E.164 */
  readonly deskNumbers: ReadonlySet<string>;
}

export const DEFAULT_PHONE_SETTINGS: PhoneSettings = { region: DEFAULT_PHONE_REGION, deskNumbers: new Set() };

/** Checked at start: a mistyped region would silently misread every local number, so it stops the server. */
export function phoneSettings(region: string | null | undefined, deskNumbers: readonly string[] = []): PhoneSettings {
  const r = (region?.trim() || DEFAULT_PHONE_REGION).toUpperCase();
  if (!isSupportedCountry(r)) throw new Error(`OMNIDESK_PHONE_REGION: "${r}" is not an ISO 3166 region libphonenumber knows (e.g. US, CN, GB)`);
  const desk = new Set<string>();
  for (const raw of deskNumbers) {
    if (!raw.trim()) continue;
    const n = normalisePhone(raw, r);
    if (!n) throw new Error(`OMNIDESK_DESK_NUMBERS: entry ${desk.size + 1} is not a phone number`);
    desk.add(n);
  }
  return { region: r, deskNumbers: desk };
}

/** A caller's or contact's number in E.164, or null when it is none (withheld, `anonymous`, an extension). */
export function customerPhone(settings: PhoneSettings, raw: string | null | undefined): string | null {
  const n = normalisePhone(raw, settings.region);
  return n && !settings.deskNumbers.has(n) ? n : null;
}

/** The number is one of the desk's own (after normalising in the desk's region). */
export function isDeskNumber(settings: PhoneSettings, raw: string | null | undefined): boolean {
  const n = normalisePhone(raw, settings.region);
  return n !== null && settings.deskNumbers.has(n);
}
