import type { ComplaintExport, RegulatoryDeadline, RegulatoryRule } from '../../../shared/features/safety';
import { deviceName } from '../../../shared/features/safety';

/**
 * What the complaint / adverse-event record's PDF says, in order (issue 12): sections of label/value lines, in English,
 * with every field FDA 21 CFR 820.198(e) (complaint files) and 803 (MDR), and EU MDR Art. 87 (vigilance) ask of a
 * complaint record. Pure: the PDF builder (complaint-pdf.ts) only draws it, so this is what the tests read.
 * A value nobody recorded is "Not recorded" — never an empty string, never "null"; a yes/no fact is Yes / No / Not
 * recorded.
 */
export interface LayoutLine {
  label: string;
  value: string;
  /** free text that may be long (the verbatim original, the narrative): drawn as a paragraph under its label */
  block?: boolean;
}
export interface LayoutSection {
  title: string;
  lines: LayoutLine[];
}

export const NOT_RECORDED = 'Not recorded';
export const COMPLAINT_TITLE = 'Complaint and adverse-event record';

/** A text value: trimmed-empty, null and undefined are "Not recorded". */
export function text(v: string | null | undefined): string {
  return v === null || v === undefined || v.trim() === '' ? NOT_RECORDED : v;
}

export function yesNo(v: boolean | null | undefined): string {
  return v === true ? 'Yes' : v === false ? 'No' : NOT_RECORDED;
}

/** An instant as `2026-06-15 10:00 UTC` (every time in the record is UTC: no reader has to guess a zone). */
export function instant(v: string | null | undefined): string {
  if (!v) return NOT_RECORDED;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return text(v);
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function list(v: readonly string[]): string {
  const items = v.filter((s) => s.trim() !== '');
  return items.length ? items.join(', ') : NOT_RECORDED;
}

/** An enum code as words: `waiting_on_customer` → `Waiting on customer`. */
function words(v: string | null | undefined, names: Readonly<Record<string, string>> = {}): string {
  if (!v) return NOT_RECORDED;
  const named = names[v];
  if (named) return named;
  const s = v.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const CHANNELS: Record<string, string> = { email: 'Email', chat: 'Chat', social: 'Social message', phone: 'Phone', internal: 'Internal note' };
const ROLES: Record<string, string> = { patient: 'Patient', caregiver: 'Caregiver', clinician: 'Clinician', other: 'Other' };
const RELATIONS: Record<string, string> = {
  self: 'The complainant (self)',
  child: 'The complainant’s child',
  parent: 'The complainant’s parent',
  spouse: 'The complainant’s spouse',
  other: 'Another person',
};
const REPORTABILITY: Record<string, string> = {
  fda_mdr: 'Reportable: FDA MDR (21 CFR 803)',
  eu_vigilance: 'Reportable: EU vigilance (MDR Art. 87)',
  fda_mdr_and_eu_vigilance: 'Reportable: FDA MDR (21 CFR 803) and EU vigilance (MDR Art. 87)',
  not_reportable: 'Not reportable',
};
const SEGMENTS: Record<string, string> = { young_adult: 'Young adult', adult: 'Adult', elderly: 'Elderly', clinician: 'Clinician' };
export const RULES: Record<RegulatoryRule, string> = {
  fda_30d: 'FDA MDR: 30 calendar days (21 CFR 803.50)',
  fda_5wd: 'FDA MDR: 5 work days, remedial action needed (21 CFR 803.53)',
  eu_15d: 'EU vigilance: 15 days (MDR Art. 87(3))',
  eu_10d: 'EU vigilance: 10 days, death or serious deterioration (MDR Art. 87(4))',
  eu_2d: 'EU vigilance: 2 days, serious public-health threat (MDR Art. 87(4))',
};
const STATES: Record<RegulatoryDeadline['state'], string> = {
  running: 'Running',
  warning: 'Due soon',
  overdue: 'Overdue',
  met: 'Met',
  late: 'Submitted late',
  not_required: 'Not required (reportability decision)',
};

export function deadlineValue(d: RegulatoryDeadline): string {
  const parts = [`Due ${instant(d.dueAt)}`, `state: ${STATES[d.state]}`];
  if (d.submittedAt) parts.push(`report submitted ${instant(d.submittedAt)}`);
  else if (d.state === 'running') parts.push(`warning from ${instant(d.warnAt)}`);
  return parts.join('; ');
}

export function complaintLayout(x: ComplaintExport): LayoutSection[] {
  const r = x.record;
  const d = r.decision;
  const clock = x.regulatoryClock;
  return [
    {
      title: 'Complaint',
      lines: [
        { label: 'Case', value: text(x.case.id) },
        { label: 'Case subject', value: text(x.case.subject) },
        { label: 'Case status', value: words(x.case.status) },
        { label: 'Case priority', value: text(x.case.priority) },
        { label: 'Record', value: text(r.id) },
        { label: 'Safety categories', value: list(r.categories.map((c) => words(c))) },
      ],
    },
    {
      title: 'Receipt',
      lines: [
        { label: 'Date received (awareness)', value: instant(r.receivedAt) },
        { label: 'Channel received', value: words(r.channel, CHANNELS) },
      ],
    },
    {
      title: 'Verbatim original',
      lines: [
        { label: 'Message', value: text(r.sourceMessageId) },
        { label: 'Received', value: instant(x.verbatim.receivedAt) },
        { label: 'Channel', value: words(x.verbatim.channel, CHANNELS) },
        { label: 'Subject', value: text(x.verbatim.subject) },
        { label: 'Text', value: text(x.verbatim.body), block: true },
      ],
    },
    {
      title: 'Complainant',
      lines: [
        { label: 'Name', value: text(x.complainant.name) },
        { label: 'Role', value: words(r.complainantRole, ROLES) },
        { label: 'Email', value: list(x.complainant.emails) },
        { label: 'Phone', value: list(x.complainant.phones) },
        { label: 'Segment', value: words(x.complainant.segment, SEGMENTS) },
        { label: 'Person involved', value: words(r.patientRelation, RELATIONS) },
      ],
    },
    {
      title: 'Device',
      lines: [
        { label: 'Device name', value: text(r.device.name ?? (r.device.kind ? deviceName(r.device.kind) : null)) },
        { label: 'Model', value: text(r.device.model) },
        { label: 'UDI', value: text(r.device.udi) },
        { label: 'Serial number', value: text(r.device.serial) },
        { label: 'Lot', value: text(r.device.lot) },
        { label: 'Firmware version', value: text(r.device.firmware) },
        { label: 'App version', value: text(r.device.appVersion) },
      ],
    },
    {
      title: 'Event',
      lines: [
        { label: 'Event date', value: text(r.eventDate) },
        { label: 'Country', value: text(r.country) },
        { label: 'Device use', value: words(r.deviceUse) },
        { label: 'Relation of the device to the event', value: text(r.relationToEvent), block: true },
        { label: 'Narrative', value: text(r.narrative), block: true },
      ],
    },
    {
      title: 'Patient involvement',
      lines: [
        { label: 'Injury', value: yesNo(r.patient.injury) },
        { label: 'Medical intervention', value: yesNo(r.patient.medicalIntervention) },
        { label: 'Hospitalisation', value: yesNo(r.patient.hospitalisation) },
        { label: 'Death', value: yesNo(r.patient.death) },
      ],
    },
    {
      title: 'Severity',
      lines: [
        { label: 'Remedial action needed (21 CFR 803.53)', value: yesNo(r.severity.remedialActionNeeded) },
        { label: 'Serious deterioration in health (MDR Art. 87)', value: yesNo(r.severity.seriousDeterioration) },
        { label: 'Serious public-health threat (MDR Art. 87)', value: yesNo(r.severity.publicHealthThreat) },
      ],
    },
    {
      title: 'Reportability decision',
      lines: [
        { label: 'Decision', value: d ? words(d.reportability, REPORTABILITY) : NOT_RECORDED },
        { label: 'Rationale', value: text(d?.rationale), block: true },
        { label: 'Decided by', value: text(d?.decidedByName) },
        { label: 'Decided at', value: instant(d?.decidedAt) },
      ],
    },
    {
      title: 'Investigation and follow-up',
      lines: [
        { label: 'Investigation reference', value: text(r.investigationRef) },
        { label: 'Corrective action reference', value: text(r.correctiveActionRef) },
        { label: 'Reply sent to the complainant', value: text(r.replySent), block: true },
      ],
    },
    {
      title: 'Regulatory reports',
      lines: [
        { label: 'FDA MDR report submitted', value: instant(r.fdaReport?.submittedAt) },
        { label: 'FDA MDR report reference', value: text(r.fdaReport?.reference) },
        { label: 'EU vigilance report submitted', value: instant(r.euReport?.submittedAt) },
        { label: 'EU vigilance report reference', value: text(r.euReport?.reference) },
      ],
    },
    {
      title: 'Regulatory deadlines',
      lines: [
        { label: 'Clock starts (awareness)', value: instant(clock.awareAt) },
        ...clock.deadlines.map((dl) => ({ label: RULES[dl.rule], value: deadlineValue(dl) })),
        { label: 'Next deadline', value: clock.next ? `${RULES[clock.next.rule]}, due ${instant(clock.next.dueAt)}` : 'None outstanding' },
      ],
    },
    {
      title: 'Export',
      lines: [
        { label: 'Exported at', value: instant(x.exportedAt) },
        { label: 'Exported by', value: text(x.exportedBy.name) },
      ],
    },
  ];
}
