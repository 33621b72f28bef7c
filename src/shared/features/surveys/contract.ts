import { z } from 'zod';
import { SurveySkipReason } from '../../kernel/event';
import { Id } from '../../kernel/primitives';
import { SurveyAnswer, PERCEPTION_DIMENSIONS } from './answer';
import { FollowUp, FollowUpClose, FollowUpsQuery, FollowUpsResponse } from './follow-up';
import { IndexWeightMap, IndexWeights } from './metrics';
import { SurveyRanking, SurveyRankingQuery, SurveyReport, SurveyReportQuery } from './report';
import { VoiceQuery, VoiceResponse } from './voice';
import { SurveySettings, TeamSurveySettings } from './send-rules';

/** The survey page the server serves to customers (issue 18): a link with a one-time token, no account needed. */
export const SURVEY_PATHS = {
  page: '/s/:token',
  send: '/api/surveys/cases/:caseId/send',
  skip: '/api/surveys/cases/:caseId/skip',
  report: '/api/surveys/report',
  ranking: '/api/surveys/ranking',
  followUps: '/api/surveys/follow-ups',
  closeFollowUp: '/api/surveys/follow-ups/:id/close',
  weights: '/api/surveys/index-weights',
  voice: '/api/surveys/voice',
  settings: '/api/surveys/settings',
  teamSettings: '/api/surveys/settings/:teamId',
} as const;
export const surveySendPath = (caseId: string) => `/api/surveys/cases/${encodeURIComponent(caseId)}/send`;
export const surveySkipPath = (caseId: string) => `/api/surveys/cases/${encodeURIComponent(caseId)}/skip`;
export const followUpClosePath = (id: string) => `/api/surveys/follow-ups/${encodeURIComponent(id)}/close`;

/** POST …/skip: the case gets no survey, for a reason from a fixed list. */
export const SurveySkip = z.object({ reason: SurveySkipReason }).strict();
export type SurveySkip = z.infer<typeof SurveySkip>;
export const SurveySkipResponse = z.object({ skipped: z.boolean(), reason: z.string().max(40).nullable() });
export type SurveySkipResponse = z.infer<typeof SurveySkipResponse>;

/** PUT …/index-weights (admins): the new weights become the next version; GET: the current one and the history. */
export const IndexWeightsInput = z.object({ weights: IndexWeightMap }).strict();
export const IndexWeightsResponse = z.object({ current: IndexWeights, history: z.array(IndexWeights.extend({ createdAt: z.string() })) });
export type IndexWeightsResponse = z.infer<typeof IndexWeightsResponse>;

/** POST …/send (an agent sends the survey by hand, issue 18): sent, or why not (the shared rules' reason). */
export const SurveySendResponse = z.object({ sent: z.boolean(), reason: z.string().max(40).nullable() });
export type SurveySendResponse = z.infer<typeof SurveySendResponse>;

/** GET …/settings: the defaults the server runs with and each team's own rules; PUT …/settings/:teamId (admins). */
export const SurveySettingsResponse = z.object({
  defaults: SurveySettings,
  teams: z.array(z.object({ teamId: Id, settings: TeamSurveySettings })),
});
export type SurveySettingsResponse = z.infer<typeof SurveySettingsResponse>;
export const surveyTeamSettingsPath = (teamId: string) => `/api/surveys/settings/${encodeURIComponent(teamId)}`;

/** The desktop's bridge method for it (online only). */
export const surveysBridgeMethods = {
  'surveys.send': { input: z.object({ caseId: z.string().uuid() }).strict(), output: SurveySendResponse },
  'surveys.skip': { input: SurveySkip.extend({ caseId: Id }).strict(), output: SurveySkipResponse },
  /** the lead console's figures and ranking (online only) */
  'surveys.report': { input: SurveyReportQuery, output: SurveyReport },
  'surveys.ranking': { input: SurveyRankingQuery, output: SurveyRanking },
  'surveys.followUps': { input: FollowUpsQuery, output: FollowUpsResponse },
  /** survey comments grouped by topic and sentiment */
  'surveys.voice': { input: VoiceQuery, output: VoiceResponse },
  'surveys.closeFollowUp': { input: FollowUpClose.extend({ id: Id }).strict(), output: FollowUp },
  'surveys.weights': { input: z.object({}).strict(), output: IndexWeightsResponse },
  'surveys.setWeights': { input: IndexWeightsInput, output: IndexWeightsResponse },
  'surveys.settings': { input: z.object({}).strict(), output: SurveySettingsResponse },
  'surveys.setTeamSettings': { input: z.object({ teamId: Id, settings: TeamSurveySettings }).strict(), output: SurveySettingsResponse },
} as const;
export const surveyPath = (token: string) => `/s/${encodeURIComponent(token)}`;

/** A token as the server makes them (24 random bytes, base64url); anything else is refused before any lookup. */
export const SurveyToken = z.string().regex(/^[A-Za-z0-9_-]{32}$/);

/** The optional statements the page asks: every perception dimension (the index's five among them), in plain words. */
export const SURVEY_DIMENSION_QUESTIONS = ['expertise', 'responsiveness', 'empathy', 'resolution', 'convenience', 'communication', 'personalization', 'security', 'fees'] as const satisfies readonly (typeof PERCEPTION_DIMENSIONS)[number][];

const formScore = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

/**
 * The page's form as posted (application/x-www-form-urlencoded: every value a string), read into a SurveyAnswer.
 * An empty field is unanswered; a value out of range or not a number refuses the whole answer.
 */
export const SurveyForm = z
  .object({
    csat: formScore(1, 5),
    nps: formScore(0, 10),
    ces: formScore(1, 7),
    ...Object.fromEntries(SURVEY_DIMENSION_QUESTIONS.map((d) => [`dim_${d}`, formScore(1, 5)])),
    comment: z.string().max(4000).optional(),
  })
  .strip()
  .transform((f, ctx) => {
    const raw = f as Record<string, unknown>;
    const dimensions = Object.fromEntries(SURVEY_DIMENSION_QUESTIONS.map((d) => [d, raw[`dim_${d}`]]).filter(([, v]) => v !== undefined));
    const a = SurveyAnswer.safeParse({
      ...(f.csat !== undefined ? { csat: f.csat } : {}),
      ...(f.nps !== undefined ? { nps: f.nps } : {}),
      ...(f.ces !== undefined ? { ces: f.ces } : {}),
      ...(Object.keys(dimensions).length ? { dimensions } : {}),
      ...(f.comment?.trim() ? { comment: f.comment.trim() } : {}),
    });
    if (!a.success) {
      ctx.addIssue({ code: 'custom', message: 'an answer needs at least one score or a comment' });
      return z.NEVER;
    }
    return a.data;
  });

