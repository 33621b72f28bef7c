import { useTranslation } from 'react-i18next';
import type { Thread } from '../../../shared/kernel/case';

/**
 * "Identity not verified" on a conversation nobody vouches for (the anonymous chat widget, a Chatwoot contact):
 * whoever is typing may not be the customer they claim to be, so the agent must not disclose health data
 * before checking. What the contact claimed (a typed email / phone) is shown beside it. Nothing for a
 * provider-asserted thread (email From:, caller id, WhatsApp).
 */
export function UnverifiedBadge({ thread }: { thread: Pick<Thread, 'unverified' | 'claims'> | null }) {
  const { t } = useTranslation();
  if (!thread?.unverified) return null;
  const claimed = [thread.claims?.email, thread.claims?.phone].filter((x): x is string => Boolean(x));
  return (
    <span className="badge badge-unverified" data-testid="identity-unverified" role="status" title={t('identity.unverifiedHelp')}>
      {t('identity.unverified')}
      {claimed.length > 0 && <span className="muted"> · {t('identity.claimed', { contact: claimed.join(', ') })}</span>}
    </span>
  );
}
