import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoiceResponse } from '../../../shared/features/surveys';
import { useBridge, useNav } from '../../kernel/app/bridge-context';
import { formatCompact } from '../../kernel/i18n/format';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';

/**
 * The customer's voice on the lead console (issue 18): the last 30 days' survey comments grouped by topic, each group
 * with how many were positive, neutral or negative and its newest comments (each opens its case).
 */
export function VoicePanel({ teamId, pushes }: { teamId: string | null; pushes: number }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const go = useNav((s) => s.go);
  const [voice, setVoice] = useState<VoiceResponse | null>(null);
  const { error, run } = useAction();
  useEffect(() => {
    const now = Date.now();
    const q = { from: new Date(now - 30 * 86_400_000).toISOString(), to: new Date(now + 60_000).toISOString(), ...(teamId ? { teamId } : {}) };
    void run(async () => setVoice(await bridge.call('surveys.voice', q)));
  }, [bridge, teamId, pushes, run]);
  return (
    <section className="voice" data-testid="survey-voice" aria-labelledby="voice-title">
      <h2 id="voice-title">{t('surveys.voice.title')}</h2>
      {error && (
        <p role="alert" className="error">
          {t(errorKey(error))}
        </p>
      )}
      {voice && voice.comments === 0 && <p>{t('surveys.voice.empty')}</p>}
      {voice?.groups.map((g) => (
        <details key={g.topic} className="voice-group" data-testid="voice-group" data-topic={g.topic}>
          <summary>
            <strong>{t(`surveys.voice.topic.${g.topic}`)}</strong>
            {` · ${t('surveys.voice.count', { count: g.count })} · `}
            <span data-testid="voice-sentiment">{t('surveys.voice.sentiment', g.sentiment)}</span>
          </summary>
          <ul className="plain">
            {g.comments.map((c) => (
              <li key={`${c.caseId}|${c.at}`} data-sentiment={c.sentiment}>
                <button type="button" className="link" onClick={() => go({ name: 'customer', customerId: c.customerId, caseId: c.caseId })}>
                  {formatCompact(c.at, i18n.language, Date.now())}
                </button>
                {` ${t(`surveys.voice.feeling.${c.sentiment}`)}: `}
                <q>{c.text}</q>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}
