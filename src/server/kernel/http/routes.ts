import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OmnideskError, parseOrThrow } from '../../../shared/kernel/errors';
import { CustomerSearchQuery, HTTP_PATHS, LoginRequest, type CustomerSearchResponse, type DirectoryResponse, type LoginResponse } from '../../../shared/contracts/http';
import type { Agent } from '../../../shared/kernel/agent';
import { directoryVisibleTo } from '../../../shared/features/directory/visible';
import { agentFromToken, bearerToken, login } from '../auth/session';
import type { Db } from '../db/types';
import { listAgents, listTeams } from '../events/store';
import { safeError } from '../logger';
import { searchCustomers } from '../../features/identity/customer-search';

export interface RouteDeps {
  db: Db;
  jwtSecret: string;
}

/** The agents and teams `viewer` may see: teams they belong to (all for admins), and the agents of those teams. */
export async function directoryFor(db: Db, viewer: Agent): Promise<DirectoryResponse> {
  const [teams, agents] = await Promise.all([listTeams(db), listAgents(db)]);
  return directoryVisibleTo(viewer, teams, agents);
}

export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db, jwtSecret } = deps;

  /** Every route but login and health: a valid bearer token of an existing agent. */
  async function caller(req: FastifyRequest): Promise<Agent> {
    const { agent } = await agentFromToken(db, jwtSecret, bearerToken(req.headers.authorization));
    req.log.debug({ agentId: agent.id }, 'authenticated');
    return agent;
  }

  app.post(HTTP_PATHS.login, async (req): Promise<LoginResponse> => {
    const body = parseOrThrow(LoginRequest, req.body, 'login');
    const res = await login(db, jwtSecret, body.username, body.password);
    req.log.info({ agentId: res.agent.id }, 'login');
    return res;
  });

  app.get(HTTP_PATHS.me, async (req): Promise<Agent> => caller(req));

  app.get(HTTP_PATHS.directory, async (req): Promise<DirectoryResponse> => directoryFor(db, await caller(req)));

  app.get(HTTP_PATHS.customers, async (req): Promise<CustomerSearchResponse> => {
    const agent = await caller(req);
    const query = parseOrThrow(CustomerSearchQuery, req.query, 'customer search');
    const res = await searchCustomers(db, agent, query);
    req.log.info({ agentId: agent.id, found: res.customers.length }, 'customer search');
    return res;
  });

  app.get(HTTP_PATHS.health, async (req) => {
    try {
      await db.query('select 1');
    } catch (err) {
      req.log.error({ err: safeError(err) }, 'health: database unreachable');
      throw new OmnideskError('UNAVAILABLE', 'database unreachable');
    }
    return { status: 'ok', database: db.kind, time: new Date().toISOString() };
  });
}
