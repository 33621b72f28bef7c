import { ROUTING_LIVE, type Offer } from '../../../shared/index';
import type { Db } from '../../kernel/db/types';
import { withEventLog, type EventLogTx, type Poke } from '../../kernel/events/index';
import type { JobDefinition } from '../../kernel/jobs/index';
import type { ConnectionHook } from '../../kernel/sync/socket';
import { DISPATCH_KIND, dispatchTeam, EXPIRE_KIND, ExpirePayload, DispatchPayload, expireOffer, type Notices } from './offers';
import { changePresence, connected, markGone } from './presence';
import { toIso } from '../../kernel/db/types';

/** What routing needs from the server: the log, the pokes, and a live line to one agent's desktops. */
export interface RoutingDeps {
  db: Db;
  poke: Poke;
  notifyAgent(agentId: string, event: string, payload: unknown): void;
  now?: () => number;
}

/** Tells the desktops, after the commit, about offers made and ended. */
export function deliver(deps: Pick<RoutingDeps, 'notifyAgent'>, notices: Notices): void {
  for (const o of notices.offers) deps.notifyAgent(agentOf(notices, o), ROUTING_LIVE.offer, o);
  for (const e of notices.ended) deps.notifyAgent(e.agentId, ROUTING_LIVE.offerEnded, e.ended);
}
const agentOf = (n: Notices, o: Offer) => n.offerAgents.get(o.offerId)!;

/** Runs `fn` in the event-log unit of work and delivers its notices once committed. */
export async function routed<T extends { notices: Notices }>(deps: RoutingDeps, fn: (log: EventLogTx, now: number) => Promise<T>): Promise<T> {
  const out = await withEventLog(deps.db, deps.poke, (log) => fn(log, (deps.now ?? Date.now)()));
  deliver(deps, out.notices);
  return out;
}

/** The routing pass of one team, and the expiry of one offer: jobs, so they run after the commit that caused them, on any instance. */
export function routingJobs(deps: RoutingDeps): [JobDefinition<{ teamId: string }>, JobDefinition<{ offerId: string }>] {
  const dispatch: JobDefinition<{ teamId: string }> = {
    kind: DISPATCH_KIND,
    payload: DispatchPayload,
    maxAttempts: 5,
    backoff: { baseMs: 200, maxMs: 5_000 },
    async handler({ teamId }) {
      await routed(deps, async (log, now) => ({ notices: await dispatchTeam(log, teamId, now) }));
    },
  };
  const expire: JobDefinition<{ offerId: string }> = {
    kind: EXPIRE_KIND,
    payload: ExpirePayload,
    maxAttempts: 10,
    backoff: { baseMs: 500, maxMs: 5_000 },
    async handler({ offerId }) {
      await routed(deps, async (log, now) => ({ notices: await expireOffer(log, offerId, now) }));
    },
  };
  return [dispatch, expire];
}

export const PRESENCE_SWEEP_KIND = 'routing.presence_sweep';
/** A presence younger than this is left alone: its desktop may be connecting right now. */
export const PRESENCE_GRACE_MS = 30_000;

/**
 * Presence that outlived its desktops (issue 15: "offline when the desktop disconnects"): an instance that crashed
 * never ran its sockets' disconnects, so its agents would stay available and be offered work nobody sees. Once a
 * minute, on one instance, every agent not offline and not connected anywhere (the adapter asks every instance) is
 * made offline — their offers withdrawn and passed on.
 */
export function presenceSweepJob(deps: RoutingDeps & { connectedAgents(): Promise<ReadonlySet<string>> }, everyMs = 60_000): JobDefinition {
  return {
    kind: PRESENCE_SWEEP_KIND,
    every: everyMs,
    maxAttempts: 3,
    async handler() {
      const now = (deps.now ?? Date.now)();
      const { rows } = await deps.db.query<{ agent_id: string; since: unknown }>("select agent_id, since from routing_agents where presence <> 'offline'");
      if (rows.length === 0) return;
      const live = await deps.connectedAgents();
      for (const r of rows) {
        const since = toIso(r.since);
        if (live.has(r.agent_id) || Date.parse(since) > now - PRESENCE_GRACE_MS) continue;
        await routed(deps, async (log, at) => ({ notices: await markGone(log, r.agent_id, since, at) }));
      }
    },
  };
}

/** Presence follows the desktops: the first to connect brings the agent back as they chose, the last to leave makes them offline. */
export function presenceConnectionHook(deps: RoutingDeps): ConnectionHook {
  return {
    name: 'routing.presence',
    async connected(agentId) {
      await routed(deps, async (log, now) => ({ notices: await connected(log, agentId, now) }));
    },
    async disconnected(agentId, stillConnected) {
      if (stillConnected) return;
      await routed(deps, async (log, now) => ({ notices: await changePresence(log, agentId, 'offline', now) }));
    },
  };
}
