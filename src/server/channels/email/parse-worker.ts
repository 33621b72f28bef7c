import { EmailRejectedError, parseEmail, type EmailLimits, type ParsedEmail } from './parse';

/** One message for a pool thread: the raw bytes (moved, not copied), the limits and the receiving time. */
export interface ParseTask {
  raw: Uint8Array;
  limits: EmailLimits;
  now: number;
}

/** A refusal crosses the thread boundary as data: an Error keeps only its message there, not its class or code. */
export type ParseOutcome = { ok: true; parsed: ParsedEmail } | { ok: false; code: EmailRejectedError['code']; message: string };

/** The pool thread's task (parse-pool.ts): MIME parsing and HTML sanitizing, off the server's event loop. */
export default async function parseTask(t: ParseTask): Promise<ParseOutcome> {
  try {
    return { ok: true, parsed: await parseEmail(Buffer.from(t.raw.buffer, t.raw.byteOffset, t.raw.byteLength), t.limits, new Date(t.now)) };
  } catch (err) {
    if (err instanceof EmailRejectedError) return { ok: false, code: err.code, message: err.message };
    throw err;
  }
}
