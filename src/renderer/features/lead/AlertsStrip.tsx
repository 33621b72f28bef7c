import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FigureAlert } from '../../../shared/features/lead';
import { useBridge } from '../../kernel/app/bridge-context';
import { formatDuration } from '../../kernel/i18n/format';

/** How often the alerts are asked for again while wallboards keep arriving (they read 12 weeks of figures). */
const REFRESH_MS = 60_000;

/** Today's figure alerts of the team (issue 16): yellow, orange, red, against the team's baseline or its fixed bands. */
export function AlertsStrip({ teamId, pushes }: { teamId: string; pushes: number }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [alerts, setAlerts] = useState<FigureAlert[] | null>(null);
  const [askedAt, setAskedAt] = useState(0);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

  useEffect(() => {
    // at most once a minute, however often the wallboard is pushed
    if (askedAt && Date.now() - askedAt < REFRESH_MS) return;
    setAskedAt(Date.now());
    bridge.call('lead.alerts', { teamId, timeZone }).then(
      (r) => setAlerts(r.teams.find((x) => x.teamId === teamId)?.alerts ?? []),
      () => setAlerts(null),
    );
  }, [bridge, teamId, timeZone, pushes]);

  if (!alerts || alerts.length === 0) return null;
  const show = (a: FigureAlert, v: number) => (a.figure === 'backlog' ? String(Math.round(v)) : ['fcr', 'repeat', 'sla'].includes(a.figure) ? `${(v * 100).toFixed(1)} %` : formatDuration(v / 1000));
  return (
    <ul className="figure-alerts" data-testid="figure-alerts" aria-label={t('lead.alerts.title')} aria-live="polite">
      {alerts.map((a) => (
        <li key={a.figure} className={`figure-alert band-${a.band}`} data-testid="figure-alert" data-band={a.band} data-figure={a.figure}>
          <strong>{t(`lead.alerts.band.${a.band}`)}</strong> {t(`lead.figure.${a.figure}`)}: {show(a, a.value)}
          {a.expected !== null ? ` (${t('lead.alerts.expected', { value: show(a, a.expected) })})` : ` (${t('lead.alerts.fixed')})`}
        </li>
      ))}
    </ul>
  );
}
