import type { Logger } from 'pino';
import type { Db } from '../../kernel/db/types';
import { ingestInbound, type IngestDeps } from '../ingest';
import type { IngestResult } from '../types';
import { storeAttachments } from './attachments';
import { recordBounce } from './bounce';
import { DEFAULT_EMAIL_LIMITS, parseEmail, type EmailLimits, type ParsedEmail } from './parse';
import type { EmailParser } from './parse-pool';
import type { PhoneSettings } from '../../features/identity';

export interface EmailReceiveDeps {
  db: Db;
  logger: Logger;
  /** server.poke: tells desktops something new arrived */
  poke?: (teamSeqs: ReadonlyMap<string, number>) => void;
  limits?: EmailLimits;
  /** team for brand-new customers (default: the ingest pipeline's default) */
  defaultTeamId?: string | null;
  /** where MIME parsing runs (parse-pool.ts); default: on the calling thread */
  parser?: EmailParser;
  /** how phone numbers (a signature's) are read: the desk's region and own numbers; default US, none */
  phone?: PhoneSettings;
}

export interface Received {
  result: IngestResult;
  parsed: ParsedEmail;
}

/**
 * One raw email, from any source (SMTP listener, IMAP poller) → parsed, attachments stored by hash, then the
 * shared ingestion pipeline (dedupe by Message-ID, identity, thread/case, events). Throws
 * EmailRejectedError for a message that cannot be taken (the caller answers SMTP 5xx or leaves it unseen
 * and logs); anything else is a transient failure. Logs ids, sizes and codes only.
 */
export async function receiveEmail(deps: EmailReceiveDeps, raw: Buffer, source: 'smtp' | 'imap'): Promise<Received> {
  const limits = deps.limits ?? DEFAULT_EMAIL_LIMITS;
  const parsed = await (deps.parser ? deps.parser.parse(raw, limits) : parseEmail(raw, limits));
  await storeAttachments(deps.db, parsed.attachments);
  const ingestDeps: IngestDeps = { db: deps.db, poke: deps.poke, logger: deps.logger, defaultTeamId: deps.defaultTeamId, ...(deps.phone ? { phone: deps.phone } : {}) };
  const result = await ingestInbound(ingestDeps, parsed.message);
  const bouncedReply =
    parsed.automated === 'bounce' && result.status === 'appended' ? await recordBounce(deps, parsed.message.replyTo ?? [], parsed.dsnStatus) : null;
  deps.logger.info(
    {
      source,
      status: result.status,
      eventId: result.eventId,
      caseId: result.caseId,
      bytes: parsed.size,
      attachments: parsed.attachments.length,
      droppedAttachments: parsed.droppedAttachments,
      automated: parsed.automated,
      syntheticMessageId: parsed.syntheticMessageId,
      bouncedReply,
    },
    'email received',
  );
  return { result, parsed };
}
