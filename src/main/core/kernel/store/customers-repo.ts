import type { Customer } from '../../../../shared/index';
import type { CacheDb } from './open';

interface Row {
  server_json: string;
  json: string;
}

/** Customers: the server's copy and the local view (server + pending changes). */
export class CustomersRepo {
  private readonly getStmt;
  private readonly putServerStmt;
  private readonly setServerStmt;
  private readonly setLocalStmt;

  constructor(db: CacheDb) {
    this.getStmt = db.prepare<[string], Row>('SELECT server_json, json FROM customers WHERE id = ?');
    this.putServerStmt = db.prepare(
      `INSERT INTO customers (id, team_id, name, contact, vip, updated_at, server_json, json)
       VALUES (@id, @teamId, @name, @contact, @vip, @updatedAt, @json, @json)
       ON CONFLICT (id) DO UPDATE SET server_json = excluded.server_json`,
    );
    this.setServerStmt = db.prepare<[string, string]>('UPDATE customers SET server_json = ? WHERE id = ?');
    this.setLocalStmt = db.prepare(
      `UPDATE customers SET team_id = @teamId, name = @name, contact = @contact, vip = @vip, updated_at = @updatedAt,
       json = @json WHERE id = @id`,
    );
  }

  /** The local view (what the agent sees). */
  get(id: string): Customer | null {
    const row = this.getStmt.get(id);
    return row ? (JSON.parse(row.json) as Customer) : null;
  }

  serverCopy(id: string): Customer | null {
    const row = this.getStmt.get(id);
    return row ? (JSON.parse(row.server_json) as Customer) : null;
  }

  /** Inserts or replaces the server copy; a new row's local view starts equal to it (rebase after). */
  putServer(c: Customer): void {
    this.putServerStmt.run({ ...columns(c), json: JSON.stringify(c) });
  }

  setServer(c: Customer): void {
    this.setServerStmt.run(JSON.stringify(c), c.id);
  }

  setLocal(c: Customer): void {
    this.setLocalStmt.run({ ...columns(c), json: JSON.stringify(c) });
  }
}

function columns(c: Customer) {
  return {
    id: c.id,
    teamId: c.teamId,
    name: c.name,
    contact: [...c.emails, ...c.phones, ...c.socialHandles.map((h) => h.handle)].join(' '),
    vip: c.vip ? 1 : 0,
    updatedAt: c.updatedAt,
  };
}
