import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agent } from '../../../shared/kernel/agent';
import type { Case } from '../../../shared/kernel/case';
import { can } from '../../../shared/kernel/permissions';
import { useBridge } from '../../kernel/app/bridge-context';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';
import { useDirectory } from '../directory';

/**
 * The emergency green channel on the case panel (issue 16): a lead fast-tracks the case, saying why; it then goes first
 * in every queue, and shows here as fast-tracked until another lead has reviewed it (from the console).
 */
export function FastTrack({ c, me }: { c: Case; me: Agent | null }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const agents = useDirectory((s) => s.agents);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
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
    <form
      className="fast-track-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await bridge.call('case.fastTrack', { caseId: c.id, reason: reason.trim() });
          setReason('');
        });
      }}
    >
      <label className="field">
        <span>{t('lead.fastTrack.reason')}</span>
        <input data-testid="fast-track-reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" className="ghost" data-testid="fast-track" disabled={busy || reason.trim() === ''}>
        {t('lead.fastTrack.button')}
      </button>
      {error && (
        <span role="alert" className="error">
          {t(errorKey(error))}
        </span>
      )}
    </form>
  );
}
