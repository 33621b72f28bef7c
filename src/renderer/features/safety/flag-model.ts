import type { TimelineItem } from '../../../shared/contracts/bridge';
import type { SafetyCategory, SafetyEvidence } from '../../../shared/kernel/safety-flag';

/** The safety flags of one message, folded from its `safety.flagged` events (several: the detector, an agent). */
export interface SafetyFlagInfo {
  categories: SafetyCategory[];
  evidence: SafetyEvidence[];
}

/** message id → its flags, from the `safety.flagged` items loaded with the timeline (not shown as items of their own) and the notes that carry one. */
export function safetyByMessage(items: readonly TimelineItem[]): ReadonlyMap<string, SafetyFlagInfo> {
  const out = new Map<string, SafetyFlagInfo>();
  const add = (messageId: string, categories: readonly SafetyCategory[], evidence: readonly SafetyEvidence[]) => {
    const had = out.get(messageId) ?? { categories: [], evidence: [] };
    out.set(messageId, {
      categories: [...had.categories, ...categories.filter((c) => !had.categories.includes(c))],
      evidence: [...had.evidence, ...evidence],
    });
  };
  for (const { event: e } of items) {
    if (e.kind === 'safety.flagged') add(e.meta.messageId, e.meta.categories, e.meta.evidence);
    // a note the agent typed carries its own flag (the detector ran in the note's decision)
    else if (e.kind === 'note.added' && e.meta.safety) add(e.id, e.meta.safety.categories, e.meta.safety.evidence);
  }
  return out;
}

export interface Segment {
  text: string;
  /** the category of the evidence this text is part of, or null for plain text */
  mark: SafetyCategory | null;
}

/**
 * The body cut into plain and highlighted pieces. Evidence offsets come from the server; anything out of range,
 * reversed or overlapping is clipped, so a stale flag never garbles the text (the pieces always join to the body).
 */
export function highlightSegments(body: string, evidence: readonly SafetyEvidence[]): Segment[] {
  const spans = [...evidence]
    .map((e) => ({ start: Math.max(0, Math.min(e.start, body.length)), end: Math.max(0, Math.min(e.end, body.length)), category: e.category }))
    .filter((e) => e.end > e.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.end <= at) continue;
    const start = Math.max(s.start, at);
    if (start > at) out.push({ text: body.slice(at, start), mark: null });
    out.push({ text: body.slice(start, s.end), mark: s.category });
    at = s.end;
  }
  if (at < body.length || out.length === 0) out.push({ text: body.slice(at), mark: null });
  return out;
}
