import { hkdfSync } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OmnideskError, parseOrThrow } from '../../../shared/kernel/errors';
import { HTTP_PATHS, LoginRequest, RefreshRequest, LockoutParams, type LockoutsResponse, type LoginResponse } from '../../../shared/contracts/http';
import type { Agent } from '../../../shared/kernel/agent';
import { can } from '../../../shared/kernel/permissions';
import { agentFromToken, bearerToken, login, refresh } from '../auth/session';
import { revokeSession } from '../auth/sessions';
import { usernameKey, type SignInGuard } from '../auth/sign-in-guard';
import type { Db } from '../db/types';
import type { Poke } from '../events/unit-of-work';
import { safeError } from '../logger';

export interface RouteDeps {
  /** true while the instance shuts down: /api/ready answers 503 so a load balancer sends nobody new (issue 17) */
  draining?: () => boolean;
  db: Db;
  jwtSecret: string;
  /** tells the sync sockets of these teams that the log grew (after a commit) */
  poke?: Poke;
  /** tells every desktop that the reference data moved to a version (after a commit) */
  pokeReference?: (version: number) => void;
  /** a live, never-stored notification to one agent's desktops (`live:*`) */
  notifyAgent?: (agentId: string, event: string, payload: unknown) => void;
  signIn: SignInGuard;
  /** access-token lifetime (default TOKEN_TTL_SECONDS, 15 min; tests shorten it) */
  accessTokenTtlSeconds?: number;
  /** the address customers reach this server at (links the server sends them) */
  publicUrl?: () => string;
}

/** What a feature's routes get: the database and the authenticated caller of a request. */
export interface RouteContext {
  db: Db;
  /** a valid bearer token of an existing agent (role and teams re-read), else UNAUTHENTICATED */
  caller(req: FastifyRequest): Promise<Agent>;
  /** for routes that append to the log: pokes the teams whose log grew (a no-op without sync) */
  poke: Poke;
  /** for routes that write reference data no event announces: every desktop pulls it now (a no-op without sync) */
  referenceChanged(version: number): void;
  /** a 32-byte key for one purpose, derived from the server secret (HKDF): features never see the secret itself */
  deriveKey(purpose: string): Buffer;
  /** a live, never-stored notification (`live:*`) to every connected desktop of one agent (a no-op without sync) */
  notifyAgent(agentId: string, event: string, payload: unknown): void;
  /** the address customers reach this server at (survey links) */
  publicUrl(): string;
}

/** A feature's HTTP routes (features/<name>/routes.ts), registered by the composition root. */
export type FeatureRoutes = (app: FastifyInstance, ctx: RouteContext) => void;

/**
 * A valid bearer token of an existing, active agent (role and teams re-read) in a live session, else
 * UNAUTHENTICATED. An agent holding a one-time password reaches only /api/me, /api/auth/password and logout (else
 * PASSWORD_CHANGE_REQUIRED). Called by the route guard before every non-public route.
 */
export async function authenticateRequest(db: Db, jwtSecret: string, req: FastifyRequest): Promise<Agent> {
  const route = req.routeOptions.url;
  const allowPasswordChange = route === HTTP_PATHS.me || route === HTTP_PATHS.password || route === HTTP_PATHS.logout;
  const { agent } = await agentFromToken(db, jwtSecret, bearerToken(req.headers.authorization), { allowPasswordChange });
  req.log.debug({ agentId: agent.id }, 'authenticated');
  return agent;
}

export function registerRoutes(app: FastifyInstance, deps: RouteDeps, features: readonly FeatureRoutes[] = []): void {
  const { db, jwtSecret, signIn } = deps;
  const ttl = deps.accessTokenTtlSeconds ? { ttlSeconds: deps.accessTokenTtlSeconds } : {};

  /** Every route but the public ones: the agent the guard authenticated (guard.ts), or authenticate now. */
  async function caller(req: FastifyRequest): Promise<Agent> {
    return req.agent ?? authenticateRequest(db, jwtSecret, req);
  }

  app.post(HTTP_PATHS.login, async (req, reply): Promise<LoginResponse> => {
    const body = parseOrThrow(LoginRequest, req.body, 'login');
    void reply.header('cache-control', 'no-store');
    const res = await login(db, jwtSecret, signIn, { username: body.username, password: body.password, address: req.ip }, ttl);
    req.log.info({ agentId: res.agent.id }, 'login');
    return res;
  });

  app.post(HTTP_PATHS.refresh, async (req, reply): Promise<LoginResponse> => {
    void reply.header('cache-control', 'no-store');
    const body = parseOrThrow(RefreshRequest, req.body, 'refresh');
    const res = await refresh(db, jwtSecret, body.refreshToken, ttl);
    req.log.info({ agentId: res.agent.id }, 'token refreshed');
    return res;
  });

  /** Ends the session of the bearer token: its refresh tokens and its access tokens are refused from now on. */
  app.post(HTTP_PATHS.logout, async (req, reply) => {
    const { agent, claims } = await agentFromToken(db, jwtSecret, bearerToken(req.headers.authorization), { allowPasswordChange: true });
    if (claims.sid) await revokeSession(db, claims.sid);
    req.log.info({ agentId: agent.id }, 'logout');
    return reply.status(204).send();
  });

  /** Locked usernames of existing agents: a lead sees their teams' agents, an admin everyone. */
  app.get(HTTP_PATHS.lockouts, async (req): Promise<LockoutsResponse> => {
    const me = await caller(req);
    if (!can(me.role, 'lockouts.lift')) throw new OmnideskError('FORBIDDEN', 'only a team lead or an admin sees sign-in lockouts');
    const { rows } = await db.query<{ id: string; username: string; team_ids: string[]; failures: number; locked_until: Date | string }>(
      `select a.id, a.username, a.team_ids, f.failures, f.locked_until
         from sign_in_failures f join agents a on lower(a.username) = f.username
        where f.locked_until > $1 order by a.username`,
      [new Date(signIn.now())],
    );
    return {
      lockouts: rows
        .filter((r) => me.role === 'admin' || r.team_ids.some((t) => me.teamIds.includes(t)))
        .map((r) => ({ agentId: r.id, username: r.username, failures: Number(r.failures), lockedUntil: new Date(r.locked_until).toISOString() })),
    };
  });

  /** Lifts a lock (and forgets the failures): a lead for their teams' agents, an admin for anyone. */
  app.delete(HTTP_PATHS.lockout, async (req, reply) => {
    const me = await caller(req);
    if (!can(me.role, 'lockouts.lift')) throw new OmnideskError('FORBIDDEN', 'only a team lead or an admin lifts a sign-in lockout');
    const { username } = parseOrThrow(LockoutParams, req.params, 'lockout');
    const { rows } = await db.query<{ team_ids: string[] }>('select team_ids from agents where lower(username) = $1', [usernameKey(username)]);
    const target = rows[0];
    if (!target || (me.role !== 'admin' && !target.team_ids.some((t) => me.teamIds.includes(t)))) {
      throw new OmnideskError('NOT_FOUND', 'no such agent in your teams');
    }
    if (!(await signIn.lift(db, username))) throw new OmnideskError('NOT_FOUND', 'that agent has no failed sign-ins');
    req.log.info({ by: me.id }, 'sign-in lockout lifted');
    return reply.status(204).send();
  });

  app.get(HTTP_PATHS.me, async (req): Promise<Agent> => caller(req));

  const poke: Poke = (teamSeqs) => deps.poke?.(teamSeqs);
  const deriveKey = (purpose: string) => Buffer.from(hkdfSync('sha256', jwtSecret, 'omnidesk', purpose, 32));
  const referenceChanged = (version: number) => deps.pokeReference?.(version);
  const notifyAgent = (agentId: string, event: string, payload: unknown) => deps.notifyAgent?.(agentId, event, payload);
  const publicUrl = deps.publicUrl ?? (() => '');
  for (const register of features) register(app, { db, caller, poke, referenceChanged, deriveKey, notifyAgent, publicUrl });

  app.get(HTTP_PATHS.health, async (req) => {
    try {
      await db.query('select 1');
    } catch (err) {
      req.log.error({ err: safeError(err) }, 'health: database unreachable');
      throw new OmnideskError('UNAVAILABLE', 'database unreachable');
    }
    // nothing about the deployment (database kind, versions) to anonymous callers
    return { status: 'ok', time: new Date().toISOString() };
  });

  // readiness, for a load balancer's checks: the database answers and this instance is not shutting down
  app.get(HTTP_PATHS.ready, async (req, reply) => {
    if (deps.draining?.()) return reply.status(503).send({ status: 'draining' });
    try {
      await db.query('select 1');
    } catch (err) {
      req.log.error({ err: safeError(err) }, 'ready: database unreachable');
      return reply.status(503).send({ status: 'database unreachable' });
    }
    return { status: 'ready' };
  });
}
