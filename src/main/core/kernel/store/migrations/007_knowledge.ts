import type { Migration } from './types';

/**
 * Knowledge search (issue 14), both indexes derived from the cache, never the truth:
 *  - `kb_fts`: the articles of the reference data, tokenized for both languages by the shared `indexText` (English
 *    words, Chinese character pairs; single characters in `chars`, weighed less) and stemmed by porter; bm25 ranks.
 *    Rebuilt whenever the reference version moved.
 *  - `kb_solved` + `kb_solved_fts`: one row per solved (resolved or closed) case with what its customer wrote, the
 *    same tokens; kept up to date from `cases.updated_at` (the index below) in bounded steps. Searching a case per
 *    row instead of the million message rows of `events_fts` keeps "similar solved cases" within milliseconds; no
 *    stemmer, so the terms are the shared tokens themselves and `kb_solved_terms` tells how many cases
 *    hold each: a search asks for the rarest of its words only, as bm25 would weigh the common ones near zero.
 */
export const migration007: Migration = {
  version: 7,
  name: 'knowledge full-text indexes',
  up: `
CREATE VIRTUAL TABLE kb_fts USING fts5 (article_id UNINDEXED, title, summary, tags, body, chars, tokenize = 'porter unicode61');
CREATE TABLE kb_solved (
  rid         INTEGER PRIMARY KEY,
  case_id     TEXT NOT NULL UNIQUE,
  customer_id TEXT NOT NULL
);
CREATE VIRTUAL TABLE kb_solved_fts USING fts5 (asked, tokenize = 'unicode61');
-- how many solved cases hold each term, kept with the index (fts5vocab answers the same but scans to do it)
CREATE TABLE kb_solved_terms (term TEXT PRIMARY KEY, cases INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX cases_updated ON cases (updated_at, id);
`,
};
