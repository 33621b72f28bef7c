import { OmnideskError, type Event } from '../../../shared/index';
import type { AppendHook } from '../../kernel/events/index';

/**
 * A reply carries only files its author uploaded (issue 15): checked before the append, so knowing a file's hash
 * (another team's attachment, say) is not enough to send it out. Refused as INVALID_ARGUMENT: the desktop shows the
 * reply as not sent, with the reason.
 */
export const replyAttachmentsHook: AppendHook = {
  name: 'conversations.replyAttachments',
  async prepare(tx, events: readonly Event[]) {
    for (const e of events) {
      if (e.kind !== 'message.sent' || !e.meta.attachments?.length) continue;
      const wanted = [...new Set(e.meta.attachments.map((a) => a.sha256))];
      const { rows } = await tx.query<{ sha256: string }>('select sha256 from attachment_uploads where agent_id = $1 and sha256 = any($2::text[])', [e.author.id, wanted]);
      if (rows.length !== wanted.length) throw new OmnideskError('INVALID_ARGUMENT', 'a file of the reply was not uploaded by its author');
    }
    return events;
  },
};
