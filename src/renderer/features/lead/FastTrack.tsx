import { useTranslation } from 'react-i18next';
import type { Agent } from '../../../shared/kernel/agent';
import type { Case } from '../../../shared/kernel/case';
import { can } from '../../../shared/kernel/permissions';
import { useBridge } from '../../kernel/app/bridge-context';
import { TextAction } from './TextAction';
import { useDirectory } from '../directory';

/**
 * The emergency green channel on the case panel (issue 16): a lead fast-tracks the case, saying why; it then goes first
 * in every queue, and shows here as fast-tracked until another lead has reviewed it (from the console).
 */
export function FastTrack({ c, me }: { c: Case; me: Agent | null }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const agents = useDirectory((s) => s.agents);
  const open = c.fastTrack && c.fastTrack.reviewedAt === null ? c.fastTrack : null;
  if (open) {
    const by = agents.find((a) => a.id === open.byId)?.displayName ?? t('common.unknownAgent');
    return (
      <p className="badge-line fast-track" data-testid="fast-tracked">
        {t('lead.fastTrack.on', { name: by, reason: open.reason })}
      </p>
    );
  }
  if (!me || !can(me.role, 'cases.greenChannel') || c.status === 'resolved' || c.status === 'closed') return null;
  return (
    <TextAction
      className="fast-track-form"
      label={t('lead.fastTrack.reason')}
      maxLength={1000}
      submit={t('lead.fastTrack.button')}
      inputTestId="fast-track-reason"
      buttonTestId="fast-track"
      onSubmit={(reason) => bridge.call('case.fastTrack', { caseId: c.id, reason })}
    />
  );
}
