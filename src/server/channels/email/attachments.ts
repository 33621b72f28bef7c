import type { Queryable } from '../../kernel/db/types';
import type { ParsedAttachment } from './parse';

/**
 * Attachment bytes, stored once by sha256 in the `attachments` table (every server instance sees them;
 * the size policy of parse.ts bounds each row). Content-addressed, so storing is idempotent: a
 * redelivered message, or the same file sent twice, adds nothing. Stored before the message is
 * ingested: if ingesting fails, what stays is an unreferenced blob that the next delivery reuses,
 * never a message pointing at missing bytes.
 */
export async function storeAttachments(q: Queryable, list: readonly ParsedAttachment[]): Promise<void> {
  const seen = new Set<string>();
  for (const a of list) {
    if (seen.has(a.meta.sha256)) continue;
    seen.add(a.meta.sha256);
    await q.query('insert into attachments (sha256, size, content) values ($1, $2, $3) on conflict (sha256) do nothing', [
      a.meta.sha256,
      a.content.length,
      a.content,
    ]);
  }
}

/** The bytes of a stored attachment, or null. */
export async function loadAttachment(q: Queryable, sha256: string): Promise<Buffer | null> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  const { rows } = await q.query<{ content: Uint8Array }>('select content from attachments where sha256 = $1', [sha256]);
  const c = rows[0]?.content;
  return c ? Buffer.from(c) : null;
}
