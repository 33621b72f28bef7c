import { OmnideskError } from '../../../../shared/index';
import {
  followUpClosePath,
  FollowUp,
  FollowUpsResponse,
  IndexWeightsResponse,
  SURVEY_PATHS,
  surveySendPath,
  SurveyRanking,
  SurveyReport,
  SurveySendResponse,
  surveySkipPath,
  SurveySkipResponse,
  SurveySettingsResponse,
  surveyTeamSettingsPath,
  VoiceResponse,
} from '../../../../shared/features/surveys';
import type { BridgeHandlers } from '../../kernel/bridge/dispatch';
import type { HttpOptions } from '../../kernel/session/auth';
import { queryString, readJson, serverCall, type ServerSession } from '../../kernel/session/server-api';

export interface SurveysContext {
  session(): ServerSession & { offline: boolean };
  http: HttpOptions;
}

type Methods = 'surveys.send' | 'surveys.skip' | 'surveys.report' | 'surveys.ranking' | 'surveys.followUps' | 'surveys.voice' | 'surveys.closeFollowUp' | 'surveys.weights' | 'surveys.setWeights' | 'surveys.settings' | 'surveys.setTeamSettings';

/**
 * Surveys (issue 18): an agent sends or skips a resolved case's survey; the lead reads the customer-perceived quality,
 * the ranking and the detractor follow-ups; an admin edits the index's weights. All of it is the server's (online only).
 */
export function surveysHandlers(ctx: SurveysContext): Pick<BridgeHandlers, Methods> {
  const online = (what: string) => {
    const s = ctx.session();
    if (s.offline) throw new OmnideskError('UNAVAILABLE', `${what} needs the server: signed in offline`);
    return s;
  };
  const send = (body: unknown, method = 'POST') => ({ method, body: JSON.stringify(body) });
  return {
    'surveys.send': async ({ caseId }) =>
      readJson(await serverCall(online('a survey'), surveySendPath(caseId), ctx.http, send({})), SurveySendResponse),
    'surveys.skip': async ({ caseId, reason }) =>
      readJson(await serverCall(online('skipping a survey'), surveySkipPath(caseId), ctx.http, send({ reason })), SurveySkipResponse),
    'surveys.report': async (q) => readJson(await serverCall(online('the survey figures'), `${SURVEY_PATHS.report}${queryString(q)}`, ctx.http), SurveyReport),
    'surveys.ranking': async (q) => readJson(await serverCall(online('the ranking'), `${SURVEY_PATHS.ranking}${queryString(q)}`, ctx.http), SurveyRanking),
    'surveys.followUps': async (q) => readJson(await serverCall(online('the follow-ups'), `${SURVEY_PATHS.followUps}${queryString(q)}`, ctx.http), FollowUpsResponse),
    'surveys.voice': async (q) => readJson(await serverCall(online('the customers’ comments'), `${SURVEY_PATHS.voice}${queryString(q)}`, ctx.http), VoiceResponse),
    'surveys.closeFollowUp': async ({ id, outcome }) =>
      readJson(await serverCall(online('closing a follow-up'), followUpClosePath(id), ctx.http, send({ outcome })), FollowUp),
    'surveys.weights': async () => readJson(await serverCall(online('the index weights'), SURVEY_PATHS.weights, ctx.http), IndexWeightsResponse),
    'surveys.setWeights': async (input) =>
      readJson(await serverCall(online('the index weights'), SURVEY_PATHS.weights, ctx.http, send(input, 'PUT')), IndexWeightsResponse),
    'surveys.settings': async () => readJson(await serverCall(online('the survey settings'), SURVEY_PATHS.settings, ctx.http), SurveySettingsResponse),
    'surveys.setTeamSettings': async ({ teamId, settings }) =>
      readJson(await serverCall(online('the survey settings'), surveyTeamSettingsPath(teamId), ctx.http, send(settings, 'PUT')), SurveySettingsResponse),
  };
}
