import { SURVEY_PATHS, TeamSurveySettings, type SurveySettings, type SurveySettingsResponse } from '../../../shared/features/surveys';
import { canSeeTeam } from '../../../shared/kernel/agent';
import { OmnideskError, parseOrThrow } from '../../../shared/kernel/errors';
import { Id } from '../../../shared/kernel/primitives';
import type { FeatureRoutes } from '../../kernel/http/routes';
import { teamsFor } from '../lead/index';
import { allTeamSurveySettings, saveTeamSurveySettings } from './settings';

/**
 * Survey rules per team and channel (issue 18): leads read them for their teams, admins change a team's (an empty
 * object puts the team back on the defaults). `defaults`: what the server runs with (configuration).
 */
export function surveySettingsRoutes(defaults: SurveySettings): FeatureRoutes {
  return (app, { db, caller }) => {
    const read = async (teamIds: readonly string[]): Promise<SurveySettingsResponse> => ({ defaults, teams: await allTeamSurveySettings(db, teamIds) });

    app.get(SURVEY_PATHS.settings, async (req): Promise<SurveySettingsResponse> => read(await teamsFor(db, await caller(req), undefined)));

    app.put<{ Params: { teamId: string } }>(SURVEY_PATHS.teamSettings, async (req): Promise<SurveySettingsResponse> => {
      const me = await caller(req);
      const teamId = parseOrThrow(Id, req.params.teamId, 'team id');
      if (!canSeeTeam(me, teamId)) throw new OmnideskError('NOT_FOUND', 'no such team');
      if (!(await db.query('select 1 from teams where id = $1', [teamId])).rows.length) throw new OmnideskError('NOT_FOUND', 'no such team');
      const settings = parseOrThrow(TeamSurveySettings, req.body ?? {}, 'survey settings');
      await saveTeamSurveySettings(db, teamId, settings, me.id);
      req.log.info({ teamId }, 'survey settings changed');
      return read(await teamsFor(db, me, undefined));
    });
  };
}
