import type { Migration } from './types';

/**
 * Knowledge search (issue 14): the articles of the reference data, tokenized for both languages by the shared
 * `indexText` (English words, Chinese character pairs) and stemmed by porter; bm25 ranks. Rebuilt from the
 * reference items whenever their version moved (a hundred articles take milliseconds), so it is never the truth.
 */
export const migration007: Migration = {
  version: 7,
  name: 'knowledge articles full-text index',
  up: `CREATE VIRTUAL TABLE kb_fts USING fts5 (article_id UNINDEXED, title, summary, tags, body, tokenize = 'porter unicode61');`,
};
