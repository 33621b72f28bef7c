import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresenceChoice, PresenceState } from '../../../shared/features/routing';
import { useBridge, useSync } from '../../kernel/app/bridge-context';
import { ChoiceSelect } from '../../kernel/components/ChoiceSelect';
import { browserNotifications } from '../../kernel/notify/web-notifier';
import { watchIdle } from './idle';
import { setSoundMuted, soundMuted } from './sound';

const CHOICES: readonly PresenceChoice[] = ['available', 'busy', 'away'];

/**
 * The agent's routing status in the header (issue 15): available for offers, busy, away. The server makes them
 * offline when no desktop is connected (shown while disconnected) and this window sets them away after the team's idle
 * time without input, and back to available at the next input (only when it was the timer that set away). Beside it:
 * mute for the chimes, and the browser's permission to notify.
 */
export function PresenceSwitch() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const online = useSync((s) => s.status?.state === 'online');
  const [presence, setPresence] = useState<PresenceState | null>(null);
  const [failed, setFailed] = useState(false);
  const [muted, setMuted] = useState(soundMuted);
  const [permission, setPermission] = useState(() => browserNotifications()?.permission ?? 'denied');
  const autoAway = useRef(false);

  useEffect(() => {
    if (!online) return;
    bridge.call('routing.presence', {}).then(setPresence, () => setPresence(null));
  }, [bridge, online]);

  const choose = (next: PresenceChoice, auto = false) => {
    setFailed(false);
    bridge.call('routing.setPresence', { presence: next, ...(auto ? { auto } : {}) }).then(
      (p) => {
        setPresence(p);
        autoAway.current = auto && next === 'away';
      },
      () => setFailed(true),
    );
  };

  const minutes = presence?.autoAwayMinutes ?? null;
  const current = presence?.presence ?? null;
  useEffect(() => {
    if (!minutes || !online) return;
    return watchIdle(window, minutes * 60_000, {
      idle: () => {
        if (current === 'available') choose('away', true);
      },
      active: () => {
        if (autoAway.current) choose('available');
      },
    });
    // choose is stable enough: it only closes over the bridge
  }, [minutes, online, current]);

  const shown = online && current && current !== 'offline' ? current : null;
  return (
    <div className="presence" data-testid="presence" data-presence={online ? (current ?? 'offline') : 'offline'}>
      <span className={`presence-dot presence-${shown ?? 'offline'}`} aria-hidden="true" />
      {shown ? (
        <ChoiceSelect
          label={t('routing.presence.label')}
          labelHidden
          variant="inline-field"
          testId="presence-select"
          value={shown}
          choices={CHOICES.map((c) => ({ value: c, label: t(`routing.presence.${c}`) }))}
          onChange={(v) => v && choose(v)}
        />
      ) : (
        <span className="presence-offline">{t('routing.presence.offline')}</span>
      )}
      {minutes && <span className="sr-only">{t('routing.presence.autoAway', { minutes })}</span>}
      <button
        type="button"
        className="ghost small"
        data-testid="sound-toggle"
        aria-pressed={muted}
        onClick={() => {
          setSoundMuted(!muted);
          setMuted(!muted);
        }}
      >
        {muted ? t('routing.attention.unmute') : t('routing.attention.mute')}
      </button>
      {permission === 'default' && (
        <button type="button" className="ghost small" data-testid="notify-enable" onClick={() => void window.Notification.requestPermission().then(setPermission)}>
          {t('routing.attention.enableNotifications')}
        </button>
      )}
      {failed && (
        <span className="error small" role="alert">
          {t('routing.presence.failed')}
        </span>
      )}
    </div>
  );
}
