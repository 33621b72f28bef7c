import type { Case, CaseStatus } from '../../../../shared/index';
import { sortableInstant } from '../time';
import type { CacheDb } from './open';

interface Row {
  server_json: string;
  json: string;
}

export interface QueueDbRow {
  case_json: string;
  customer_name: string | null;
  vip: number | null;
  channel: string | null;
}

/** Cases: the server's copy and the local view (server + pending changes). */
export class CasesRepo {
  private readonly getStmt;
  private readonly putServerStmt;
  private readonly setServerStmt;
  private readonly setLocalStmt;
  private readonly byCustomerStmt;
  private readonly queueStmt;

  constructor(db: CacheDb) {
    this.getStmt = db.prepare<[string], Row>('SELECT server_json, json FROM cases WHERE id = ?');
    this.putServerStmt = db.prepare(
      `INSERT INTO cases (id, customer_id, team_id, status, priority, assignee_id, opened_at, updated_at, server_json, json)
       VALUES (@id, @customerId, @teamId, @status, @priority, @assigneeId, @openedAt, @updatedAt, @json, @json)
       ON CONFLICT (id) DO UPDATE SET server_json = excluded.server_json`,
    );
    this.setServerStmt = db.prepare<[string, string]>('UPDATE cases SET server_json = ? WHERE id = ?');
    this.setLocalStmt = db.prepare(
      `UPDATE cases SET customer_id = @customerId, team_id = @teamId, status = @status, priority = @priority,
       assignee_id = @assigneeId, opened_at = @openedAt, updated_at = @updatedAt, json = @json WHERE id = @id`,
    );
    this.byCustomerStmt = db.prepare<[string], { json: string }>(
      'SELECT json FROM cases WHERE customer_id = ? ORDER BY opened_at DESC, id DESC',
    );
    this.queueStmt = db.prepare<{ statuses: string; allTeams: number; teams: string }, QueueDbRow>(
      `SELECT c.json AS case_json, cu.name AS customer_name, cu.vip AS vip,
         (SELECT t.channel FROM threads t WHERE t.case_id = c.id ORDER BY t.opened_at DESC, t.id DESC LIMIT 1) AS channel
       FROM cases c LEFT JOIN customers cu ON cu.id = c.customer_id
       WHERE c.status IN (SELECT value FROM json_each(@statuses))
         AND (@allTeams = 1 OR c.team_id IN (SELECT value FROM json_each(@teams)))
       ORDER BY c.priority ASC, c.opened_at ASC, c.id ASC`,
    );
  }

  get(id: string): Case | null {
    const row = this.getStmt.get(id);
    return row ? (JSON.parse(row.json) as Case) : null;
  }

  serverCopy(id: string): Case | null {
    const row = this.getStmt.get(id);
    return row ? (JSON.parse(row.server_json) as Case) : null;
  }

  putServer(c: Case): void {
    this.putServerStmt.run({ ...columns(c), json: JSON.stringify(c) });
  }

  setServer(c: Case): void {
    this.setServerStmt.run(JSON.stringify(c), c.id);
  }

  setLocal(c: Case): void {
    this.setLocalStmt.run({ ...columns(c), json: JSON.stringify(c) });
  }

  byCustomer(customerId: string): Case[] {
    return this.byCustomerStmt.all(customerId).map((r) => JSON.parse(r.json) as Case);
  }

  /** Cases with one of `statuses`, in `teamIds` (or every team), joined with customer and latest channel. */
  queue(statuses: readonly CaseStatus[], teamIds: readonly string[] | 'all'): QueueDbRow[] {
    return this.queueStmt.all({
      statuses: JSON.stringify(statuses),
      allTeams: teamIds === 'all' ? 1 : 0,
      teams: JSON.stringify(teamIds === 'all' ? [] : teamIds),
    });
  }
}

function columns(c: Case) {
  return {
    id: c.id,
    customerId: c.customerId,
    teamId: c.teamId,
    status: c.status,
    priority: c.priority,
    assigneeId: c.assigneeId,
    openedAt: sortableInstant(c.openedAt),
    updatedAt: c.updatedAt,
  };
}
