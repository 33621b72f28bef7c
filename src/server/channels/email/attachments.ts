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
    await insertAttachmentBytes(q, a.meta.sha256, a.content);
  }
}

/**
 * One file's bytes into the store, once per sha256. Sent as base64 text decoded by the database: PGlite (which runs in
 * the server's own thread) takes a 15 MB bytea parameter in ~4 s and the same as base64 in ~0.4 s; for PostgreSQL
 * base64 is also smaller on the wire than the driver's hex form of a bytea.
 */
export async function insertAttachmentBytes(q: Queryable, sha256: string, bytes: Buffer): Promise<void> {
  await q.query("insert into attachments (sha256, size, content) values ($1, $2, decode($3, 'base64')) on conflict (sha256) do nothing", [
    sha256,
    bytes.length,
    bytes.toString('base64'),
  ]);
}

/** The bytes of a stored attachment, or null. */
export async function loadAttachment(q: Queryable, sha256: string): Promise<Buffer | null> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  const { rows } = await q.query<{ content: Uint8Array }>('select content from attachments where sha256 = $1', [sha256]);
  const c = rows[0]?.content;
  return c ? Buffer.from(c) : null;
}
