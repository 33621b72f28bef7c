import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Namespace, Server, Socket } from 'socket.io';
import type { Logger } from 'pino';
import { routeAccess, socketAccess, type Access } from '../../../shared/contracts/permissions';
import type { Agent } from '../../../shared/kernel/agent';
import { OmnideskError } from '../../../shared/kernel/errors';
import { can } from '../../../shared/kernel/permissions';
import type { Queryable } from '../db/types';
import { loadAgent } from '../events/store';

declare module 'fastify' {
  interface FastifyRequest {
    /** the caller, set by the guard on every route that is not `public` */
    agent: Agent | null;
  }
}

/**
 * The deny-by-default guard of the HTTP API (issue 9). Install it on the root instance BEFORE any route:
 * - registering a route (any method, in any plugin) without an entry in ROUTE_PERMISSIONS throws, so the server
 *   does not start with an unguarded route;
 * - every request runs the route's entry first: `public` passes, otherwise the bearer token must be valid
 *   (UNAUTHENTICATED) and the role must have the permission (FORBIDDEN). The caller is kept on `req.agent`.
 */
export function installRouteGuard(app: FastifyInstance, authenticate: (req: FastifyRequest) => Promise<Agent>): void {
  const routes: GuardedRoute[] = [];
  guarded.set(app, routes);
  app.decorateRequest('agent', null);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const access = routeAccess(method, route.url);
      if (access === undefined) {
        throw new Error(`route ${method} ${route.url} has no entry in ROUTE_PERMISSIONS (src/shared/contracts/permissions.ts)`);
      }
      routes.push({ method, url: route.url, access });
    }
  });
  app.addHook('onRequest', async (req) => {
    const url = req.routeOptions.url;
    if (url === undefined) return; // no such route: the not-found handler answers
    const access = routeAccess(req.method, url);
    if (access === undefined) throw new OmnideskError('FORBIDDEN', 'route not permitted');
    if (access === 'public') return;
    const agent = await authenticate(req);
    if (!allows(agent, access)) {
      req.log.info({ agentId: agent.id, role: agent.role, access }, 'route refused by role');
      throw new OmnideskError('FORBIDDEN', 'your role may not do this');
    }
    req.agent = agent;
  });
}

export interface GuardedRoute {
  method: string;
  url: string;
  access: Access;
}
const guarded = new WeakMap<FastifyInstance, GuardedRoute[]>();

/** Every route registered under the guard, with its access (the generated permission test walks them). */
export function guardedRoutes(app: FastifyInstance): readonly GuardedRoute[] {
  return guarded.get(app) ?? [];
}

function allows(agent: Agent, access: Access): boolean {
  return access === 'public' || access === 'authenticated' || can(agent.role, access);
}

type AnySocket = Socket<Record<string, (...args: unknown[]) => void>>;

/**
 * The same rule for socket events: every event a client sends must have an entry in SOCKET_PERMISSIONS for its
 * namespace. `authenticated` needs a socket whose handshake proved an agent (`socket.data.agentId`); a permission
 * re-reads the agent's role. A refused event is answered on its ack (FORBIDDEN) and never reaches a handler.
 * Install it right after creating the socket.io server, before any feature adds a namespace.
 */
export function installSocketGuard(io: Server, deps: { db: Queryable; logger: Logger }): void {
  const guard = (nsp: Namespace) => {
    nsp.on('connection', (socket: AnySocket) => {
      socket.use((packet, next) => {
        const [event] = packet as [string, ...unknown[]];
        const ack = packet[packet.length - 1];
        const refuse = (code: 'FORBIDDEN' | 'UNAUTHENTICATED', message: string) => {
          deps.logger.warn({ namespace: nsp.name, event: String(event).slice(0, 64), code }, 'socket event refused');
          if (typeof ack === 'function') (ack as (r: unknown) => void)({ ok: false, error: { code, message } });
        };
        const access = socketAccess(nsp.name, event);
        if (access === undefined) return refuse('FORBIDDEN', 'event not permitted');
        if (access === 'public') return next();
        const agentId = (socket.data as { agentId?: unknown } | undefined)?.agentId;
        if (typeof agentId !== 'string') return refuse('UNAUTHENTICATED', 'not signed in');
        if (access === 'authenticated') return next();
        void loadAgent(deps.db, agentId).then(
          (agent) => (agent && can(agent.role, access) ? next() : refuse('FORBIDDEN', 'your role may not do this')),
          () => refuse('FORBIDDEN', 'cannot check permissions now'),
        );
      });
    });
  };
  guard(io.of('/'));
  io.on('new_namespace', guard);
}
