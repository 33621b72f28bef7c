import { createHash } from 'node:crypto';
import { Attachment, HTTP_PATHS, MAX_REPLY_ATTACHMENT_BYTES, OmnideskError } from '../../../../shared/index';
import { errorFacts, type Logger } from '../../kernel/logger';
import { readJson, serverCall, type ServerCallOptions, type ServerSession } from '../../kernel/session/server-api';
import type { Store } from '../../kernel/store/index';

/** What the cache may hold of files waiting for the server: a day offline with a few photos, not a disk. */
export const MAX_PENDING_UPLOAD_BYTES = 200 * 1024 * 1024;
/** The server's answers that a retry cannot change: the file is dropped, and the reply that needs it is refused visibly. */
const HOPELESS = new Set(['INVALID_ARGUMENT', 'PAYLOAD_TOO_LARGE', 'FORBIDDEN']);

export interface FileToUpload {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

const safeType = (t: string) => (/^[\w.+-]+\/[\w.+-]+$/.test(t) ? t : 'application/octet-stream');

/** The attachment as the server describes an upload (`upload-` and the hash's first 32 digits): the same, kept or sent. */
function describe(file: FileToUpload, sha256: string): Attachment {
  return { id: `upload-${sha256.slice(0, 32)}`, filename: file.filename, contentType: safeType(file.contentType), size: file.bytes.length, sha256 };
}

/** One file to the server (POST /api/attachments: bytes in the body, name and type in headers). */
export async function uploadFile(session: ServerSession, http: ServerCallOptions, file: FileToUpload): Promise<Attachment> {
  if (file.bytes.length > MAX_REPLY_ATTACHMENT_BYTES) throw new OmnideskError('PAYLOAD_TOO_LARGE', 'the file is larger than 10 MB');
  const res = await serverCall(session, HTTP_PATHS.upload, { ...http, timeoutMs: 120_000 }, {
    method: 'POST',
    body: new Uint8Array(file.bytes),
    headers: { 'content-type': 'application/octet-stream', 'x-filename': encodeURIComponent(file.filename), 'x-content-type': safeType(file.contentType) },
  });
  return readJson(res, Attachment);
}

/**
 * A file attached while the server is away (issue 15: agents keep working through outages): kept in the cache, and
 * described as the server will describe it, so the reply can name it now and is pushed after the file is up.
 */
export function keepForLater(store: Store, file: FileToUpload, now = new Date()): Attachment {
  if (file.bytes.length > MAX_REPLY_ATTACHMENT_BYTES) throw new OmnideskError('PAYLOAD_TOO_LARGE', 'the file is larger than 10 MB');
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const held = store.db.prepare<[], number | null>('SELECT sum(size) FROM pending_uploads').pluck().get() ?? 0;
  if (held + file.bytes.length > MAX_PENDING_UPLOAD_BYTES) throw new OmnideskError('PAYLOAD_TOO_LARGE', 'too many files are waiting for the server; send them once it is back');
  const a = describe(file, sha256);
  store.db
    .prepare('INSERT INTO pending_uploads (sha256, filename, content_type, size, data, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING')
    .run(sha256, a.filename, a.contentType, a.size, file.bytes, now.toISOString());
  return a;
}

export function pendingUploads(store: Store): number {
  return store.db.prepare<[], number>('SELECT count(*) FROM pending_uploads').pluck().get() ?? 0;
}

/**
 * Uploads every kept file, oldest first, each deleted once the server has it (a re-upload of the same bytes is
 * harmless: the server keeps files by hash). Throws when the server cannot be reached, so the loop tries again
 * later and pushes nothing before; a file the server refuses for what it is is dropped and logged (by code and
 * size only), and the reply that names it is then refused by the server, visibly, for the agent to redo.
 */
export async function uploadPending(store: Store, session: ServerSession, http: ServerCallOptions, log: Logger): Promise<void> {
  const rows = store.db
    .prepare<[], { sha256: string; filename: string; content_type: string; data: Buffer }>('SELECT sha256, filename, content_type, data FROM pending_uploads ORDER BY created_at, sha256')
    .all();
  for (const r of rows) {
    try {
      await uploadFile(session, http, { filename: r.filename, contentType: r.content_type, bytes: r.data });
    } catch (err) {
      if (!(err instanceof OmnideskError) || !HOPELESS.has(err.code)) throw err;
      log.warn({ ...errorFacts(err), size: r.data.length }, 'a file kept offline was refused by the server; dropped');
    }
    store.db.prepare('DELETE FROM pending_uploads WHERE sha256 = ?').run(r.sha256);
  }
}
