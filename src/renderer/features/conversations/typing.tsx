import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Thread } from '../../../shared/kernel/case';
import { useBridge } from '../../kernel/app/bridge-context';

/** Tells the chat customer the agent is typing: `true` on input (at most every 2 s), `false` 3 s after the last key. */
export function useAgentTyping(thread: Thread | null): () => void {
  const bridge = useBridge();
  const last = useRef(0);
  const stop = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (stop.current) clearTimeout(stop.current);
    },
    [],
  );
  return () => {
    if (!thread || thread.channel !== 'chat') return;
    const now = Date.now();
    if (now - last.current > 2000) {
      last.current = now;
      void bridge.call('live.typing', { threadId: thread.id, typing: true }).catch(() => undefined);
    }
    if (stop.current) clearTimeout(stop.current);
    stop.current = setTimeout(() => {
      last.current = 0;
      void bridge.call('live.typing', { threadId: thread.id, typing: false }).catch(() => undefined);
    }, 3000);
  };
}

/** "Customer is typing…" under the timeline while a chat customer of this customer types. */
export function CustomerTyping({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [typing, setTyping] = useState(false);
  useEffect(() => {
    let clear: ReturnType<typeof setTimeout> | null = null;
    const off = bridge.on('chat.typing', (p) => {
      if (p.customerId !== customerId) return;
      setTyping(p.typing);
      if (clear) clearTimeout(clear);
      // a lost "stopped typing" must not leave the hint on forever
      if (p.typing) clear = setTimeout(() => setTyping(false), 8000);
    });
    return () => {
      off();
      if (clear) clearTimeout(clear);
    };
  }, [bridge, customerId]);
  return (
    <div className="chat-typing muted small" data-testid="customer-typing" aria-live="polite">
      {typing ? t('chat.customerTyping') : ''}
    </div>
  );
}
