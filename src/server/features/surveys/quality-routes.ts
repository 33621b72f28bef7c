import {
  computeSurveyReport,
  FollowUpClose,
  FollowUpsQuery,
  IndexWeightsInput,
  rankSurveys,
  SURVEY_PATHS,
  SurveyRankingQuery,
  SurveyReportQuery,
  groupVoice,
  SurveyAnswer,
  VoiceQuery,
  type VoiceResponse,
  type FollowUp,
  type FollowUpsResponse,
  type IndexWeightsResponse,
  type SurveyRanking,
  type SurveyReport,
} from '../../../shared/features/surveys';
import { Id } from '../../../shared/kernel/primitives';
import { parseOrThrow } from '../../../shared/index';
import { toIso } from '../../kernel/db/types';
import type { FeatureRoutes } from '../../kernel/http/routes';
import { recordAudit } from '../audit/index';
import { namesOf, reportWindow, teamsFor } from '../lead/index';
import { surveyFacts } from './facts';
import { closeFollowUp, listFollowUps } from './follow-ups';
import { saveWeights, weightsHistory, weightsOf } from './weights';

/**
 * The lead console's customer-perceived quality (issue 18): CSAT / NPS / CES / index with trends and response rates,
 * the TOPSIS ranking, the detractor follow-ups; and the admins' index weights. Everything keeps to the caller's teams.
 */
export const surveyQualityRoutes: FeatureRoutes = (app, { db, poke, caller }) => {
  app.get(SURVEY_PATHS.report, async (req): Promise<SurveyReport> => {
    const me = await caller(req);
    const q = parseOrThrow(SurveyReportQuery, req.query ?? {}, 'survey report');
    const { from, to } = reportWindow(q);
    const weights = await weightsOf(db, q.indexVersion);
    const rows = computeSurveyReport(await surveyFacts(db, await teamsFor(db, me, q.teamId), from, to), q, weights);
    return { rows, names: await namesOf(db, rows.map((r) => r.key)), indexVersion: weights.version, generatedAt: new Date().toISOString() };
  });

  app.get(SURVEY_PATHS.ranking, async (req): Promise<SurveyRanking> => {
    const me = await caller(req);
    const q = parseOrThrow(SurveyRankingQuery, req.query ?? {}, 'survey ranking');
    const { from, to } = reportWindow(q);
    const ranking = rankSurveys(await surveyFacts(db, await teamsFor(db, me, q.teamId), from, to), q.by, await weightsOf(db));
    return { ...ranking, names: await namesOf(db, ranking.rows.map((r) => r.key)) };
  });

  app.get(SURVEY_PATHS.followUps, async (req): Promise<FollowUpsResponse> => {
    const me = await caller(req);
    const q = parseOrThrow(FollowUpsQuery, req.query ?? {}, 'follow-ups');
    const followUps = await listFollowUps(db, await teamsFor(db, me, q.teamId), q.state);
    const names = await namesOf(db, followUps.flatMap((f) => [f.agentId, f.closedBy]));
    // the customer's name: the lead calls them back
    const ids = [...new Set(followUps.map((f) => f.customerId))];
    if (ids.length) {
      const { rows } = await db.query<{ id: string; name: string }>("select id, data->>'name' as name from customers where id = any($1::uuid[])", [ids]);
      for (const r of rows) names[r.id] = r.name;
    }
    return { followUps, names };
  });

  app.get(SURVEY_PATHS.voice, async (req): Promise<VoiceResponse> => {
    const me = await caller(req);
    const q = parseOrThrow(VoiceQuery, req.query ?? {}, 'customer voice');
    const { from, to } = reportWindow(q);
    const { rows } = await db.query<{ case_id: string; customer_id: string; answered_at: unknown; answer: unknown }>(
      `select case_id, customer_id, answered_at, answer from surveys
        where team_id = any($1::uuid[]) and answered_at >= $2 and answered_at < $3 and answer ? 'comment'
        order by answered_at desc limit 5000`,
      [await teamsFor(db, me, q.teamId), new Date(from).toISOString(), new Date(to).toISOString()],
    );
    const comments = rows.flatMap((r) => {
      const a = SurveyAnswer.safeParse(r.answer);
      return a.success ? [{ caseId: r.case_id, customerId: r.customer_id, at: toIso(r.answered_at), answer: a.data }] : [];
    });
    return groupVoice(comments);
  });

  app.post<{ Params: { id: string } }>(SURVEY_PATHS.closeFollowUp, async (req): Promise<FollowUp> => {
    const me = await caller(req);
    const id = parseOrThrow(Id, req.params.id, 'follow-up id');
    const body = parseOrThrow(FollowUpClose, req.body ?? {}, 'follow-up');
    const f = await closeFollowUp(db, poke, me, id, body.outcome);
    req.log.info({ followUpId: f.id, outcome: body.outcome }, 'survey follow-up closed');
    return f;
  });

  app.get(SURVEY_PATHS.weights, async (): Promise<IndexWeightsResponse> => weightsHistory(db));

  app.put(SURVEY_PATHS.weights, async (req): Promise<IndexWeightsResponse> => {
    const me = await caller(req);
    const body = parseOrThrow(IndexWeightsInput, req.body ?? {}, 'index weights');
    const version = await saveWeights(db, body.weights, me.id);
    await recordAudit(db, { actorId: me.id, actorRole: me.role, action: 'surveys.weights_changed', detail: { version } });
    return weightsHistory(db);
  });
};
