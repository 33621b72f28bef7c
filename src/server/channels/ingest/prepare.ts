/** Before the transaction: validate and normalise one inbound message (no database). */
import { messageHarm } from '../../../shared/features/safety/detect';
import { OmnideskError } from '../../../shared/kernel/errors';
import { MAX_BODY_CHARS } from '../../../shared/kernel/event';
import { Channel } from '../../../shared/kernel/primitives';
import { customerPhone, DEFAULT_PHONE_SETTINGS, identityKeys, isDeskNumber, normaliseEmail, normaliseHandle, normaliseName, type PhoneSettings } from '../../features/identity';
import type { InboundMessage } from '../types';
import { clean, type Prepared } from './batch';

/** Validates the shape every adapter must produce; throws INVALID_ARGUMENT with a data-free message. */
/** Phone numbers are read in the desk's region; the desk's own numbers never become a customer's key or claim. */
export function prepareInbound(msg: InboundMessage, phone: PhoneSettings = DEFAULT_PHONE_SETTINGS): Prepared {
  if (!Channel.safeParse(msg.channel).success) throw new OmnideskError('INVALID_ARGUMENT', 'unknown channel');
  if (typeof msg.providerMessageId !== 'string' || !msg.providerMessageId.trim() || msg.providerMessageId.length > 500) {
    throw new OmnideskError('INVALID_ARGUMENT', 'providerMessageId must be 1-500 characters');
  }
  if (typeof msg.threadRef !== 'string' || !msg.threadRef.trim() || msg.threadRef.length > 500) {
    throw new OmnideskError('INVALID_ARGUMENT', 'threadRef must be 1-500 characters');
  }
  if (typeof msg.body !== 'string') throw new OmnideskError('INVALID_ARGUMENT', 'body must be text');
  const t = Date.parse(msg.occurredAt);
  if (Number.isNaN(t)) throw new OmnideskError('INVALID_ARGUMENT', 'occurredAt must be an ISO instant');
  const identity = {
    email: normaliseEmail(msg.identity.email),
    phone: customerPhone(phone, msg.identity.phone),
    social: deskHandle(phone, normaliseHandle(msg.identity.social ?? null)),
  };
  const claimed = { email: normaliseEmail(msg.identity.claimedEmail), phone: customerPhone(phone, msg.identity.claimedPhone) };
  const asserted = identityKeys(claimed, phone.region);
  // an email signature's numbers, in the desk's region: they may suggest a merge, nothing more
  const signature = (msg.identity.signaturePhones ?? []).map((p) => customerPhone(phone, p)).filter((p): p is string => p !== null && p !== identity.phone);
  const claims = [...asserted, ...signature.flatMap((p) => identityKeys({ phone: p }, phone.region))];
  // a Message-ID is the sender's choice: unique per sender only (the other channels' ids are the provider's)
  const dedupeSender = msg.channel === 'email' ? (identity.email ?? '') : '';
  const body = clean(msg.body).slice(0, MAX_BODY_CHARS);
  const rawName = msg.identity.displayName?.trim() ? clean(msg.identity.displayName.trim()).slice(0, 200) : null;
  return {
    msg,
    body,
    keys: identityKeys(identity, phone.region),
    claims,
    unverified: msg.identity.verified === false || asserted.length > 0 ? claimed : null,
    email: identity.email ?? claimed.email,
    rawName,
    name: normaliseName(rawName),
    occurredAt: new Date(t).toISOString(),
    harm: messageHarm(msg.subject, body),
    dedupeSender,
    dedupeKey: `${msg.channel}\u0000${clean(msg.providerMessageId)}\u0000${dedupeSender}`,
  };
}

/** A WhatsApp id is a phone number: the desk's own business number is no customer's handle. */
function deskHandle(phone: PhoneSettings, h: ReturnType<typeof normaliseHandle>): ReturnType<typeof normaliseHandle> {
  return h && h.network === 'whatsapp' && isDeskNumber(phone, `+${h.handle}`) ? null : h;
}
