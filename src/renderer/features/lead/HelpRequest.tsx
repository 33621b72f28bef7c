import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agent } from '../../../shared/kernel/agent';
import type { Case } from '../../../shared/kernel/case';
import { useBridge } from '../../kernel/app/bridge-context';
import { formatCompact } from '../../kernel/i18n/format';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';

/**
 * The agent's flag (issue 16): "I need help" on the case, with a line for the lead; shown as waiting until a lead
 * answers (the answer comes into the timeline). Works offline like any change: it syncs when the server is back.
 */
export function HelpRequest({ c, me }: { c: Case; me: Agent | null }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
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
    <form
      className="help-request"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await bridge.call('case.requestHelp', { caseId: c.id, note: note.trim() });
          setNote('');
        });
      }}
    >
      <label className="field">
        <span>{t('lead.help.note')}</span>
        <input data-testid="help-note" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="ghost" data-testid="help-request" disabled={busy}>
        {t('lead.help.ask')}
      </button>
      {error && (
        <span role="alert" className="error">
          {t(errorKey(error))}
        </span>
      )}
    </form>
  );
}
