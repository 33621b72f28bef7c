/** Before the transaction: validate and normalise one inbound message (no database). */
import type { CountryCode } from 'libphonenumber-js';
import { OmnideskError } from '../../../shared/kernel/errors';
import { MAX_BODY_CHARS } from '../../../shared/kernel/event';
import { Channel } from '../../../shared/kernel/primitives';
import { identityKeys, normaliseEmail, normaliseHandle, normaliseName, normalisePhone } from '../../features/identity';
import type { InboundMessage } from '../types';
import { clean, type Prepared } from './batch';

/** Validates the shape every adapter must produce; throws INVALID_ARGUMENT with a data-free message. */
export function prepareInbound(msg: InboundMessage, phoneRegion?: CountryCode): Prepared {
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
    phone: normalisePhone(msg.identity.phone, phoneRegion),
    social: normaliseHandle(msg.identity.social ?? null),
  };
  const claimed = { email: normaliseEmail(msg.identity.claimedEmail), phone: normalisePhone(msg.identity.claimedPhone, phoneRegion) };
  const claims = identityKeys(claimed, phoneRegion);
  const rawName = msg.identity.displayName?.trim() ? clean(msg.identity.displayName.trim()).slice(0, 200) : null;
  return {
    msg,
    body: clean(msg.body).slice(0, MAX_BODY_CHARS),
    keys: identityKeys(identity, phoneRegion),
    claims,
    unverified: msg.identity.verified === false || claims.length > 0 ? claimed : null,
    email: identity.email ?? claimed.email,
    rawName,
    name: normaliseName(rawName),
    occurredAt: new Date(t).toISOString(),
    dedupeKey: `${msg.channel}\u0000${clean(msg.providerMessageId)}`,
  };
}
