import type { Logger } from 'pino';
import { LEAD_LIVE } from '../../../shared/index';
import type { Db } from '../../kernel/db/types';
import { onChange, type Change } from '../../kernel/events/index';
import { safeError } from '../../kernel/logger';
import { buildWallboard } from './wallboard';

export interface LeadDeps {
  db: Db;
  notifyAgent(agentId: string, event: string, payload: unknown): void;
  logger?: Logger;
}

/** How long changes are gathered before a team's wallboard is rebuilt and pushed (a burst of inbound → one push). */
export const WALLBOARD_DEBOUNCE_MS = 150;
/** After a failed rebuild (the database away), when the teams it could not push are tried again. */
export const WALLBOARD_RETRY_MS = 2_000;

/**
 * Pushes a team's wallboard to its leads' desktops (`live:lead_wallboard`) when something it shows changed: the log
 * of the team grew, or an agent of it connected, went away or changed presence (issue 16). Pushed, not polled; at
 * most one rebuild per team in flight, the next gathered meanwhile. Returns the stop function.
 */
export function startWallboardPush(deps: LeadDeps): () => void {
  const dirty = new Set<string>();
  const dirtyAgents = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const schedule = () => {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      timer = null;
      if (running) {
        void running.then(schedule);
        return;
      }
      // a failure (the database restarting) is logged and tried again a little later: never an unhandled rejection
      running = flush()
        .catch((err: unknown) => deps.logger?.error({ err: safeError(err) }, 'wallboard push failed'))
        .finally(() => (running = null));
    }, WALLBOARD_DEBOUNCE_MS);
  };

  const retryLater = () => {
    if (!stopped) setTimeout(schedule, WALLBOARD_RETRY_MS).unref?.();
  };

  async function flush(): Promise<void> {
    const agents = [...dirtyAgents];
    dirtyAgents.clear();
    if (agents.length) {
      try {
        const { rows } = await deps.db.query<{ team_ids: string[] }>('select team_ids from agents where id = any($1::uuid[])', [agents]);
        for (const r of rows) for (const t of r.team_ids) dirty.add(t);
      } catch (err) {
        for (const a of agents) dirtyAgents.add(a);
        retryLater();
        throw err;
      }
    }
    const teams = [...dirty];
    dirty.clear();
    let failed = false;
    for (const teamId of teams) {
      try {
        const leads = await leadsOf(deps.db, teamId);
        if (leads.length === 0) continue;
        const board = await buildWallboard(deps.db, teamId);
        for (const id of leads) deps.notifyAgent(id, LEAD_LIVE.wallboard, board);
      } catch (err) {
        dirty.add(teamId);
        failed = true;
        deps.logger?.error({ teamId, err: safeError(err) }, 'wallboard push failed');
      }
    }
    if (failed) retryLater();
  }

  const off = onChange((c: Change) => {
    for (const t of c.teams ?? []) dirty.add(t);
    for (const a of c.agents ?? []) dirtyAgents.add(a);
    schedule();
  });
  return () => {
    stopped = true;
    off();
    if (timer) clearTimeout(timer);
  };
}

/** The leads of a team, and the admins (who see every team). */
async function leadsOf(db: Db, teamId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select id from agents where role = 'admin' or (role = 'lead' and team_ids @> jsonb_build_array($1::text))`,
    [teamId],
  );
  return rows.map((r) => r.id);
}
