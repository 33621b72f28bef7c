import { z } from 'zod';
import { CallOutcome } from '../../../shared/kernel/event';

/**
 * The generic CTI event shape (Zammad's "generic CTI"): POSTed as JSON or form-urlencoded.
 * `user` may repeat (`user[]=a&user[]=b`); the first is the answering agent's username.
 */
export const CTI_EVENTS = ['newCall', 'answer', 'hangup'] as const;
const text = (max: number) => z.string().trim().max(max);
export const CtiEvent = z
  .object({
    event: z.enum(CTI_EVENTS, { error: 'event must be one of newCall, answer, hangup' }),
    from: text(64).min(1, 'from is required'),
    to: text(64).min(1, 'to is required'),
    direction: z.enum(['in', 'out'], { error: 'direction must be in or out' }),
    callId: text(200).min(1, 'callId is required'),
    user: z.union([text(64), z.array(text(64)).max(20)]).optional(),
    queue: text(200).optional(),
    answeringNumber: text(64).optional(),
    cause: CallOutcome.optional(),
    /** a link to the call's recording (http/https), when the telephony system gives one */
    recordingUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  })
  .loose();
export type CtiEvent = z.infer<typeof CtiEvent>;

/** Form bodies: `user[]` → user array; everything else as strings. */
export function formToObject(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    if (k === 'user[]' || k === 'user') {
      const prev = out.user;
      out.user = prev === undefined ? (k === 'user[]' ? [v] : v) : [...(Array.isArray(prev) ? prev : [prev as string]), v];
    } else out[k] = v;
  }
  return out;
}

export function firstUser(e: CtiEvent): string | null {
  const u = Array.isArray(e.user) ? e.user[0] : e.user;
  return u ? u : null;
}

/** A missed inbound call: hung up before anyone answered, for one of these causes. */
export const MISSED_CAUSES: ReadonlySet<string> = new Set(['cancel', 'noAnswer', 'busy']);
