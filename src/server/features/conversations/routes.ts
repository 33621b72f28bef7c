import { createHash } from 'node:crypto';
import { z } from 'zod';
import { HTTP_PATHS } from '../../../shared/contracts/http';
import { parseOrThrow } from '../../../shared/kernel/errors';
import { insertAttachmentBytes } from '../../channels/email/attachments';
import { canSeeTeam } from '../../../shared/kernel/agent';
import { OmnideskError } from '../../../shared/kernel/errors';
import { MAX_REPLY_ATTACHMENT_BYTES, type Attachment } from '../../../shared/kernel/event';
import { Id } from '../../../shared/kernel/primitives';
import type { FeatureRoutes } from '../../kernel/http/routes';

/** The attachment an event names by this sha256: a message's own (email) or one the media job stored (social). */
export function attachmentOf(kind: string, meta: Record<string, unknown>, sha256: string): Attachment | null {
  if (kind === 'message.received' || kind === 'message.sent') return ((meta.attachments as Attachment[] | undefined) ?? []).find((a) => a.sha256 === sha256) ?? null;
  if (kind === 'message.attachment_stored') {
    const a = meta.attachment as Attachment | undefined;
    return a?.sha256 === sha256 ? a : null;
  }
  return null;
}

const UploadHeaders = z.object({
  // a plain name: no control characters, no path
  filename: z.string().trim().min(1).max(300).refine((f) => ![...f].some((c) => c.charCodeAt(0) < 0x20 || c === '/' || c === '\\'), 'a plain file name'),
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'a media type').max(200),
});
/** A header's text: URL-decoded (a file name may have any characters), undefined when absent or not decodable. */
function header(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  if (s === undefined) return undefined;
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/**
 * GET /api/attachments/:eventId/:sha256 — the bytes of a file a message carried, for the desktop (issue 10).
 * Visible exactly when the event is (its customer's team is the caller's; admins all): anything else — another
 * team's event, an unknown id, a hash the event does not name, bytes erased — is the same 404, so the route tells
 * nobody what exists elsewhere. Served as a download (`attachment`, nosniff, no-store); ids only in the log.
 */
export const conversationRoutes: FeatureRoutes = (app, { db, caller }) => {
  // a file for an email reply (issue 15): the bytes as the body, its name and type in headers (never in the URL, which is logged)
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_REPLY_ATTACHMENT_BYTES }, (_req, body, done) => done(null, body));
  app.post(HTTP_PATHS.upload, { bodyLimit: MAX_REPLY_ATTACHMENT_BYTES }, async (req): Promise<Attachment> => {
    const agent = await caller(req);
    const bytes = req.body;
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new OmnideskError('INVALID_ARGUMENT', 'send the file as application/octet-stream');
    const meta = parseOrThrow(UploadHeaders, { filename: header(req.headers['x-filename']), contentType: header(req.headers['x-content-type']) ?? 'application/octet-stream' }, 'upload');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await db.transaction(async (tx) => {
      await insertAttachmentBytes(tx, sha256, bytes);
      await tx.query('insert into attachment_uploads (sha256, agent_id) values ($1, $2) on conflict do nothing', [sha256, agent.id]);
    });
    req.log.info({ agentId: agent.id, size: bytes.length }, 'reply attachment uploaded');
    return { id: `upload-${sha256.slice(0, 32)}`, filename: meta.filename, contentType: meta.contentType, size: bytes.length, sha256 };
  });

  app.get(HTTP_PATHS.attachment, async (req, reply) => {
    const agent = await caller(req);
    const params = req.params as { eventId?: unknown; sha256?: unknown } | null;
    const eventId = Id.safeParse(params?.eventId);
    const sha256 = typeof params?.sha256 === 'string' && /^[0-9a-f]{64}$/.test(params.sha256) ? params.sha256 : null;
    const notFound = new OmnideskError('NOT_FOUND', 'no such attachment');
    if (!eventId.success || !sha256) throw notFound;
    const { rows } = await db.query<{ team_id: string; kind: string; meta: Record<string, unknown> }>('select team_id, kind, meta from events where id = $1', [eventId.data]);
    const row = rows[0];
    if (!row || !canSeeTeam(agent, row.team_id)) throw notFound;
    const att = attachmentOf(row.kind, row.meta, sha256);
    if (!att) throw notFound;
    const { rows: blob } = await db.query<{ content: Uint8Array }>('select content from attachments where sha256 = $1', [sha256]);
    const content = blob[0]?.content;
    if (!content) throw notFound;
    req.log.info({ agentId: agent.id, eventId: eventId.data, size: content.length }, 'attachment read');
    void reply
      .header('content-type', /^[\w.+-]+\/[\w.+-]+$/.test(att.contentType) ? att.contentType : 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${att.filename.replace(/[^\w.-]+/g, '_').slice(0, 100) || 'file'}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store');
    return reply.send(Buffer.from(content));
  });
};
