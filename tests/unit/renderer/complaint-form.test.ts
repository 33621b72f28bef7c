import { describe, expect, it } from 'vitest';
import type { ComplaintRecord } from '../../../src/shared/kernel/complaint';
import { complaintPatch, draftOf, textValue, triParse, triValue } from '../../../src/renderer/features/safety/complaint-form-model';
import { daysHours, deadlineState } from '../../../src/renderer/features/safety/regulatory-display';

const record: ComplaintRecord = {
  id: '0190d0a0-0000-7000-8000-000000000001', caseId: '0190d0a0-0000-7000-8000-000000000002', customerId: '0190d0a0-0000-7000-8000-000000000003',
  receivedAt: '2026-05-01T08:00:00.000Z', channel: 'social', sourceMessageId: '0190d0a0-0000-7000-8000-000000000004', categories: ['burn_heat'],
  complainantRole: 'patient', patientRelation: null,
  device: { name: 'ECG patch', kind: 'ecg_patch', model: 'CardioPatch 2', udi: null, serial: 'CP2-1', lot: null, firmware: '3.1', appVersion: null },
  eventDate: null, narrative: null, patient: { injury: true, medicalIntervention: null, hospitalisation: null, death: null }, deviceUse: 'diagnosis',
  relationToEvent: null, country: null, severity: { remedialActionNeeded: null, seriousDeterioration: null, publicHealthThreat: null },
  investigationRef: null, correctiveActionRef: null, replySent: null, fdaReport: null, euReport: null, decision: null,
};

describe('the complaint form saves only what changed', () => {
  it('an untouched draft is an empty patch', () => {
    expect(complaintPatch(record, draftOf(record))).toEqual({ ok: true, patch: {} });
  });
  it('nested parts send only their changed fields; top-level fields as they are', () => {
    const d = draftOf(record);
    const p = complaintPatch(record, { ...d, device: { ...d.device, lot: 'L-9' }, patient: { ...d.patient, hospitalisation: true }, country: 'DE', narrative: '贴片处皮肤起泡' });
    expect(p).toEqual({ ok: true, patch: { device: { lot: 'L-9' }, patient: { hospitalisation: true }, country: 'DE', narrative: '贴片处皮肤起泡' } });
  });
  it('a bad value is named by its field, and nothing is sent', () => {
    const d = draftOf(record);
    const p = complaintPatch(record, { ...d, country: 'Deutschland', eventDate: '01/05/2026' });
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.errors.map((e) => e.field).sort()).toEqual(['country', 'eventDate']);
  });
  it.each([
    ['', null],
    ['   ', null],
    [' L-9 ', 'L-9'],
  ])('text %j is %j', (raw, v) => expect(textValue(raw)).toBe(v));
  it.each([
    [null, ''],
    [true, 'yes'],
    [false, 'no'],
  ] as const)('tri-state %j ⇄ %j', (v, raw) => {
    expect(triValue(v)).toBe(raw);
    expect(triParse(raw)).toBe(v);
  });
});

describe('a regulatory deadline on screen follows the wall clock', () => {
  const d = { dueAt: '2026-05-31T08:00:00.000Z', warnAt: '2026-05-26T08:00:00.000Z', state: 'running' as const };
  it.each([
    ['2026-05-02T08:00:00.000Z', 'running'],
    ['2026-05-27T08:00:00.000Z', 'warning'],
    ['2026-06-01T08:00:00.000Z', 'overdue'],
  ])('at %s it is %s', (now, state) => expect(deadlineState(d, Date.parse(now))).toBe(state));
  it('a filed or not-required deadline keeps its state', () => {
    expect(deadlineState({ ...d, state: 'met' }, Date.parse('2026-07-01T00:00:00.000Z'))).toBe('met');
  });
  it('days and hours left, or past', () => {
    expect(daysHours(d.dueAt, Date.parse('2026-05-01T06:00:00.000Z'))).toEqual({ d: 30, h: 2, past: false });
    expect(daysHours(d.dueAt, Date.parse('2026-06-01T09:00:00.000Z'))).toEqual({ d: 1, h: 1, past: true });
  });
});
