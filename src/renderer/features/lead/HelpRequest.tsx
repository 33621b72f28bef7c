import { useTranslation } from 'react-i18next';
import type { Agent } from '../../../shared/kernel/agent';
import type { Case } from '../../../shared/kernel/case';
import { useBridge } from '../../kernel/app/bridge-context';
import { formatCompact } from '../../kernel/i18n/format';
import { TextAction } from './TextAction';

/**
 * The agent's flag (issue 16): "I need help" on the case, with a line for the lead; shown as waiting until a lead
 * answers (the answer comes into the timeline). Works offline like any change: it syncs when the server is back.
 */
export function HelpRequest({ c, me }: { c: Case; me: Agent | null }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  if (c.help) {
    return (
      <p className="help-pending" role="status" data-testid="help-pending">
        {t('lead.help.pending', { time: formatCompact(c.help.at, i18n.language, Date.now()) })}
      </p>
    );
  }
  // the lead is who answers; an agent flags their own or an unowned case (the server decides the rest)
  if (!me || me.role === 'lead' || me.role === 'admin' || (c.assigneeId !== null && c.assigneeId !== me.id && me.role !== 'specialist')) return null;
  return (
    <TextAction
      className="help-request"
      label={t('lead.help.note')}
      maxLength={1000}
      submit={t('lead.help.ask')}
      inputTestId="help-note"
      buttonTestId="help-request"
      optional
      onSubmit={(note) => bridge.call('case.requestHelp', { caseId: c.id, note })}
    />
  );
}
