import type { Migration } from './types';

/**
 * Full-text indexing of events moves out of the writing transactions, behind a watermark.
 *  - `meta.fts_rid` is the highest `events.rid` the index covers: every row with `rid <= fts_rid` and a body is in
 *    `events_fts` (with its current body); rows above it are not, and `Store.indexPending` (run by `FtsIndexer`)
 *    adds them in chunks and advances the watermark. Search scans the rows above the watermark with LIKE.
 *  - The delete/update triggers act only on rows at or below the watermark: an FTS5 external-content 'delete'
 *    of a row that was never indexed corrupts the index.
 *  - `rid` is a plain INTEGER PRIMARY KEY, so deleting the highest row lets the next insert reuse its rid; the
 *    delete trigger lowers the watermark to the highest row left, so a reused rid is never taken as indexed.
 *  - Existing caches were indexed in every writing transaction (migration 002): the watermark starts at the
 *    highest rid.
 */
export const migration003: Migration = {
  version: 3,
  name: 'fts_watermark',
  up: `
INSERT INTO meta (key, value) VALUES ('fts_rid', CAST((SELECT coalesce(max(rid), 0) FROM events) AS TEXT))
ON CONFLICT (key) DO UPDATE SET value = excluded.value;

DROP TRIGGER events_fts_ad;
CREATE TRIGGER events_fts_ad AFTER DELETE ON events
WHEN old.rid <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_rid') BEGIN
  INSERT INTO events_fts (events_fts, rowid, body) SELECT 'delete', old.rid, old.body WHERE old.body IS NOT NULL;
  UPDATE meta SET value = CAST((SELECT coalesce(max(rid), 0) FROM events) AS TEXT)
  WHERE key = 'fts_rid' AND CAST(value AS INTEGER) > (SELECT coalesce(max(rid), 0) FROM events);
END;

DROP TRIGGER events_fts_au;
CREATE TRIGGER events_fts_au AFTER UPDATE OF body ON events
WHEN old.body IS NOT new.body AND old.rid <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_rid') BEGIN
  INSERT INTO events_fts (events_fts, rowid, body) SELECT 'delete', old.rid, old.body WHERE old.body IS NOT NULL;
  INSERT INTO events_fts (rowid, body) SELECT new.rid, new.body WHERE new.body IS NOT NULL;
END;
`,
};
