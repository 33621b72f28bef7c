import { hkdfSync } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OmnideskError, parseOrThrow } from '../../../shared/kernel/errors';
import { HTTP_PATHS, LoginRequest, type LoginResponse } from '../../../shared/contracts/http';
import type { Agent } from '../../../shared/kernel/agent';
import { agentFromToken, bearerToken, login } from '../auth/session';
import type { Db } from '../db/types';
import type { Poke } from '../events/unit-of-work';
import { safeError } from '../logger';

export interface RouteDeps {
  db: Db;
  jwtSecret: string;
  /** tells the sync sockets of these teams that the log grew (after a commit) */
  poke?: Poke;
}

/** What a feature's routes get: the database and the authenticated caller of a request. */
export interface RouteContext {
  db: Db;
  /** a valid bearer token of an existing agent (role and teams re-read), else UNAUTHENTICATED */
  caller(req: FastifyRequest): Promise<Agent>;
  /** for routes that append to the log: pokes the teams whose log grew (a no-op without sync) */
  poke: Poke;
  /** a 32-byte key for one purpose, derived from the server secret (HKDF): features never see the secret itself */
  deriveKey(purpose: string): Buffer;
}

/** A feature's HTTP routes (features/<name>/routes.ts), registered by the composition root. */
export type FeatureRoutes = (app: FastifyInstance, ctx: RouteContext) => void;

/** A valid bearer token of an existing agent (role and teams re-read), else UNAUTHENTICATED. */
export async function authenticateRequest(db: Db, jwtSecret: string, req: FastifyRequest): Promise<Agent> {
  const { agent } = await agentFromToken(db, jwtSecret, bearerToken(req.headers.authorization));
  req.log.debug({ agentId: agent.id }, 'authenticated');
  return agent;
}

export function registerRoutes(app: FastifyInstance, deps: RouteDeps, features: readonly FeatureRoutes[] = []): void {
  const { db, jwtSecret } = deps;

  /** Every route but the public ones: the agent the guard authenticated (guard.ts), or authenticate now. */
  async function caller(req: FastifyRequest): Promise<Agent> {
    return req.agent ?? authenticateRequest(db, jwtSecret, req);
  }

  app.post(HTTP_PATHS.login, async (req): Promise<LoginResponse> => {
    const body = parseOrThrow(LoginRequest, req.body, 'login');
    const res = await login(db, jwtSecret, body.username, body.password);
    req.log.info({ agentId: res.agent.id }, 'login');
    return res;
  });

  app.get(HTTP_PATHS.me, async (req): Promise<Agent> => caller(req));

  const poke: Poke = (teamSeqs) => deps.poke?.(teamSeqs);
  const deriveKey = (purpose: string) => Buffer.from(hkdfSync('sha256', jwtSecret, 'omnidesk', purpose, 32));
  for (const register of features) register(app, { db, caller, poke, deriveKey });

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
