import { v5 as uuidv5 } from 'uuid';
import type { Event } from '../../kernel/event';
import type { CaseClocks } from './clocks';
import type { ClockName } from './policy';

/** Namespace of the ids of SLA events: one id per (case, clock, cycle, type), so each fires once, whoever fires it. */
const SLA_EVENT_NS = '6f1d3c52-8f7a-4d4e-9b3c-1b2a6e5d0c11';

export function slaEventId(caseId: string, clock: ClockName, cycle: number, type: 'warn' | 'breach'): string {
  return uuidv5(`${caseId}:${clock}:${cycle}:${type}`, SLA_EVENT_NS);
}

/** A firing more than this after its instant is marked late (the server was down or the job queue behind). */
export const LATE_AFTER_MS = 60_000;

export interface SlaCaseRef {
  caseId: string;
  customerId: string;
}

/**
 * The SLA events a case's clocks call for at `now` and that are not yet in the log (`recorded`: ids already
 * there). Only warnings and breaches are written as events: nobody acts when they happen. The other transitions
 * (activate, pause, resume, fulfil) follow from events someone wrote, and computeClocks derives them.
 * A warning that a breach already overtook (the server was down through both) is still recorded, before it.
 * Only clocks still counting (running or paused) raise them: these events are alarms about open work. A clock
 * that already ended late is not announced afterwards (imported history, a reply sent while the server was down);
 * the clocks say it missed, and attainment counts it.
 */
export function dueSlaEvents(ref: SlaCaseRef, clocks: CaseClocks, recorded: ReadonlySet<string>, now: number): Event[] {
  const out: Event[] = [];
  const open = new Set(clocks.cycles.filter((c) => c.endedAt === null).map((c) => `${c.clock}:${c.cycle}`));
  for (const t of clocks.transitions) {
    if ((t.type !== 'warn' && t.type !== 'breach') || t.at > now || !open.has(`${t.clock}:${t.cycle}`)) continue;
    const id = slaEventId(ref.caseId, t.clock, t.cycle, t.type);
    if (recorded.has(id)) continue;
    const lateByMs = Math.max(0, Math.round(now - t.at));
    const meta = { clock: t.clock, cycle: t.cycle, dueAt: new Date(t.at).toISOString(), late: lateByMs > LATE_AFTER_MS, lateByMs };
    const base = {
      id,
      seq: null,
      customerId: ref.customerId,
      caseId: ref.caseId,
      threadId: null,
      channel: 'internal' as const,
      author: { type: 'system' as const, id: null, name: null },
      body: null,
      occurredAt: new Date(now).toISOString(),
    };
    out.push(t.type === 'warn' ? { ...base, kind: 'sla.warned', meta } : { ...base, kind: 'sla.breached', meta });
  }
  return out;
}
