import type Database from 'better-sqlite3-multiple-ciphers';
import type { SearchHit } from '../../../../shared/index';
import type { CacheDb } from './open';

/** Below this many characters a term cannot use the trigram index and is matched with LIKE instead. */
const TRIGRAM = 3;

/**
 * A hit's customer: the one it belongs to now — a merged-away customer's case or message belongs to the customer it
 * was merged into (its timeline moved there). `t` is the hit's table alias; the columns are customer_id, customer_name.
 */
const ownerColumns = (t: string) => `coalesce(cu.json ->> '$.mergedInto', ${t}.customer_id) AS customer_id, coalesce(target.name, cu.name) AS customer_name`;
const ownerJoin = (t: string) => `LEFT JOIN customers cu ON cu.id = ${t}.customer_id LEFT JOIN customers target ON target.id = cu.json ->> '$.mergedInto'`;

interface EventHitRow {
  id: string;
  customer_id: string;
  case_id: string | null;
  body: string;
  occurred_at: string;
  customer_name: string | null;
}
interface CaseHitRow {
  id: string;
  customer_id: string;
  subject: string;
  opened_at: string;
  customer_name: string | null;
}
interface CustomerHitRow {
  id: string;
  name: string;
  contact: string;
}

/**
 * Full-text search over customer names/contacts, case subjects (an email's subject is its case's) and event bodies. Terms of 3+ characters go through the
 * FTS5 trigram index (works for Chinese without a segmenter); shorter terms — e.g. a 2-character Chinese
 * word — fall back to LIKE. All terms must match (AND).
 */
export class SearchRepo {
  private readonly stmts = new Map<string, Database.Statement<(string | number)[]>>();

  constructor(private readonly db: CacheDb) {}

  search(q: string, limit: number): SearchHit[] {
    const terms = q.split(/\s+/u).filter((t) => t.length > 0);
    if (terms.length === 0) return [];
    const long = terms.filter((t) => [...t].length >= TRIGRAM);
    const short = terms.filter((t) => [...t].length < TRIGRAM);
    const match = long.length ? long.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ') : null;
    const like = (t: string) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const likes = short.map(like);

    const customers = this.customerHits(match, likes, limit);
    const hits: SearchHit[] = customers.map((c) => ({
      customerId: c.id,
      customerName: c.name,
      caseId: null,
      eventId: null,
      snippet: customerSnippet(c, terms),
      occurredAt: null,
    }));
    for (const c of hits.length < limit ? this.caseHits(match, likes, limit - hits.length) : []) {
      hits.push({ customerId: c.customer_id, customerName: c.customer_name ?? '', caseId: c.id, eventId: null, snippet: c.subject, occurredAt: c.opened_at });
    }
    const left = limit - hits.length;
    if (left > 0) {
      for (const e of this.eventHits(match, long.map(like), likes, left)) {
        hits.push({
          customerId: e.customer_id,
          customerName: e.customer_name ?? '',
          caseId: e.case_id,
          eventId: e.id,
          snippet: excerpt(e.body, terms),
          occurredAt: e.occurred_at,
        });
      }
    }
    return hits;
  }

  private customerHits(match: string | null, likes: string[], limit: number): CustomerHitRow[] {
    // a customer merged into another is found as that one (its timeline moved there), never as itself
    const where: string[] = ["cu.json ->> '$.mergedInto' IS NULL"];
    if (match !== null) where.push('cu.rid IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?)');
    for (let i = 0; i < likes.length; i++) where.push("(cu.name LIKE ? ESCAPE '\\' OR cu.contact LIKE ? ESCAPE '\\')");
    const sql = `SELECT cu.id, cu.name, cu.contact FROM customers cu WHERE ${where.join(' AND ')} ORDER BY cu.name, cu.id LIMIT ?`;
    const args: (string | number)[] = [...(match !== null ? [match] : []), ...likes.flatMap((l) => [l, l]), limit];
    return this.prepared(sql).all(...args) as CustomerHitRow[];
  }

  /** Cases by subject (migration 009), newest activity first; a merged-away customer's case shows as the target's. */
  private caseHits(match: string | null, likes: string[], limit: number): CaseHitRow[] {
    const inner = ['1'];
    if (match !== null) inner.push('cases_fts MATCH ?');
    for (let i = 0; i < likes.length; i++) inner.push("subject LIKE ? ESCAPE '\\'");
    const sql = `SELECT c.id, ${ownerColumns('c')}, c.json ->> '$.subject' AS subject, c.opened_at
      FROM cases c ${ownerJoin('c')}
      WHERE c.rowid IN (SELECT rowid FROM cases_fts WHERE ${inner.join(' AND ')})
      ORDER BY c.updated_at DESC, c.id DESC LIMIT ?`;
    return this.prepared(sql).all(...(match !== null ? [match] : []), ...likes, limit) as CaseHitRow[];
  }

  /**
   * Rows up to the full-text watermark (meta.fts_rid, migration 003) are found through the index; rows above it
   * are not indexed yet (FtsIndexer adds them soon after they are written) and are matched with LIKE. That scan
   * is over the newest rows only: a handful normally, more during a catch-up.
   */
  private eventHits(match: string | null, longLikes: string[], likes: string[], limit: number): EventHitRow[] {
    const where = ['e.body IS NOT NULL'];
    if (match !== null) {
      const unindexed = longLikes.map(() => "body LIKE ? ESCAPE '\\'").join(' AND ');
      where.push(`e.rid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?
        UNION ALL SELECT rid FROM events WHERE rid > coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_rid'), 0) AND ${unindexed})`);
    }
    for (let i = 0; i < likes.length; i++) where.push("e.body LIKE ? ESCAPE '\\'");
    // an event of a merged-away customer belongs to the customer it was merged into
    const sql = `SELECT e.id, ${ownerColumns('e')}, e.case_id, e.body, e.occurred_at
      FROM events e ${ownerJoin('e')}
      WHERE ${where.join(' AND ')} ORDER BY e.occurred_at DESC, e.id DESC LIMIT ?`;
    const args: (string | number)[] = [...(match !== null ? [match, ...longLikes] : []), ...likes, limit];
    return this.prepared(sql).all(...args) as EventHitRow[];
  }

  private prepared(sql: string) {
    let stmt = this.stmts.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<(string | number)[]>(sql);
      this.stmts.set(sql, stmt);
    }
    return stmt;
  }
}

function customerSnippet(c: CustomerHitRow, terms: string[]): string {
  const lower = terms.map((t) => t.toLowerCase());
  if (lower.every((t) => c.name.toLowerCase().includes(t))) return c.name;
  const token = c.contact.split(' ').find((tok) => lower.some((t) => tok.toLowerCase().includes(t)));
  return token ?? c.name;
}

/** About 120 characters of plain text around the first matching term. */
export function excerpt(body: string, terms: string[], before = 30, after = 90): string {
  const text = body.replace(/\s+/gu, ' ').trim();
  const lower = text.toLowerCase();
  let at = -1;
  for (const t of terms) {
    const i = lower.indexOf(t.toLowerCase());
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) at = 0;
  const start = Math.max(0, at - before);
  const end = Math.min(text.length, at + after);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
