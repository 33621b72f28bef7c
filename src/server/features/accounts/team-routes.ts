import { HTTP_PATHS, TeamIdParams, TeamNameRequest } from '../../../shared/contracts/http';
import type { Agent, Team } from '../../../shared/kernel/agent';
import { OmnideskError, parseOrThrow } from '../../../shared/kernel/errors';
import { newId } from '../../../shared/kernel/ids';
import type { Queryable } from '../../kernel/db/types';
import type { FeatureRoutes } from '../../kernel/http/routes';
import { appendAudit } from '../audit';
import { insertTeams, renameTeam } from '../directory';
import { adminOnly } from './admin';

/** CONFLICT when another team already has this name (names are unique, compared case-insensitively). */
async function assertNameFree(tx: Queryable, name: string, exceptId: string | null): Promise<void> {
  const { rows } = await tx.query('select 1 from teams where lower(name) = lower($1) and ($2::uuid is null or id <> $2::uuid)', [name, exceptId]);
  if (rows.length) throw new OmnideskError('CONFLICT', 'another team has that name');
}

const audited = (me: Agent, action: 'team.created' | 'team.renamed', teamId: string) => ({ actorId: me.id, actorRole: me.role, action, detail: { teamId } });

/**
 * Teams (admin): create and rename. Each writes the team's directory item in the same transaction (the directory
 * feature's writers), which is how every desktop receives the team (reference data), and an audit entry (ids only).
 */
export const teamRoutes: FeatureRoutes = (app, { db, caller }) => {
  app.post(HTTP_PATHS.teams, async (req, reply): Promise<Team> => {
    const me = await caller(req);
    adminOnly(me);
    const { name } = parseOrThrow(TeamNameRequest, req.body, 'new team');
    const team: Team = { id: newId(), name };
    await db.transaction(async (tx) => {
      await assertNameFree(tx, name, null);
      await insertTeams(tx, [team]);
      await appendAudit(tx, [audited(me, 'team.created', team.id)]);
    });
    req.log.info({ teamId: team.id, by: me.id }, 'team created');
    void reply.status(201);
    return team;
  });

  app.patch(HTTP_PATHS.team, async (req): Promise<Team> => {
    const me = await caller(req);
    adminOnly(me);
    const { id } = parseOrThrow(TeamIdParams, req.params, 'team');
    const { name } = parseOrThrow(TeamNameRequest, req.body, 'team name');
    const team = await db.transaction(async (tx) => {
      await assertNameFree(tx, name, id);
      const renamed = await renameTeam(tx, id, name);
      await appendAudit(tx, [audited(me, 'team.renamed', id)]);
      return renamed;
    });
    req.log.info({ teamId: id, by: me.id }, 'team renamed');
    return team;
  });
};
