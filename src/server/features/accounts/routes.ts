import {
  AgentIdParams,
  ChangePasswordRequest,
  CreateAgentRequest,
  HTTP_PATHS,
  UpdateAgentRequest,
  type ManagedAgentsResponse,
  type OneTimePasswordResponse,
} from '../../../shared/contracts/http';
import type { Agent } from '../../../shared/kernel/agent';
import { OmnideskError, parseOrThrow } from '../../../shared/kernel/errors';
import { newId } from '../../../shared/kernel/ids';
import { hashPassword, verifyPassword } from '../../kernel/auth/passwords';
import { revokeAgentSessions } from '../../kernel/auth/sessions';
import type { FeatureRoutes } from '../../kernel/http/routes';
import { appendAudit } from '../audit';
import { adminOnly } from './admin';
import { insertAgents } from '../directory';
import { assertPasswordPolicy, listManagedAgents, loadManagedAgent, oneTimePassword, setPassword, updateAgent } from './store';

/**
 * Accounts (issue 9, finding 2): an agent changes their own password; an admin lists, creates and changes agents
 * (role, teams, active) and resets a password. New and reset passwords are one-time: the agent must change them
 * before anything else (kernel/http/routes.ts caller()). Logs carry ids only.
 */
export const accountRoutes: FeatureRoutes = (app, { db, caller }) => {
  app.post(HTTP_PATHS.password, async (req, reply) => {
    const me = await caller(req);
    const body = parseOrThrow(ChangePasswordRequest, req.body, 'password change');
    const { rows } = await db.query<{ password_hash: string }>('select password_hash from agents where id = $1', [me.id]);
    if (!rows[0] || !(await verifyPassword(rows[0].password_hash, body.currentPassword))) {
      throw new OmnideskError('UNAUTHENTICATED', 'the current password is wrong');
    }
    if (body.newPassword === body.currentPassword) throw new OmnideskError('INVALID_ARGUMENT', 'password: the new password must differ from the current one');
    assertPasswordPolicy(body.newPassword, me.username);
    await setPassword(db, me.id, await hashPassword(body.newPassword), false);
    req.log.info({ agentId: me.id }, 'password changed');
    return reply.status(204).send();
  });

  app.get(HTTP_PATHS.agents, async (req): Promise<ManagedAgentsResponse> => {
    adminOnly(await caller(req));
    return { agents: await listManagedAgents(db) };
  });

  app.post(HTTP_PATHS.agents, async (req, reply): Promise<OneTimePasswordResponse> => {
    const me = await caller(req);
    adminOnly(me);
    const body = parseOrThrow(CreateAgentRequest, req.body, 'new agent');
    await assertTeamsExist(body.teamIds);
    const password = oneTimePassword();
    const agent: Agent = { id: newId(), username: body.username, displayName: body.displayName, role: body.role, teamIds: body.teamIds, languages: body.languages, presence: 'offline' };
    const passwordHash = await hashPassword(password);
    await db.transaction(async (tx) => {
      const { rows } = await tx.query('select 1 from agents where lower(username) = lower($1)', [agent.username]);
      if (rows.length) throw new OmnideskError('CONFLICT', 'that username is taken');
      await insertAgents(tx, [{ agent, passwordHash }]);
      await setPassword(tx, agent.id, passwordHash, true);
    });
    req.log.info({ agentId: agent.id, by: me.id }, 'agent created');
    const managed = await loadManagedAgent(db, agent.id);
    void reply.header('cache-control', 'no-store').status(201);
    return { agent: managed!, oneTimePassword: password };
  });

  app.patch(HTTP_PATHS.agent, async (req) => {
    const me = await caller(req);
    adminOnly(me);
    const { id } = parseOrThrow(AgentIdParams, req.params, 'agent');
    const patch = parseOrThrow(UpdateAgentRequest, req.body, 'agent change');
    if (id === me.id && (patch.active === false || (patch.role && patch.role !== 'admin'))) {
      throw new OmnideskError('CONFLICT', 'an admin cannot demote or deactivate themselves');
    }
    if (patch.teamIds) await assertTeamsExist(patch.teamIds);
    const agent = await db.transaction(async (tx) => {
      const updated = await updateAgent(tx, id, patch);
      if (patch.active === false) await revokeAgentSessions(tx, id);
      // the audit trail keeps who changed whose role, teams or access (ids and codes only), in the same transaction
      await appendAudit(tx, [
        {
          actorId: me.id,
          actorRole: me.role,
          action: 'agent.role_changed',
          detail: { agentId: id, role: patch.role ?? null, teams: patch.teamIds ? patch.teamIds.length : null, active: patch.active ?? null },
        },
      ]);
      return updated;
    });
    req.log.info({ agentId: id, by: me.id, role: patch.role ?? null, active: patch.active ?? null }, 'agent changed');
    return agent;
  });

  app.post(HTTP_PATHS.passwordReset, async (req, reply): Promise<OneTimePasswordResponse> => {
    const me = await caller(req);
    adminOnly(me);
    const { id } = parseOrThrow(AgentIdParams, req.params, 'agent');
    const target = await loadManagedAgent(db, id);
    if (!target) throw new OmnideskError('NOT_FOUND', 'no such agent');
    const password = oneTimePassword();
    await db.transaction(async (tx) => {
      await setPassword(tx, id, await hashPassword(password), true);
      await tx.query('delete from sign_in_failures where username = lower($1)', [target.username]);
      await revokeAgentSessions(tx, id);
    });
    req.log.info({ agentId: id, by: me.id }, 'password reset');
    void reply.header('cache-control', 'no-store');
    return { agent: { ...target, mustChangePassword: true }, oneTimePassword: password };
  });

  async function assertTeamsExist(teamIds: readonly string[]): Promise<void> {
    if (!teamIds.length) return;
    const { rows } = await db.query<{ n: unknown }>('select count(*) as n from teams where id = any($1::uuid[])', [[...new Set(teamIds)]]);
    if (Number(rows[0]?.n) !== new Set(teamIds).size) throw new OmnideskError('INVALID_ARGUMENT', 'teamIds: no such team');
  }
};
