import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallIncoming } from '../../../shared/contracts/bridge';
import { useBridge, useNav } from '../../kernel/app/bridge-context';
import { EnumSelect } from '../../kernel/components/EnumSelect';

export const DISPOSITIONS = ['resolved', 'follow_up', 'escalated', 'information', 'wrong_number'] as const;

/**
 * The call pop: when this agent answers a call (CTI), a panel shows the caller — a known customer (open
 * their timeline) or a "new caller" form (name) — and takes call notes with a disposition during and
 * after the call (saved as a note on the customer).
 */
export function CallPop() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const go = useNav((s) => s.go);
  const [call, setCall] = useState<CallIncoming | null>(null);
  const [name, setName] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [notes, setNotes] = useState('');
  const [disposition, setDisposition] = useState<(typeof DISPOSITIONS)[number]>('resolved');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () =>
      bridge.on('call.incoming', (c) => {
        setCall(c);
        setName(null);
        setNewName('');
        setNotes('');
        setSaved(false);
        setError(null);
      }),
    [bridge],
  );

  useEffect(() => {
    if (!call) return;
    let live = true;
    const load = (attempt: number) => {
      bridge.call('customer.get', { customerId: call.customerId }).then(
        (v) => live && setName(v.customer.name),
        // the customer may still be on its way in the sync: try again shortly
        () => live && attempt < 20 && setTimeout(() => load(attempt + 1), 500),
      );
    };
    load(0);
    return () => {
      live = false;
    };
  }, [bridge, call]);

  if (!call) return null;

  async function saveName(e: FormEvent) {
    e.preventDefault();
    if (!call || !newName.trim()) return;
    try {
      await bridge.call('customer.update', { customerId: call.customerId, patch: { name: newName.trim() } });
      setName(newName.trim());
      setCall({ ...call, newCaller: false });
      go({ name: 'customer', customerId: call.customerId, caseId: null });
    } catch {
      setError(t('call.error'));
    }
  }

  async function saveNotes(e: FormEvent) {
    e.preventDefault();
    if (!call) return;
    const body = `${t('call.notesTitle')} — ${t(`call.disposition.${disposition}`)}${notes.trim() ? `\n${notes.trim()}` : ''}`;
    try {
      await bridge.call('note.add', { customerId: call.customerId, caseId: null, threadId: null, body });
      setSaved(true);
    } catch {
      setError(t('call.error'));
    }
  }

  return (
    <aside className="call-pop" role="dialog" aria-label={t('call.title')} data-testid="call-pop">
      <header className="call-pop-head">
        <strong>{t(call.direction === 'in' ? 'call.incoming' : 'call.outgoing')}</strong>
        <span className="mono-ish" data-testid="call-from">
          {call.from}
        </span>
        <button type="button" className="ghost small" onClick={() => setCall(null)} aria-label={t('call.close')}>
          ×
        </button>
      </header>
      {call.newCaller ? (
        <form onSubmit={(e) => void saveName(e)} data-testid="new-caller-form">
          <p className="small">{t('call.newCaller')}</p>
          <label className="small">
            {t('call.callerName')}
            <input value={newName} onChange={(e) => setNewName(e.target.value)} maxLength={200} data-testid="new-caller-name" />
          </label>
          <button type="submit" className="primary small" disabled={!newName.trim()}>
            {t('call.createCustomer')}
          </button>
        </form>
      ) : (
        <div className="call-pop-customer">
          <span data-testid="call-customer-name">{name ?? '…'}</span>
          <button type="button" className="primary small" data-testid="call-open-customer" onClick={() => go({ name: 'customer', customerId: call.customerId, caseId: null })}>
            {t('call.openTimeline')}
          </button>
        </div>
      )}
      <form onSubmit={(e) => void saveNotes(e)} className="call-notes">
        <label className="small">
          {t('call.notes')}
          <textarea rows={3} value={notes} onChange={(e) => { setNotes(e.target.value); setSaved(false); }} maxLength={10_000} data-testid="call-notes" />
        </label>
        <EnumSelect
          variant="small"
          label={t('call.dispositionLabel')}
          testId="call-disposition"
          value={disposition}
          options={DISPOSITIONS}
          optionLabel={(d) => t(`call.disposition.${d}`)}
          onChange={(d) => {
            if (d !== '') setDisposition(d);
          }}
        />
        <button type="submit" className="small" data-testid="call-save-notes">
          {t('call.saveNotes')}
        </button>
        {saved && <span className="small muted">{t('call.saved')}</span>}
        {error && <span className="small error">{error}</span>}
      </form>
    </aside>
  );
}
