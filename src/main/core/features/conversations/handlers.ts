import { OmnideskError } from '../../../../shared/index';
import type { BridgeHandlers } from '../../kernel/bridge/dispatch';
import type { Store } from '../../kernel/store/index';

export interface ConversationHandlerContext {
  active(): { store: Store; emitLive(event: string, payload: unknown): void };
}

/** Bridge handlers of the conversations feature that are not mutations: live typing (relayed, never stored). */
export function conversationHandlers(ctx: ConversationHandlerContext): Pick<BridgeHandlers, 'live.typing'> {
  return {
    'live.typing': async ({ threadId, typing }) => {
      const s = ctx.active();
      const t = s.store.threads.get(threadId);
      if (!t) throw new OmnideskError('NOT_FOUND', 'thread not found');
      if (t.channel === 'chat') s.emitLive('live:typing', { threadId, typing });
      return {};
    },
  };
}
