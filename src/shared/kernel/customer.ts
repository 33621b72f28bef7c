import { z } from 'zod';
import { E164, Id, Instant, Language } from './primitives';

export const Segment = z.enum(['young_adult', 'adult', 'elderly', 'clinician']);
export type Segment = z.infer<typeof Segment>;

export const DeviceKind = z.enum(['cgm', 'ecg_patch', 'bp_cuff', 'pulse_oximeter', 'smart_watch']);
export type DeviceKind = z.infer<typeof DeviceKind>;

export const Device = z.object({
  kind: DeviceKind,
  model: z.string().min(1),
  serial: z.string().min(1),
  firmware: z.string().min(1),
  warrantyUntil: z.iso.date(),
});
export type Device = z.infer<typeof Device>;

export const SocialNetwork = z.enum(['whatsapp', 'messenger', 'wechat', 'other']);
export type SocialNetwork = z.infer<typeof SocialNetwork>;
export const SocialHandle = z.object({ network: SocialNetwork, handle: z.string().min(1).max(128) });
export type SocialHandle = z.infer<typeof SocialHandle>;

export const Customer = z.object({
  id: Id,
  /** The team that owns this customer; visibility follows it (an agent sees their teams' customers). */
  teamId: Id,
  name: z.string().min(1).max(200),
  emails: z.array(z.email()),
  phones: z.array(E164),
  socialHandles: z.array(SocialHandle),
  language: Language,
  segment: Segment,
  vip: z.boolean(),
  devices: z.array(Device),
  createdAt: Instant,
  updatedAt: Instant,
  /** A vendor's contact (a distributor, a clinic's purchasing), not a customer: never sent a satisfaction survey (issue 18). */
  vendor: z.boolean().optional(),
  /** Set while this customer is merged into another (customer.merged); reads redirect there. */
  mergedInto: Id.nullable().optional(),
});
export type Customer = z.infer<typeof Customer>;

/** Fields an agent may edit; identity fields (emails, phones, handles) change through merge flows later. */
export const CustomerPatch = Customer.pick({ name: true, language: true, segment: true, vip: true, vendor: true }).partial();
export type CustomerPatch = z.infer<typeof CustomerPatch>;
