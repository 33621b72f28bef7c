import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Wallboard } from '../../../shared/features/lead';
import { can } from '../../../shared/kernel/permissions';
import { useBridge, useSession, useSync } from '../../kernel/app/bridge-context';
import { ChoiceSelect } from '../../kernel/components/ChoiceSelect';
import { formatCompact } from '../../kernel/i18n/format';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';
import { FollowUpsPanel, IndexWeightsPanel, RankingPanel, SurveyQualityPanel, SurveySettingsPanel, VoicePanel } from '../surveys';
import { mergeBoard } from './console-model';
import { AlertsStrip } from './AlertsStrip';
import { QualityPanel } from './QualityPanel';
import { WallboardPanel } from './WallboardPanel';

/**
 * #/console: the team lead's console (issue 16). The wallboard of their teams, pushed by the server as events change
 * it (the desktop relays `lead.wallboard`), and the quality figures. Offline: the last figures, marked stale.
 */
export function LeadConsoleView() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const me = useSession((s) => s.session?.agent ?? null);
  const online = useSync((s) => s.status?.state === 'online');
  const [boards, setBoards] = useState<Wallboard[]>([]);
  const [stale, setStale] = useState<string | null>(null);
  const [teamId, setTeamId] = useState('');
  const [nowMs, setNow] = useState(() => Date.now());
  const [pushes, setPushes] = useState(0);
  const { error, run } = useAction();
  const allowed = !!me && can(me.role, 'console.read');

  useEffect(() => {
    if (!allowed) return;
    void run(async () => {
      const r = await bridge.call('lead.wallboard', {});
      setBoards(r.wallboards);
      setStale(r.stale ? r.at : null);
    });
    // a reconnect asks again: what was pushed while away is gone
  }, [bridge, allowed, online, run]);
  useEffect(() => {
    if (!allowed) return;
    return bridge.on('lead.wallboard', (board) => {
      setBoards((b) => mergeBoard(b, board));
      setStale(null);
      setPushes((n) => n + 1);
    });
  }, [bridge, allowed]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (!teamId && boards[0]) setTeamId(boards[0].teamId);
  }, [teamId, boards]);

  if (!allowed) return <p className="view-message">{t('errors.FORBIDDEN')}</p>;
  const board = boards.find((b) => b.teamId === teamId) ?? boards[0];
  return (
    <section className="lead-console" data-testid="lead-console" aria-labelledby="console-title">
      <h1 id="console-title">{t('lead.title')}</h1>
      {boards.length > 1 && (
        <ChoiceSelect label={t('lead.team')} testId="console-team" value={board?.teamId ?? ''} choices={boards.map((b) => ({ value: b.teamId, label: b.teamName }))} onChange={(v) => v && setTeamId(v)} />
      )}
      {stale && (
        <p className="stale" role="status" data-testid="console-stale">
          {t('lead.stale', { time: formatCompact(stale, i18n.language, nowMs) })}
        </p>
      )}
      {error && !board && (
        <p role="alert" className="error">
          {t(errorKey(error))}
        </p>
      )}
      {board && <AlertsStrip teamId={board.teamId} pushes={pushes} />}
      {board && <WallboardPanel board={board} nowMs={nowMs} />}
      <FollowUpsPanel teamId={board?.teamId ?? null} pushes={pushes} nowMs={nowMs} />
      <SurveyQualityPanel teamId={board?.teamId ?? null} pushes={pushes} />
      <RankingPanel teamId={board?.teamId ?? null} pushes={pushes} />
      <VoicePanel teamId={board?.teamId ?? null} pushes={pushes} />
      <QualityPanel />
      {me && can(me.role, 'surveys.configure') && <IndexWeightsPanel />}
      {me && can(me.role, 'surveys.configure') && board && <SurveySettingsPanel key={board.teamId} teamId={board.teamId} teamName={board.teamName} />}
    </section>
  );
}
