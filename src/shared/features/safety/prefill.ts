import type { Case, CaseFlag } from '../../kernel/case';
import type { ComplaintRecord, PatientInvolvement } from '../../kernel/complaint';
import type { Customer, DeviceKind } from '../../kernel/customer';
import type { SafetyCategory } from '../../kernel/safety-flag';

/** Device names as a record shows them (the customer's device record holds kind and model). */
const DEVICE_NAMES: Record<DeviceKind, string> = {
  cgm: 'Continuous glucose monitor',
  ecg_patch: 'ECG patch',
  bp_cuff: 'Blood-pressure cuff',
  pulse_oximeter: 'Pulse oximeter',
  smart_watch: 'Smart watch',
};

const INJURY: ReadonlySet<SafetyCategory> = new Set([
  'injury', 'skin', 'burn_heat', 'electrical', 'ingestion_choking', 'retained_part', 'bleeding_infection', 'allergic_reaction',
]);

/** What the categories already say about the patient; the rest stays unknown (null) for the specialist. */
export function involvementFrom(categories: readonly SafetyCategory[]): PatientInvolvement {
  return {
    injury: categories.some((c) => INJURY.has(c)) ? true : null,
    medicalIntervention: categories.includes('medical_care') ? true : null,
    hospitalisation: null,
    death: categories.includes('death') ? true : null,
  };
}

/**
 * The complaint record a confirmed flag opens, pre-filled from the case, the flag and the customer's device record.
 * One registered device is taken as the device; with several, the specialist picks (the record shows them).
 */
export function prefillComplaint(id: string, k: Case, flag: CaseFlag, customer: Customer | null): ComplaintRecord {
  const devices = customer?.devices ?? [];
  const d = devices.length === 1 ? devices[0]! : null;
  return {
    id,
    caseId: k.id,
    customerId: k.customerId,
    receivedAt: flag.awareAt,
    channel: flag.channel,
    sourceMessageId: flag.messageId,
    categories: [...flag.categories],
    complainantRole: customer?.segment === 'clinician' ? 'clinician' : 'patient',
    patientRelation: null,
    device: {
      name: d ? DEVICE_NAMES[d.kind] : null,
      kind: d?.kind ?? null,
      model: d?.model ?? null,
      udi: null,
      serial: d?.serial ?? null,
      lot: null,
      firmware: d?.firmware ?? null,
      appVersion: null,
    },
    eventDate: null,
    narrative: null,
    patient: involvementFrom(flag.categories),
    deviceUse: d ? (d.kind === 'smart_watch' ? 'monitoring' : d.kind === 'ecg_patch' || d.kind === 'bp_cuff' ? 'diagnosis' : 'monitoring') : null,
    relationToEvent: null,
    country: null,
    severity: { remedialActionNeeded: null, seriousDeterioration: null, publicHealthThreat: null },
    investigationRef: null,
    correctiveActionRef: null,
    replySent: null,
    fdaReport: null,
    euReport: null,
    decision: null,
  };
}

/** DeviceKind → the name a record shows. */
export function deviceName(kind: DeviceKind): string {
  return DEVICE_NAMES[kind];
}
