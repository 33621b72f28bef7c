/**
 * Media of social messages (issue 10): after the inbound message is committed, a `media.download` job per media
 * part fetches the file from the provider and stores it in the attachment store, then appends
 * `message.attachment_stored` so every desktop that holds the customer learns of it.
 *
 * - WhatsApp Cloud API: `GET {api}/{media-id}` with the access token → `{url, mime_type, sha256, file_size}`, then
 *   `GET url` with the same bearer token (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media).
 * - Messenger: the attachment's `payload.url` (a signed CDN address), fetched as is.
 *
 * The store is the `attachments` table, content-addressed by sha256 (a file sent twice is kept once). A file over
 * the size limit is refused before its bytes are read (declared size) or while they stream; a sha256 the provider
 * declared (hex or base64) must match the bytes. Logs carry ids, sizes and codes only: never a URL (it is a
 * credential), a token, a file name or the bytes.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from 'pino';
import { newId } from '../../../shared/kernel/ids';
import { Attachment, type Event } from '../../../shared/kernel/event';
import type { Db } from '../../kernel/db/types';
import { withEventLog, rowToEvent, EVENT_COLUMNS, type EventRow, type Poke } from '../../kernel/events';
import { PermanentJobError, type JobDefinition } from '../../kernel/jobs';
import { insertAttachmentBytes } from '../email/attachments';

export const MEDIA_DOWNLOAD_KIND = 'media.download';
/** default size limit of one downloaded file (WhatsApp allows documents up to 100 MB; raise it with OMNIDESK_MEDIA_MAX_MB) */
export const DEFAULT_MEDIA_MAX_BYTES = 25 * 1024 * 1024;

const Source = z.discriminatedUnion('kind', [
  z.object({ part: z.number().int().min(0).max(19), kind: z.literal('whatsapp'), mediaId: z.string().min(1).max(200), sha256: z.string().max(200).nullable(), mimeType: z.string().max(200).nullable(), filename: z.string().max(300).nullable() }),
  z.object({ part: z.number().int().min(0).max(19), kind: z.literal('url'), url: z.string().min(1).max(4000), mimeType: z.string().max(200).nullable(), filename: z.string().max(300).nullable() }),
]);
export const MediaJobPayload = z.object({ eventId: z.string().uuid(), channel: z.string().max(20), source: Source });
export type MediaJobPayload = z.infer<typeof MediaJobPayload>;

export interface MediaDownloadOptions {
  db: Db;
  poke?: Poke;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** Graph API base (OMNIDESK_SOCIAL_API_URL) */
  apiBaseUrl: string;
  /** OMNIDESK_SOCIAL_ACCESS_TOKEN; without it a WhatsApp media part fails (`no_access_token`) */
  accessToken: string | null;
  maxBytes?: number;
  fetch?: typeof fetch;
  /** per request (default 60 s) */
  timeoutMs?: number;
}

/** A declared digest (hex, or base64 as WhatsApp webhooks send it) as lower-case hex; null when it is neither. */
export function declaredSha256(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = s.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return t.toLowerCase();
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const b = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (b.length === 32) return b.toString('hex');
  }
  return null;
}

const MediaInfo = z.looseObject({
  url: z.string().min(1).max(4000),
  mime_type: z.string().max(200).optional(),
  sha256: z.string().max(200).optional(),
  file_size: z.union([z.number(), z.string()]).optional(),
});

const EXT: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a',
  'audio/aac': 'aac', 'audio/amr': 'amr', 'video/mp4': 'mp4', 'video/3gpp': '3gp', 'application/pdf': 'pdf',
};

/** The job that downloads one media part; registered on the server's jobs runner (app.ts). */
export function mediaDownloadJob(options: MediaDownloadOptions): JobDefinition<MediaJobPayload> {
  const doFetch = options.fetch ?? fetch;
  const maxBytes = options.maxBytes ?? DEFAULT_MEDIA_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? 60_000;

  async function get(url: string, bearer: boolean): Promise<Response> {
    let res: Response;
    try {
      res = await doFetch(url, { headers: bearer && options.accessToken ? { authorization: `Bearer ${options.accessToken}` } : {}, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    } catch {
      throw Object.assign(new Error('media request failed'), { code: 'network' });
    }
    if (res.status === 404 || res.status === 400 || res.status === 401 || res.status === 403 || res.status === 410) {
      await res.body?.cancel();
      throw new PermanentJobError(`http_${res.status}`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw Object.assign(new Error('media request failed'), { code: `http_${res.status}` });
    }
    return res;
  }

  async function readLimited(res: Response): Promise<Buffer> {
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel();
      throw new PermanentJobError('too_large');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = res.body?.getReader();
    if (!reader) return Buffer.alloc(0);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new PermanentJobError('too_large');
      }
      chunks.push(Buffer.from(value));
    }
    return Buffer.concat(chunks);
  }

  return {
    kind: MEDIA_DOWNLOAD_KIND,
    payload: MediaJobPayload,
    maxAttempts: 6,
    backoff: { baseMs: 2_000, maxMs: 5 * 60_000 },
    async handler(p, ctx) {
      try {
        await download(p, ctx.attempt);
      } catch (err) {
        // given up for good: the desktop is told why there is no file (once per part), instead of "downloading" forever
        if (err instanceof PermanentJobError || ctx.lastAttempt) await recordFailure(p, reasonOf(err));
        throw err;
      }
    },
  };

  async function recordFailure(p: MediaJobPayload, reason: 'too_large' | 'unavailable' | 'corrupt' | 'failed'): Promise<void> {
    const message = await loadMessage(options.db, p.eventId);
    if (!message || message.kind !== 'message.received') return;
    await withEventLog(options.db, options.poke, async ({ tx, append }) => {
      const { rows } = await tx.query(
        `select 1 from events where kind in ('message.attachment_stored', 'message.attachment_failed') and meta->>'messageId' = $1 and (meta->>'part')::int = $2 limit 1`,
        [p.eventId, p.source.part],
      );
      if (rows.length) return;
      await append([
        {
          id: newId(), seq: null, customerId: message.customerId, caseId: message.caseId, threadId: message.threadId, channel: message.channel,
          kind: 'message.attachment_failed', author: { type: 'system', id: null, name: null }, body: null, occurredAt: new Date().toISOString(),
          meta: { messageId: message.id, part: p.source.part, reason },
        },
      ]);
    });
    options.logger.warn({ event: 'media_failed', eventId: p.eventId, part: p.source.part, reason }, 'media not stored');
  }

  async function download(p: MediaJobPayload, attempt: number): Promise<void> {
    const message = await loadMessage(options.db, p.eventId);
    // erased or gone meanwhile: nothing to fetch for
    if (!message || message.kind !== 'message.received') return;
    if (await alreadyStored(options.db, p.eventId, p.source.part)) return;
    const part = message.meta.parts?.[p.source.part];
    // the customer was erased before the job ran (parts scrubbed): the file is never fetched
    if (!part) return;
    let url: string;
    let bearer: boolean;
    let mime = p.source.mimeType;
    let expected: string | null = null;
    if (p.source.kind === 'whatsapp') {
      if (!options.accessToken) throw new PermanentJobError('no_access_token');
      const res = await get(`${options.apiBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(p.source.mediaId)}`, true);
      const info = MediaInfo.safeParse(await res.json().catch(() => null));
      if (!info.success) throw new PermanentJobError('bad_media_info');
      const size = info.data.file_size === undefined ? NaN : Number(info.data.file_size);
      if (Number.isFinite(size) && size > maxBytes) throw new PermanentJobError('too_large');
      url = info.data.url;
      bearer = true;
      mime = info.data.mime_type ?? mime;
      expected = declaredSha256(info.data.sha256) ?? declaredSha256(p.source.sha256);
    } else {
      url = p.source.url;
      bearer = false;
    }
    if (!/^https?:\/\//i.test(url)) throw new PermanentJobError('bad_url');
    const res = await get(url, bearer);
    mime ??= res.headers.get('content-type')?.split(';')[0]?.trim() || null;
    const bytes = await readLimited(res);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // a mismatch is a broken transfer (or a swapped file): retried, and failed in the end, never stored
    if (expected && expected !== sha256) throw Object.assign(new Error('sha256 mismatch'), { code: 'sha256_mismatch' });
    const contentType = (mime ?? 'application/octet-stream').slice(0, 200);
    const type = part?.type ?? 'document';
    const filename = (p.source.filename ?? (part && 'filename' in part ? part.filename : null) ?? `${type}-${p.source.part + 1}.${EXT[contentType.split(';')[0] ?? ''] ?? 'bin'}`).slice(0, 300);
    const attachment = Attachment.parse({ id: `${p.eventId}:${p.source.part}`, filename, contentType, size: bytes.length, sha256 });
    const appended = await withEventLog(options.db, options.poke, async ({ tx, append }) => {
      await insertAttachmentBytes(tx, sha256, bytes);
      // under the event-log lock: a second run of this job (or another instance's) sees the first one's event
      const { rows } = await tx.query(`select 1 from events where kind = 'message.attachment_stored' and meta->>'messageId' = $1 and (meta->>'part')::int = $2 limit 1`, [p.eventId, p.source.part]);
      if (rows.length) return false;
      const e: Event = {
        id: newId(), seq: null, customerId: message.customerId, caseId: message.caseId, threadId: message.threadId, channel: message.channel,
        kind: 'message.attachment_stored', author: { type: 'system', id: null, name: null }, body: null, occurredAt: new Date().toISOString(),
        meta: { messageId: message.id, part: p.source.part, attachment },
      };
      await append([e]);
      return true;
    });
    options.logger.info({ event: 'media_stored', eventId: p.eventId, part: p.source.part, size: bytes.length, attempt, appended }, 'media stored');
  }
}

function reasonOf(err: unknown): 'too_large' | 'unavailable' | 'corrupt' | 'failed' {
  const code = err instanceof PermanentJobError ? err.code : ((err as { code?: unknown } | null)?.code as string | undefined);
  if (code === 'too_large') return 'too_large';
  if (code === 'sha256_mismatch') return 'corrupt';
  if (typeof code === 'string' && (code.startsWith('http_4') || code === 'no_access_token' || code === 'bad_media_info' || code === 'bad_url')) return 'unavailable';
  return 'failed';
}

async function loadMessage(db: Db, id: string): Promise<Event | null> {
  const { rows } = await db.query<EventRow>(`select ${EVENT_COLUMNS} from events where id = $1`, [id]);
  return rows[0] ? rowToEvent(rows[0]) : null;
}

async function alreadyStored(db: Db, messageId: string, part: number): Promise<boolean> {
  const { rows } = await db.query(`select 1 from events where kind = 'message.attachment_stored' and meta->>'messageId' = $1 and (meta->>'part')::int = $2 limit 1`, [messageId, part]);
  return rows.length > 0;
}
