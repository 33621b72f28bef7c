import type { ReferenceItem, ReferenceKind } from '../../../../shared/index';
import type { MetaRepo } from './meta-repo';
import type { CacheDb } from './open';

/** What the cache takes from `sync:reference`: items ascending by version, and the cursor after them. */
export interface ReferencePage {
  items: readonly ReferenceItem[];
  next: number;
}

interface Row {
  data: string;
}

/**
 * The reference items this desktop holds (migration 005): every live item it may see, at its latest version.
 * Readers ask by kind (the feature's ReferenceKind): an item whose data does not parse with the kind's schema
 * (a shape from a newer server) is left out rather than trusted.
 */
export class ReferenceRepo {
  private readonly listStmt;
  private readonly getStmt;
  private readonly putStmt;
  private readonly delStmt;
  private readonly clearStmt;
  private readonly countStmt;

  constructor(
    private readonly db: CacheDb,
    private readonly meta: MetaRepo,
  ) {
    this.listStmt = db.prepare<[string], Row>('SELECT data FROM reference_items WHERE kind = ? ORDER BY id');
    this.getStmt = db.prepare<[string, string], Row>('SELECT data FROM reference_items WHERE kind = ? AND id = ?');
    // never back to an older version (a page replayed after a newer one changes nothing)
    this.putStmt = db.prepare(
      `INSERT INTO reference_items (kind, id, version, team_ids, data) VALUES (@kind, @id, @version, @teamIds, @data)
       ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, team_ids = excluded.team_ids, data = excluded.data
       WHERE excluded.version > reference_items.version`,
    );
    this.delStmt = db.prepare<[string, string, number]>('DELETE FROM reference_items WHERE kind = ? AND id = ? AND version < ?');
    this.clearStmt = db.prepare('DELETE FROM reference_items');
    this.countStmt = db.prepare<[], number>('SELECT count(*) FROM reference_items').pluck();
  }

  /** The live items of a kind, by id. */
  list<T>(kind: ReferenceKind<T>): T[] {
    const out: T[] = [];
    for (const r of this.listStmt.all(kind.kind)) {
      const v = parse(kind, r.data);
      if (v !== null) out.push(v);
    }
    return out;
  }

  get<T>(kind: ReferenceKind<T>, id: string): T | null {
    const r = this.getStmt.get(kind.kind, id);
    return r ? parse(kind, r.data) : null;
  }

  /** The stream's cursor: pull after this version. */
  version(): number {
    return this.meta.refVersion();
  }

  /** Whom the items were pulled for; null before the first complete pull. */
  scope(): string | null {
    return this.meta.refScope();
  }

  /** True once a complete pull is here: from then on readers answer from these items (offline too). */
  synced(): boolean {
    return this.meta.refScope() !== null;
  }

  /** Applies one page in one transaction: live items stored, deleted ones removed, the cursor moved to `next`. */
  apply(page: ReferencePage): void {
    this.db.transaction(() => {
      this.write(page.items);
      this.meta.setRefVersion(page.next);
    })();
  }

  /**
   * Replaces every item with a complete pull from version 0 made for `scope`, in one transaction: a cache that
   * changes hands between scopes is never seen half old, half new.
   */
  replace(page: ReferencePage, scope: string): void {
    this.db.transaction(() => {
      this.clearStmt.run();
      this.write(page.items);
      this.meta.setRefVersion(page.next);
      this.meta.setRefScope(scope);
    })();
  }

  count(): number {
    return this.countStmt.get() ?? 0;
  }

  private write(items: readonly ReferenceItem[]): void {
    for (const i of items) {
      if (i.deleted) this.delStmt.run(i.kind, i.id, i.version);
      else this.putStmt.run({ kind: i.kind, id: i.id, version: i.version, teamIds: JSON.stringify(i.teamIds), data: JSON.stringify(i.data) });
    }
  }
}

function parse<T>(kind: ReferenceKind<T>, raw: string): T | null {
  try {
    const r = kind.schema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
