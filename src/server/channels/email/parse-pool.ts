import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { EmailRejectedError, parseEmail, type EmailLimits, type ParsedEmail } from './parse';
import type { ParseOutcome, ParseTask } from './parse-worker';

/**
 * MIME parsing and sanitizing off the event loop (issue 10: a 20 MB email held the server for ~9 s). Messages above
 * `inlineBytes` go to a pool of worker threads (piscina); small ones, parsed in a few milliseconds, stay on the main
 * thread, where the hop would cost more than it saves. Each pooled message has a time budget: past it, its thread is
 * terminated (the pool starts another) and the message fails as a transient error — the SMTP sender is told to try
 * again later (4xx), the IMAP poller leaves it unseen — so nothing valid is lost and nothing hangs the pool.
 */
export interface EmailParser {
  parse(raw: Buffer, limits: EmailLimits): Promise<ParsedEmail>;
  close(): Promise<void>;
}

export interface ParsePoolOptions {
  /** worker threads; default: the cores less one, at least 1, at most 4 */
  threads?: number;
  /** messages up to this many bytes are parsed on the main thread; default 256 KB */
  inlineBytes?: number;
  /** how long one message may take in a thread; default 30 s */
  budgetMs?: number;
}

/** A message that used up its time budget: transient (try again later), never logged with content. */
export class ParseBudgetError extends Error {
  constructor(readonly budgetMs: number) {
    super(`parsing took longer than ${budgetMs} ms`);
    this.name = 'ParseBudgetError';
  }
}

export function inlineEmailParser(): EmailParser {
  return { parse: (raw, limits) => parseEmail(raw, limits), close: async () => undefined };
}

const WORKER = new URL('./parse-worker.ts', import.meta.url);

export function createEmailParsePool(opts: ParsePoolOptions = {}): EmailParser {
  const threads = opts.threads ?? Math.max(1, Math.min(4, availableParallelism() - 1));
  const inlineBytes = opts.inlineBytes ?? 256 * 1024;
  const budgetMs = opts.budgetMs ?? 30_000;
  const pool = new Piscina<ParseTask, ParseOutcome>({
    filename: fileURLToPath(WORKER),
    minThreads: 1,
    maxThreads: threads,
    idleTimeout: 60_000,
    // the worker is TypeScript: the thread loads tsx first (the server itself runs under tsx)
    execArgv: [...process.execArgv.filter((a) => !a.startsWith('--inspect')), '--import', 'tsx'],
  });
  return {
    async parse(raw, limits) {
      if (raw.byteLength <= inlineBytes) return parseEmail(raw, limits);
      // a copy the thread owns: the caller's Buffer may share a larger pooled ArrayBuffer
      const bytes = new Uint8Array(raw);
      let out: ParseOutcome;
      try {
        out = await pool.run({ raw: bytes, limits, now: Date.now() }, { signal: AbortSignal.timeout(budgetMs), transferList: [bytes.buffer] });
      } catch (err) {
        if ((err as Error).name === 'AbortError') throw new ParseBudgetError(budgetMs);
        throw err;
      }
      if (!out.ok) throw new EmailRejectedError(out.code, out.message);
      return revive(out.parsed);
    },
    close: () => pool.destroy(),
  };
}

/** Buffers arrive from the thread as plain Uint8Arrays (structured clone): make them Buffers again. */
function revive(p: ParsedEmail): ParsedEmail {
  return { ...p, attachments: p.attachments.map((a) => ({ ...a, content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength) })) };
}
