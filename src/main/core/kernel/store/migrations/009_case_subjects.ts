import type { Migration } from './types';

/**
 * The cache's search finds cases by their subject too (issue 15: an email's subject is its case's subject), through
 * a trigram index kept by triggers (a few per case, not per event: cases are written far less often than events).
 * Rows share the case row's rowid; an update re-indexes only when the subject changed.
 */
export const migration009: Migration = {
  version: 9,
  name: 'case subjects in search',
  up: `
CREATE VIRTUAL TABLE cases_fts USING fts5 (subject, tokenize = 'trigram');
INSERT INTO cases_fts (rowid, subject) SELECT rowid, coalesce(json ->> '$.subject', '') FROM cases;
CREATE TRIGGER cases_fts_ai AFTER INSERT ON cases BEGIN
  INSERT INTO cases_fts (rowid, subject) VALUES (new.rowid, coalesce(new.json ->> '$.subject', ''));
END;
CREATE TRIGGER cases_fts_au AFTER UPDATE OF json ON cases
WHEN (old.json ->> '$.subject') IS NOT (new.json ->> '$.subject') BEGIN
  DELETE FROM cases_fts WHERE rowid = old.rowid;
  INSERT INTO cases_fts (rowid, subject) VALUES (new.rowid, coalesce(new.json ->> '$.subject', ''));
END;
CREATE TRIGGER cases_fts_ad AFTER DELETE ON cases BEGIN
  DELETE FROM cases_fts WHERE rowid = old.rowid;
END;
`,
};
