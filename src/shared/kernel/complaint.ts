import { z } from 'zod';
import { DeviceKind } from './customer';
import { Channel, Id, Instant } from './primitives';
import { SafetyCategory } from './safety-flag';

/**
 * The complaint and adverse-event record (issue 12; FDA 21 CFR 820.198 / 803, EU MDR Art. 87): what a confirmed
 * safety flag opens on its case, pre-filled from the case and the customer's device record, completed by a specialist.
 *
 * It copies no personal data: the complainant is the case's customer and the verbatim original is the flagged
 * message (`sourceMessageId`), both read where they live when the record is shown or exported, so erasing the
 * customer erases them here too. Only the specialist's own words (narrative, rationale, the reply) are text.
 */
const Ref = z.string().trim().max(200);
const Words = (n: number) => z.string().max(n);

export const ComplainantRole = z.enum(['patient', 'caregiver', 'clinician', 'other']);
export type ComplainantRole = z.infer<typeof ComplainantRole>;
export const DeviceUse = z.enum(['treatment', 'diagnosis', 'monitoring', 'other']);
export type DeviceUse = z.infer<typeof DeviceUse>;
/** FDA MDR (21 CFR 803), EU vigilance (MDR Art. 87), both, or neither. */
export const Reportability = z.enum(['fda_mdr', 'eu_vigilance', 'fda_mdr_and_eu_vigilance', 'not_reportable']);
export type Reportability = z.infer<typeof Reportability>;

/** ISO 3166-1 alpha-2, upper case. */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code, e.g. US, DE, CN');

export const ComplaintDevice = z.object({
  name: Ref.nullable(),
  kind: DeviceKind.nullable(),
  model: Ref.nullable(),
  udi: Ref.nullable(),
  serial: Ref.nullable(),
  lot: Ref.nullable(),
  firmware: Ref.nullable(),
  appVersion: Ref.nullable(),
});
export type ComplaintDevice = z.infer<typeof ComplaintDevice>;

/** Patient involvement; null = not known yet. */
export const PatientInvolvement = z.object({
  injury: z.boolean().nullable(),
  medicalIntervention: z.boolean().nullable(),
  hospitalisation: z.boolean().nullable(),
  death: z.boolean().nullable(),
});
export type PatientInvolvement = z.infer<typeof PatientInvolvement>;

/** The facts that choose the regulatory deadline (see features/safety/regulatory-clock.ts); null = not known yet. */
export const SeverityFacts = z.object({
  /** FDA 803.53: remedial action is needed to prevent an unreasonable risk of substantial harm → 5 work days */
  remedialActionNeeded: z.boolean().nullable(),
  /** EU MDR 87(4): unanticipated serious deterioration in health → 10 days */
  seriousDeterioration: z.boolean().nullable(),
  /** EU MDR 87(3): a serious public-health threat → 2 days */
  publicHealthThreat: z.boolean().nullable(),
});
export type SeverityFacts = z.infer<typeof SeverityFacts>;

export const ComplaintDecision = z.object({
  reportability: Reportability,
  rationale: Words(4000).min(1),
  decidedById: Id.nullable(),
  /** the name of the person who decided, as 820.198(a)(3) asks, kept as it was then */
  decidedByName: Words(200),
  decidedAt: Instant,
});
export type ComplaintDecision = z.infer<typeof ComplaintDecision>;

export const RegulatorReport = z.object({ submittedAt: Instant, reference: Ref.min(1) });
export type RegulatorReport = z.infer<typeof RegulatorReport>;

/** What a specialist may change (everything but where the record came from and the decision, which has its own mutation). */
export const ComplaintFields = z.object({
  complainantRole: ComplainantRole.nullable(),
  /** who was harmed, seen from the complainant: self, or a child / parent / spouse they write about */
  patientRelation: z.enum(['self', 'child', 'parent', 'spouse', 'other']).nullable(),
  device: ComplaintDevice,
  /** the day the event happened (not the day we heard of it) */
  eventDate: z.iso.date().nullable(),
  /** what happened, in the specialist's words */
  narrative: Words(8000).nullable(),
  patient: PatientInvolvement,
  deviceUse: DeviceUse.nullable(),
  /** the device's relation to the event */
  relationToEvent: Words(2000).nullable(),
  country: CountryCode.nullable(),
  severity: SeverityFacts,
  investigationRef: Ref.nullable(),
  correctiveActionRef: Ref.nullable(),
  /** the reply sent to the complainant */
  replySent: Words(8000).nullable(),
  fdaReport: RegulatorReport.nullable(),
  euReport: RegulatorReport.nullable(),
});
export type ComplaintFields = z.infer<typeof ComplaintFields>;

export const ComplaintRecord = ComplaintFields.extend({
  /** the id of the safety.confirmed event that opened it */
  id: Id,
  caseId: Id,
  customerId: Id,
  /** awareness: when the flagged message reached us (not when an agent read it); the regulatory clocks start here */
  receivedAt: Instant,
  channel: Channel.nullable(),
  /** the flagged message: the verbatim original */
  sourceMessageId: Id,
  categories: z.array(SafetyCategory).max(20),
  decision: ComplaintDecision.nullable(),
});
export type ComplaintRecord = z.infer<typeof ComplaintRecord>;

/** A change to a record: any of its fields; nested objects are merged one level (device, patient, severity). */
export const ComplaintPatch = ComplaintFields.extend({
  device: ComplaintDevice.partial(),
  patient: PatientInvolvement.partial(),
  severity: SeverityFacts.partial(),
})
  .partial()
  .strict();
export type ComplaintPatch = z.infer<typeof ComplaintPatch>;

export function applyComplaintPatch(r: ComplaintRecord, p: ComplaintPatch): ComplaintRecord {
  return {
    ...r,
    ...p,
    device: { ...r.device, ...p.device },
    patient: { ...r.patient, ...p.patient },
    severity: { ...r.severity, ...p.severity },
  };
}
