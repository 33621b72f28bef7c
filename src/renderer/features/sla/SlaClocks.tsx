import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSla, ClockSummary } from '../../../shared/features/sla/contract';
import { useBridge } from '../../kernel/app/bridge-context';
import { useLanguage, useNow } from '../../kernel/app/hooks';
import { formatDateTime, formatRelative } from '../../kernel/i18n/format';
import { caseDisplay, clockDisplay, splitDuration, type ClockDisplay } from './clock-display';

const CLOCKS = ['firstResponse', 'nextResponse', 'resolution'] as const;

/** One clock: its state, and the due time counting down (or the business time left while paused). */
function Clock({ name, clock, now }: { name: (typeof CLOCKS)[number]; clock: ClockSummary; now: number }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const display = clockDisplay(clock, now);
  const left = splitDuration(clock.leftMs);
  return (
    <div className={`sla-clock sla-${display}`} data-testid={`sla-clock-${name}`} data-sla={display}>
      <dt>{t(`sla.clock.${name}`)}</dt>
      <dd>
        <strong className="sla-flag">{t(`sla.state.${display}`)}</strong>
        {clock.dueAt !== null && (display === 'running' || display === 'warning' || display === 'breached') && (
          <time dateTime={clock.dueAt} title={formatDateTime(clock.dueAt, lang)} className="sla-rel" data-testid={`sla-due-${name}`}>
            {formatRelative(clock.dueAt, now, lang)}
          </time>
        )}
        {display === 'paused' && <span className="sla-rel">{t('sla.leftWhenPaused', left)}</span>}
      </dd>
    </div>
  );
}

/** The case's clocks, re-read when its data changes; the countdown ticks every second between reads. */
export function useCaseSla(caseId: string | null): CaseSla | null {
  const bridge = useBridge();
  const [sla, setSla] = useState<CaseSla | null>(null);
  const load = useCallback(() => {
    if (!caseId) return setSla(null);
    bridge.call('case.sla', { caseId }).then(setSla, () => setSla(null));
  }, [bridge, caseId]);
  useEffect(() => {
    load();
    const off = bridge.on('data.changed', () => load());
    // a paused clock's "left" and the states derived from facts move only with data; re-read now and then anyway
    const id = setInterval(load, 60_000);
    return () => {
      off();
      clearInterval(id);
    };
  }, [bridge, load]);
  return sla;
}

/** First response, next response and resolution, each shown separately in the case header. */
export function CaseSlaClocks({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const sla = useCaseSla(caseId);
  const now = useNow(1000);
  if (!sla) return null;
  return (
    <section className="sla-clocks" data-testid="sla-clocks" aria-label={t('sla.title')}>
      <dl>
        {CLOCKS.map((name) => (
          <Clock key={name} name={name} clock={sla[name]} now={now} />
        ))}
      </dl>
      {sla.suspiciousPauses.length > 0 && (
        <p className="sla-audit small" data-testid="sla-pause-audit" role="note">
          {t('sla.pauseAudit', { count: sla.suspiciousPauses.length })}
        </p>
      )}
    </section>
  );
}

/** The queue's "due" cell: the most urgent clock and its countdown. */
export function SlaDueCell({ sla, now }: { sla: CaseSla; now: number }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { display, clock } = caseDisplay(sla, now);
  const due = sla[clock].dueAt;
  const shown: ClockDisplay = display;
  return (
    <span className={`sla sla-${shown}`} data-sla={shown} data-clock={clock} data-testid="sla-due">
      {(shown === 'breached' || shown === 'warning' || shown === 'paused') && <strong className="sla-flag">{t(`sla.state.${shown}`)}</strong>}
      {due !== null && (shown === 'running' || shown === 'warning' || shown === 'breached') ? (
        <time dateTime={due} title={`${t(`sla.clock.${clock}`)} · ${formatDateTime(due, lang)}`} className="sla-rel">
          {formatRelative(due, now, lang)}
        </time>
      ) : (
        shown !== 'paused' && <span className="sla-rel">{t(`sla.state.${shown}`)}</span>
      )}
    </span>
  );
}
