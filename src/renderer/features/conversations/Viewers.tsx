import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { othersViewing, type Viewer } from '../../../shared/features/conversations/viewers';
import { useBridge, useSession } from '../../kernel/app/bridge-context';
import { useCustomer } from './use-customer';
import { useReplyDraft } from './reply-draft';

/**
 * The collision warning (issue 16): this desktop says which customer and case the agent has open and whether they are
 * writing a reply; the others viewing the same customer show here, the ones replying first. Live only.
 */
export function ViewersNotice({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const me = useSession((s) => s.session?.agent.id ?? '');
  const caseId = useCustomer((s) => s.selectedCaseId);
  const replying = useReplyDraft((s) => s.text.trim() !== '');
  const [all, setAll] = useState<Viewer[]>([]);

  useEffect(() => bridge.on('conversations.viewers', (v) => v.customerId === customerId && setAll(v.viewers)), [bridge, customerId]);
  useEffect(() => {
    bridge.call('conversations.viewing', { customerId, caseId, replying }).catch(() => undefined);
  }, [bridge, customerId, caseId, replying]);
  useEffect(
    () => () => {
      bridge.call('conversations.viewing', { customerId: null, caseId: null, replying: false }).catch(() => undefined);
    },
    [bridge, customerId],
  );

  const others = othersViewing(all, me, caseId);
  if (others.length === 0) return null;
  const replyingNow = others.some((v) => v.replying);
  return (
    <p className={`banner ${replyingNow ? 'banner-warning' : 'banner-info'} viewers`} role="status" data-testid="collision-warning" data-replying={replyingNow}>
      {others.map((v) => t(v.replying ? 'viewers.replying' : 'viewers.viewing', { name: v.name })).join(' · ')}
    </p>
  );
}
