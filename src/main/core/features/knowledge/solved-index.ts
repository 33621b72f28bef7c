import { ftsMatchAll, ftsMatchAny, indexText } from '../../../../shared/index';
import type { Store } from '../../kernel/store/index';

/**
 * The solved-case index (cache migration 007): one row per resolved or closed case with what its customer wrote,
 * followed from `cases.updated_at` with a keyset cursor kept in meta. Each call does at most `maxCases` cases, so a
 * cache that just pulled 100,000 cases catches up over a few calls instead of freezing one search.
 */
const CURSOR = 'knowledge.solved_cursor' as const;
const SOLVED = new Set(['resolved', 'closed']);

export function catchUpSolvedCases(store: Store, maxCases = 2000): number {
  const db = store.db;
  const cursor = JSON.parse(store.meta.featureValue(CURSOR) ?? '["", ""]') as [string, string];
  const changed = db
    .prepare<[string, string, number], { id: string; customerId: string; status: string; updatedAt: string }>(
      `SELECT id, customer_id AS customerId, status, updated_at AS updatedAt FROM cases
       WHERE (updated_at, id) > (?, ?) ORDER BY updated_at, id LIMIT ?`,
    )
    .all(cursor[0], cursor[1], maxCases);
  if (changed.length === 0) return 0;
  const asked = db.prepare<[string], string>(
    `SELECT body FROM events WHERE case_id = ? AND kind = 'message.received' AND body IS NOT NULL ORDER BY occurred_at, rid LIMIT 3`,
  ).pluck();
  const find = db.prepare<[string], number>('SELECT rid FROM kb_solved WHERE case_id = ?').pluck();
  const stored = db.prepare<[number], string>('SELECT asked FROM kb_solved_fts WHERE rowid = ?').pluck();
  const delFts = db.prepare<[number]>('DELETE FROM kb_solved_fts WHERE rowid = ?');
  const delRow = db.prepare<[number]>('DELETE FROM kb_solved WHERE rid = ?');
  const insRow = db.prepare<[string, string]>('INSERT INTO kb_solved (case_id, customer_id) VALUES (?, ?)');
  const insFts = db.prepare<[number | bigint, string]>('INSERT INTO kb_solved_fts (rowid, asked) VALUES (?, ?)');
  const countUp = db.prepare<[string]>('INSERT INTO kb_solved_terms (term, cases) VALUES (?, 1) ON CONFLICT (term) DO UPDATE SET cases = cases + 1');
  const countDown = db.prepare<[string]>('UPDATE kb_solved_terms SET cases = cases - 1 WHERE term = ?');
  const terms = (indexed: string) => new Set(indexed.split(' ').filter((w) => w !== ''));
  db.transaction(() => {
    for (const c of changed) {
      const rid = find.get(c.id);
      if (rid !== undefined) {
        for (const w of terms(stored.get(rid) ?? '')) countDown.run(w);
        delFts.run(rid);
        delRow.run(rid);
      }
      if (!SOLVED.has(c.status)) continue;
      const text = asked.all(c.id).join('\n').slice(0, 4000);
      if (!text.trim()) continue;
      const indexed = indexText(text);
      const r = insRow.run(c.id, c.customerId);
      insFts.run(r.lastInsertRowid, indexed);
      for (const w of terms(indexed)) countUp.run(w);
    }
    const last = changed[changed.length - 1]!;
    store.meta.setFeatureValue(CURSOR, JSON.stringify([last.updatedAt, last.id]));
  })();
  return changed.length;
}

/**
 * The `max` rarest of the tokens among the solved cases (and present in at least one): the ones worth asking for.
 * A word in half of all cases ("sensor", "app") costs the most to rank and tells the least. `budget` bounds the
 * cases the search may have to rank (the sum of the terms' case counts): past it, a more common word is left out —
 * the rarest one is always asked — so a long message of everyday words stays as fast as a short one.
 */
export function rarestTerms(store: Store, tokens: readonly string[], max = 8, budget = SOLVED_BUDGET): string[] {
  return withinBudget(rankedTerms(store, tokens), max, budget);
}

function withinBudget(ranked: ReadonlyArray<{ t: string; n: number }>, max: number, budget: number): string[] {
  const out: string[] = [];
  let postings = 0;
  for (const x of ranked) {
    if (out.length >= max || (out.length > 0 && postings + x.n > budget)) break;
    out.push(x.t);
    postings += x.n;
  }
  return out;
}

/** How many solved cases a search may have to rank before it narrows (see `solvedQueries`). */
export const SOLVED_BUDGET = 8_000;

function rankedTerms(store: Store, tokens: readonly string[]): Array<{ t: string; n: number }> {
  if (tokens.length === 0) return [];
  const df = store.db.prepare<[string], number>('SELECT cases FROM kb_solved_terms WHERE term = ?').pluck();
  return [...new Set(tokens)]
    .map((t) => ({ t, n: df.get(t) ?? 0 }))
    .filter((x) => x.n > 0)
    .sort((a, b) => a.n - b.n || a.t.localeCompare(b.t));
}

/**
 * The FTS5 queries for similar solved cases, to try in order until enough are found. Ranking is the cost (bm25 for
 * every case a query matches): when even the rarest words are in many cases, the cases holding BOTH of the two
 * rarest come first — an intersection ranks few — and the budgeted OR of the rarest words fills up after.
 */
export function solvedQueries(store: Store, tokens: readonly string[]): string[] {
  const ranked = rankedTerms(store, tokens);
  const any = ftsMatchAny(withinBudget(ranked, 8, SOLVED_BUDGET));
  if (!any) return [];
  const common = ranked.length >= 2 && ranked[0]!.n + ranked[1]!.n > SOLVED_BUDGET;
  const both = common ? ftsMatchAll([ranked[0]!.t, ranked[1]!.t]) : null;
  return both ? [both, any] : [any];
}

/** The solved cases whose customers wrote most like the tokens (an FTS5 MATCH from the shared `ftsMatchAny`), best first. */
export function solvedHits(store: Store, match: string, excludeCustomerId: string, limit: number): { caseId: string; customerId: string }[] {
  return store.db
    .prepare<[string, string, number], { caseId: string; customerId: string }>(
      `SELECT s.case_id AS caseId, s.customer_id AS customerId
       FROM (SELECT rowid AS rid, rank FROM kb_solved_fts WHERE kb_solved_fts MATCH ? ORDER BY rank LIMIT 50) h
       JOIN kb_solved s ON s.rid = h.rid WHERE s.customer_id <> ? ORDER BY h.rank LIMIT ?`,
    )
    .all(match, excludeCustomerId, limit);
}
