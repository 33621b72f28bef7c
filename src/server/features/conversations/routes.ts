import { HTTP_PATHS } from '../../../shared/contracts/http';
import { canSeeTeam } from '../../../shared/kernel/agent';
import { OmnideskError } from '../../../shared/kernel/errors';
import type { Attachment } from '../../../shared/kernel/event';
import { Id } from '../../../shared/kernel/primitives';
import type { FeatureRoutes } from '../../kernel/http/routes';

/** The attachment an event names by this sha256: a message's own (email) or one the media job stored (social). */
export function attachmentOf(kind: string, meta: Record<string, unknown>, sha256: string): Attachment | null {
  if (kind === 'message.received') return ((meta.attachments as Attachment[] | undefined) ?? []).find((a) => a.sha256 === sha256) ?? null;
  if (kind === 'message.attachment_stored') {
    const a = meta.attachment as Attachment | undefined;
    return a?.sha256 === sha256 ? a : null;
  }
  return null;
}

/**
 * GET /api/attachments/:eventId/:sha256 — the bytes of a file a message carried, for the desktop (issue 10).
 * Visible exactly when the event is (its customer's team is the caller's; admins all): anything else — another
 * team's event, an unknown id, a hash the event does not name, bytes erased — is the same 404, so the route tells
 * nobody what exists elsewhere. Served as a download (`attachment`, nosniff, no-store); ids only in the log.
 */
export const conversationRoutes: FeatureRoutes = (app, { db, caller }) => {
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
