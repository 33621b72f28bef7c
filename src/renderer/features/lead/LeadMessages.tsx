import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadMessage } from '../../../shared/features/lead';
import { useBridge, useNav } from '../../kernel/app/bridge-context';

/** Messages from the team lead to this agent (issue 16): shown until dismissed; one may open the case it is about. */
export function LeadMessages() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const go = useNav((s) => s.go);
  const [messages, setMessages] = useState<LeadMessage[]>([]);
  useEffect(() => bridge.on('lead.message', (m) => setMessages((list) => [...list.filter((x) => x.id !== m.id), m].slice(-5))), [bridge]);
  if (messages.length === 0) return null;
  return (
    <ul className="lead-messages" aria-label={t('lead.message.title')} aria-live="assertive">
      {messages.map((m) => (
        <li key={m.id} className="banner banner-info" data-testid="lead-message">
          <strong>{t('lead.message.from', { name: m.fromName })}</strong> {m.text}
          {m.caseId && m.customerId && (
            <button type="button" className="link" onClick={() => go({ name: 'customer', customerId: m.customerId!, caseId: m.caseId })}>
              {t('lead.message.open')}
            </button>
          )}
          <button type="button" className="ghost small" data-testid="lead-message-dismiss" onClick={() => setMessages((list) => list.filter((x) => x.id !== m.id))}>
            {t('lead.message.dismiss')}
          </button>
        </li>
      ))}
    </ul>
  );
}
