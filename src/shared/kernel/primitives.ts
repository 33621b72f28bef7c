import { z } from 'zod';

/** UUID of any version; ids made by us are UUIDv7 (time-ordered), see ids.ts. */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

/** ISO-8601 instant with offset, e.g. 2026-11-22T10:00:00.000Z. */
export const Instant = z.iso.datetime({ offset: true });
export type Instant = z.infer<typeof Instant>;

/** The four customer channels. `internal` is for agent notes and case changes, never customer-visible. */
export const Channel = z.enum(['email', 'chat', 'social', 'phone']);
export type Channel = z.infer<typeof Channel>;
export const EventChannel = z.enum(['email', 'chat', 'social', 'phone', 'internal']);
export type EventChannel = z.infer<typeof EventChannel>;
export const CHANNELS: readonly Channel[] = Channel.options;

export const Language = z.enum(['en', 'zh']);
export type Language = z.infer<typeof Language>;

/** E.164: a plus and 8 to 15 digits. Normalising free-form numbers is the server's job (libphonenumber-js). */
export const E164 = z.string().regex(/^\+[1-9]\d{7,14}$/, 'phone number must be E.164, e.g. +14155550100');
