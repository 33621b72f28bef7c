import { ArticleIdParam, ArticlePut, GapReport, KNOWLEDGE_PATHS, parseOrThrow, type ArticleSaved, type KnowledgeStatsResponse } from '../../../shared/index';
import { articleStats, knowledgeGaps, recordGaps } from './stats';
import type { FeatureRoutes } from '../../kernel/http/routes';
import { saveArticle } from './save';

/** Knowledge articles written in the app (issue 14): saved as reference data, and every desktop told to pull it. */
export const knowledgeRoutes: FeatureRoutes = (app, { db, caller, referenceChanged }) => {
  app.put<{ Params: { id: string } }>(KNOWLEDGE_PATHS.article, async (req): Promise<ArticleSaved> => {
    const me = await caller(req);
    const id = parseOrThrow(ArticleIdParam, req.params.id, 'article id');
    const put = parseOrThrow(ArticlePut, req.body ?? {}, 'article');
    const { referenceVersion, ...saved } = await db.transaction((tx) => saveArticle(tx, me, id, put));
    if (referenceVersion !== null) referenceChanged(referenceVersion);
    req.log.info({ article: id, version: saved.version, status: saved.status, changed: saved.changed, by: me.id }, 'knowledge article saved');
    return saved;
  });

  app.get(KNOWLEDGE_PATHS.stats, async (): Promise<KnowledgeStatsResponse> => ({ articles: await articleStats(db), gaps: await knowledgeGaps(db) }));

  // searches that found nothing, from every agent's desktop: counted, never logged (the words are the customer's topic)
  app.post(KNOWLEDGE_PATHS.gaps, async (req): Promise<{ recorded: number }> => {
    const me = await caller(req);
    const report = parseOrThrow(GapReport, req.body ?? {}, 'gap report');
    const recorded = await recordGaps(db, me.id, report);
    req.log.info({ received: report.gaps.length, recorded, by: me.id }, 'knowledge gaps recorded');
    return { recorded };
  });
};
