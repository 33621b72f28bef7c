import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { followUpClock, FollowUpOutcome, type FollowUp, type FollowUpsResponse } from '../../../shared/features/surveys';
import { useBridge, useNav } from '../../kernel/app/bridge-context';
import { EnumSelect } from '../../kernel/components/EnumSelect';
import { formatDuration } from '../../kernel/i18n/format';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';

/**
 * The detractor loop on the lead console (issue 18): each unhappy answer is a task for the lead with its 48 h clock
 * (running, warning in the last 8 h, overdue), closed with an outcome. Asked again when the team's wallboard is pushed.
 */
export function FollowUpsPanel({ teamId, pushes, nowMs }: { teamId: string | null; pushes: number; nowMs: number }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [data, setData] = useState<FollowUpsResponse | null>(null);
  const [reload, setReload] = useState(0);
  const { error, run } = useAction();
  useEffect(() => {
    void run(async () => setData(await bridge.call('surveys.followUps', { state: 'open', ...(teamId ? { teamId } : {}) })));
  }, [bridge, teamId, pushes, reload, run]);

  return (
    <section className="follow-ups" data-testid="follow-ups" aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">{t('surveys.followUps.title')}</h2>
      {error && (
        <p role="alert" className="error">
          {t(errorKey(error))}
        </p>
      )}
      {data && data.followUps.length === 0 && <p data-testid="follow-ups-empty">{t('surveys.followUps.empty')}</p>}
      {data && data.followUps.length > 0 && (
        <ul className="follow-up-list">
          {data.followUps.map((f) => (
            <FollowUpItem key={f.id} f={f} names={data.names} nowMs={nowMs} closed={() => setReload((n) => n + 1)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function FollowUpItem({ f, names, nowMs, closed }: { f: FollowUp; names: Record<string, string>; nowMs: number; closed(): void }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const go = useNav((s) => s.go);
  const [outcome, setOutcome] = useState<FollowUpOutcome | ''>('');
  const { busy, error, run } = useAction();
  const clock = followUpClock(f, nowMs);
  const scores = [f.nps !== null ? `NPS ${f.nps}/10` : '', f.csat !== null ? `CSAT ${f.csat}/5` : '', f.ces !== null ? `CES ${f.ces}/7` : ''].filter(Boolean).join(' · ');
  const close = async () => {
    if (!outcome) return;
    if (await run(() => bridge.call('surveys.closeFollowUp', { id: f.id, outcome }))) closed();
  };
  return (
    <li className={`follow-up clock-${clock.state}`} data-testid="follow-up" data-clock={clock.state}>
      <button type="button" className="link" data-testid="follow-up-open" onClick={() => go({ name: 'customer', customerId: f.customerId, caseId: f.caseId })}>
        {names[f.customerId] ?? t('surveys.followUps.customer')}
      </button>
      <span data-testid="follow-up-scores">{scores}</span>
      {f.agentId && <span>{`${t('surveys.followUps.agent')}: ${names[f.agentId] ?? '—'}`}</span>}
      {clock.state !== 'done' && (
        <span className="follow-up-clock" data-testid="follow-up-clock" role="timer">
          {clock.remainingMs >= 0 ? t('surveys.followUps.left', { time: formatDuration(clock.remainingMs / 1000) }) : t('surveys.followUps.overdue', { time: formatDuration(-clock.remainingMs / 1000) })}
        </span>
      )}
      <EnumSelect<FollowUpOutcome>
        label={t('surveys.followUps.outcome')}
        testId="follow-up-outcome"
        value={outcome}
        options={FollowUpOutcome.options}
        optionLabel={(o) => t(`surveys.outcome.${o}`)}
        emptyLabel="—"
        onChange={setOutcome}
      />
      <button type="button" className="secondary small" data-testid="follow-up-close" disabled={busy || !outcome} onClick={() => void close()}>
        {t('surveys.followUps.close')}
      </button>
      {error && (
        <p role="alert" className="form-error">
          {t(errorKey(error))}
        </p>
      )}
    </li>
  );
}
