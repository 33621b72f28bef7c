import { ComplaintPatch, type ComplaintFields, type ComplaintRecord } from '../../../shared/kernel/complaint';

/**
 * The complaint record's form (issue 12): a draft of the editable fields, and the patch that saves only what
 * changed (nested parts — device, patient, severity — one level deep, as the shared patch merges them). Checked
 * with the shared schema before it leaves the renderer; the desktop and the server check it again.
 */
export type ComplaintDraft = ComplaintFields;

const EDITABLE = [
  'complainantRole', 'patientRelation', 'device', 'eventDate', 'narrative', 'patient', 'deviceUse', 'relationToEvent', 'country', 'severity',
  'investigationRef', 'correctiveActionRef', 'replySent', 'fdaReport', 'euReport',
] as const satisfies ReadonlyArray<keyof ComplaintFields>;
const NESTED = new Set(['device', 'patient', 'severity']);

export function draftOf(r: ComplaintRecord): ComplaintDraft {
  const out = {} as Record<string, unknown>;
  for (const k of EDITABLE) out[k] = r[k];
  return out as ComplaintDraft;
}

/** '' in a text field means "not recorded" (null); text is trimmed; a country is upper-cased. */
export function textValue(raw: string): string | null {
  const t = raw.trim();
  return t === '' ? null : t;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export type PatchResult = { ok: true; patch: ComplaintPatch } | { ok: false; errors: Array<{ field: string; message: string }> };

export function complaintPatch(r: ComplaintRecord, d: ComplaintDraft): PatchResult {
  const patch: Record<string, unknown> = {};
  for (const k of EDITABLE) {
    const before = r[k] as unknown;
    const after = d[k] as unknown;
    if (NESTED.has(k)) {
      const b = before as Record<string, unknown>;
      const a = after as Record<string, unknown>;
      const changed = Object.fromEntries(Object.keys(a).filter((f) => !same(a[f], b[f])).map((f) => [f, a[f]]));
      if (Object.keys(changed).length) patch[k] = changed;
    } else if (!same(before, after)) {
      patch[k] = after;
    }
  }
  const parsed = ComplaintPatch.safeParse(patch);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) };
  return { ok: true, patch: parsed.data };
}

/** A tri-state (yes / no / not known) select's value and back. */
export const triValue = (v: boolean | null): '' | 'yes' | 'no' => (v === null ? '' : v ? 'yes' : 'no');
export const triParse = (raw: string): boolean | null => (raw === 'yes' ? true : raw === 'no' ? false : null);
