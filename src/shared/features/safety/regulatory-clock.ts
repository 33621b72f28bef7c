import { DateTime } from 'luxon';
import type { ComplaintRecord } from '../../kernel/complaint';

/**
 * The regulatory clock of a possible adverse event (issue 12; DOMAIN.md "Regulatory clocks"): calendar days from
 * awareness — the moment the message reached us, never an agent's reading — and never paused.
 *
 * - FDA MDR (21 CFR 803.50 / 803.53): 30 calendar days; 5 work days when remedial action is needed to prevent an
 *   unreasonable risk of substantial harm. Always applies: a manufacturer of a US-marketed device reports events
 *   abroad with the same device too.
 * - EU MDR Art. 87: 15 days; 10 for a death or an unanticipated serious deterioration in health; 2 for a serious
 *   public-health threat. Applies when the event happened in the EU/EEA, or the country is not known yet.
 * Unknown facts never shorten or drop a clock silently: an unknown country keeps the EU clock running.
 * The reportability decision stops a regime's clock (not reportable there); a filed report meets it.
 */
export type Regime = 'fda' | 'eu';
export type RegulatoryRule = 'fda_30d' | 'fda_5wd' | 'eu_15d' | 'eu_10d' | 'eu_2d';
export type DeadlineState = 'running' | 'warning' | 'overdue' | 'met' | 'late' | 'not_required';

export interface RegulatoryDeadline {
  regime: Regime;
  rule: RegulatoryRule;
  dueAt: string;
  warnAt: string;
  state: DeadlineState;
  submittedAt: string | null;
}

export interface RegulatoryClock {
  awareAt: string;
  /** every regime's deadline, the earliest first */
  deadlines: RegulatoryDeadline[];
  /** the earliest deadline still to meet (running, warning or overdue), or null */
  next: RegulatoryDeadline | null;
}

/** What the clock reads: a complaint record, or only the awareness time of a flag not yet reviewed. */
export type RegulatoryInput = Pick<ComplaintRecord, 'country' | 'patient' | 'severity' | 'decision' | 'fdaReport' | 'euReport'> & { awareAt: string };

/** EU member states and the EEA (Iceland, Liechtenstein, Norway), where MDR vigilance applies. */
export const EU_EEA = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL',
  'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
]);

const DAY = 86_400_000;

/** The input of a flag nobody has reviewed yet: only the awareness time is known. */
export function unreviewedInput(awareAt: string): RegulatoryInput {
  return {
    awareAt,
    country: null,
    patient: { injury: null, medicalIntervention: null, hospitalisation: null, death: null },
    severity: { remedialActionNeeded: null, seriousDeterioration: null, publicHealthThreat: null },
    decision: null,
    fdaReport: null,
    euReport: null,
  };
}

export function ruleFor(regime: Regime, r: RegulatoryInput): RegulatoryRule {
  if (regime === 'fda') return r.severity.remedialActionNeeded ? 'fda_5wd' : 'fda_30d';
  if (r.severity.publicHealthThreat) return 'eu_2d';
  if (r.patient.death || r.severity.seriousDeterioration) return 'eu_10d';
  return 'eu_15d';
}

/** Adds `n` work days (Monday to Friday in `zone`), keeping the time of day: aware Friday 10:00 → 5 work days is the next Friday 10:00. */
export function addWorkDays(from: string, n: number, zone = 'UTC'): string {
  let t = DateTime.fromISO(from, { zone });
  let counted = 0;
  while (counted < n) {
    t = t.plus({ days: 1 });
    if (t.weekday <= 5) counted++;
  }
  return t.toUTC().toISO()!;
}

export function dueFor(rule: RegulatoryRule, awareAt: string, zone = 'UTC'): string {
  const at = Date.parse(awareAt);
  switch (rule) {
    case 'fda_5wd':
      return addWorkDays(awareAt, 5, zone);
    case 'fda_30d':
      return new Date(at + 30 * DAY).toISOString();
    case 'eu_15d':
      return new Date(at + 15 * DAY).toISOString();
    case 'eu_10d':
      return new Date(at + 10 * DAY).toISOString();
    case 'eu_2d':
      return new Date(at + 2 * DAY).toISOString();
  }
}

/** Warn a third of the period before the deadline, at most 5 days before (30 days: day 25; 2 days: 16 h before). */
export function warnFor(awareAt: string, dueAt: string): string {
  const period = Date.parse(dueAt) - Date.parse(awareAt);
  return new Date(Date.parse(dueAt) - Math.min(period / 3, 5 * DAY)).toISOString();
}

function required(regime: Regime, r: RegulatoryInput): boolean {
  const d = r.decision?.reportability;
  if (d === 'not_reportable') return false;
  if (d === 'fda_mdr') return regime === 'fda';
  if (d === 'eu_vigilance') return regime === 'eu';
  if (d === 'fda_mdr_and_eu_vigilance') return true;
  // undecided: FDA always; the EU where the event happened there or we do not know where yet
  return regime === 'fda' || r.country === null || EU_EEA.has(r.country);
}

export function regulatoryClock(r: RegulatoryInput, now: number, zone = 'UTC'): RegulatoryClock {
  const deadlines: RegulatoryDeadline[] = [];
  for (const regime of ['fda', 'eu'] as const) {
    // the EU clock is not shown for an event outside the EU/EEA, unless the decision reports it there all the same
    const euDecided = r.decision?.reportability === 'eu_vigilance' || r.decision?.reportability === 'fda_mdr_and_eu_vigilance';
    if (regime === 'eu' && r.country !== null && !EU_EEA.has(r.country) && !euDecided) continue;
    const rule = ruleFor(regime, r);
    const dueAt = dueFor(rule, r.awareAt, zone);
    const warnAt = warnFor(r.awareAt, dueAt);
    const report = regime === 'fda' ? r.fdaReport : r.euReport;
    const submittedAt = report?.submittedAt ?? null;
    let state: DeadlineState;
    if (submittedAt) state = Date.parse(submittedAt) <= Date.parse(dueAt) ? 'met' : 'late';
    else if (!required(regime, r)) state = 'not_required';
    else if (now >= Date.parse(dueAt)) state = 'overdue';
    else if (now >= Date.parse(warnAt)) state = 'warning';
    else state = 'running';
    deadlines.push({ regime, rule, dueAt, warnAt, state, submittedAt });
  }
  deadlines.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const next = deadlines.find((d) => d.state === 'running' || d.state === 'warning' || d.state === 'overdue') ?? null;
  return { awareAt: r.awareAt, deadlines, next };
}
