import { CONVERSATIONS_OUTBOUND, CONVERSATIONS_OUTBOUND_ID, MAX_REPLY_ATTACHMENT_BYTES, OmnideskError, VIEWERS_LIVE, type Viewing } from '../../../../shared/index';
import { attachmentPath } from '../../../../shared/contracts/http';
import type { BridgeHandlers } from '../../kernel/bridge/dispatch';
import type { HttpOptions } from '../../kernel/session/auth';
import { serverCall, type ServerSession } from '../../kernel/session/server-api';
import { keepForLater, uploadFile } from './uploads';
import type { Store } from '../../kernel/store/index';

export interface ConversationHandlerContext {
  active(): { store: Store; emitLive(event: string, payload: unknown): void; session: ServerSession & { offline: boolean } };
  http: HttpOptions;
  /** `fn` runs each time the desktop is back online */
  whenOnline?(fn: () => void): void;
}

/** Largest file the desktop fetches for the renderer (the server's media limit is 25 MB by default). */
export const MAX_ATTACHMENT_BYTES = 28 * 1024 * 1024;
/** Recently fetched files, kept in memory (never on disk) so scrolling back to an image does not fetch it again. */
const MEMO_BYTES = 32 * 1024 * 1024;

/** Bridge handlers of the conversations feature that are not mutations: live typing (relayed, never stored), attachments, which channels can send. */
export function conversationHandlers(ctx: ConversationHandlerContext): Pick<BridgeHandlers, 'live.typing' | 'conversations.viewing' | 'attachment.get' | 'attachment.upload' | 'conversations.outbound'> {
  const memo = new Map<string, { contentType: string; size: number; dataBase64: string }>();
  let memoBytes = 0;
  let lastViewing: Viewing | null = null;
  ctx.whenOnline?.(() => {
    if (lastViewing?.customerId) ctx.active().emitLive(VIEWERS_LIVE.viewing, lastViewing);
  });
  return {
    'attachment.upload': async ({ filename, contentType, dataBase64 }) => {
      const s = ctx.active();
      const file = { filename, contentType, bytes: Buffer.from(dataBase64, 'base64') };
      if (file.bytes.length > MAX_REPLY_ATTACHMENT_BYTES) throw new OmnideskError('PAYLOAD_TOO_LARGE', 'the file is larger than 10 MB');
      // the server away (signed in offline, or it does not answer): the file waits in the cache and goes before the reply
      if (s.session.offline) return keepForLater(s.store, file);
      try {
        return await uploadFile(s.session, ctx.http, file);
      } catch (err) {
        if (err instanceof OmnideskError && err.code === 'UNAVAILABLE') return keepForLater(s.store, file);
        throw err;
      }
    },
    'conversations.outbound': async () => ctx.active().store.reference.get(CONVERSATIONS_OUTBOUND, CONVERSATIONS_OUTBOUND_ID),
    'attachment.get': async ({ eventId, sha256 }) => {
      const s = ctx.active();
      // only what this desktop may show: an event of its cache (the server checks the team again)
      if (!s.store.events.get(eventId)) throw new OmnideskError('NOT_FOUND', 'no such attachment');
      const key = `${eventId}:${sha256}`;
      const hit = memo.get(key);
      if (hit) return hit;
      if (s.session.offline) throw new OmnideskError('UNAVAILABLE', 'files need the server: signed in offline');
      const res = await serverCall(s.session, attachmentPath(eventId, sha256), { ...ctx.http, notFoundIsAnswer: true, timeoutMs: 60_000 });
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > MAX_ATTACHMENT_BYTES) throw new OmnideskError('PAYLOAD_TOO_LARGE', 'the file is too large to show');
      const bytes = Buffer.from(await res.arrayBuffer());
      if (bytes.length > MAX_ATTACHMENT_BYTES) throw new OmnideskError('PAYLOAD_TOO_LARGE', 'the file is too large to show');
      const value = { contentType: (res.headers.get('content-type') ?? 'application/octet-stream').slice(0, 200), size: bytes.length, dataBase64: bytes.toString('base64') };
      memo.set(key, value);
      memoBytes += value.dataBase64.length;
      for (const [k, v] of memo) {
        if (memoBytes <= MEMO_BYTES) break;
        memo.delete(k);
        memoBytes -= v.dataBase64.length;
      }
      return value;
    },
    'conversations.viewing': async (viewing) => {
      // kept, so a reconnect says it again (the server forgets a socket's viewing when it goes)
      lastViewing = viewing;
      ctx.active().emitLive(VIEWERS_LIVE.viewing, viewing);
      return {};
    },
    'live.typing': async ({ threadId, typing }) => {
      const s = ctx.active();
      const t = s.store.threads.get(threadId);
      if (!t) throw new OmnideskError('NOT_FOUND', 'thread not found');
      if (t.channel === 'chat') s.emitLive('live:typing', { threadId, typing });
      return {};
    },
  };
}
