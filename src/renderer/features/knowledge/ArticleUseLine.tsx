import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import type { ArticleUse } from '../../../shared/features/knowledge';
import type { OmnideskBridge } from '../../../shared/contracts/bridge';
import { useBridge } from '../../kernel/app/bridge-context';

/** The version of every article this desktop holds, read once and again when reference data is pulled. */
const useVersions = create<{ versions: ReadonlyMap<string, number>; bridge: OmnideskBridge | null; load(bridge: OmnideskBridge): void }>((set, get) => ({
  versions: new Map(),
  bridge: null,
  load(bridge) {
    if (get().bridge === bridge) return;
    set({ bridge });
    const read = () =>
      bridge.call('knowledge.list', {}).then(
        (r) => set({ versions: new Map(r.articles.map((a) => [a.id, a.version])) }),
        () => undefined,
      );
    void read();
    bridge.on('data.changed', (c) => c.all && void read());
  },
}));

/**
 * A reply's line "from the knowledge base: article, version, language" (issue 14), marked stale when a newer
 * version of that article has been published since: what the patient was told is kept as sent, and the agent sees
 * that it has changed.
 */
export function ArticleUseLine({ use }: { use: ArticleUse }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const load = useVersions((s) => s.load);
  useEffect(() => load(bridge), [load, bridge]);
  const current = useVersions((s) => s.versions.get(use.articleId) ?? null);
  const stale = current !== null && current > use.version;
  return (
    <li data-testid="timeline-article" data-article={use.articleId} data-version={use.version} data-mode={use.mode} data-stale={stale}>
      {t('knowledge.used', {
        slug: use.slug,
        version: use.version,
        language: t(`lang.${use.locale}`),
        passage: use.passageId ? t('knowledge.usedPassage', { id: use.passageId }) : '',
      })}
      {stale && (
        <span className="badge small warn" data-testid="timeline-article-stale">
          {' '}
          {t('knowledge.stale', { version: current })}
        </span>
      )}
    </li>
  );
}
