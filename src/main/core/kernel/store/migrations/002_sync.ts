import type { Migration } from './types';

/**
 * Sync speed.
 *  - New events are added to the full-text index in bulk, once per transaction (EventsRepo.indexSince: one
 *    INSERT … SELECT of the rows the transaction added), not by a per-row trigger: catch-up is ~2× faster.
 *    Deletes and body updates stay on triggers.
 *  - FTS5 automerge off for the events index: merging at every commit made catch-up commits slow; segments
 *    are still merged when a level reaches crisismerge (16), which keeps searches bounded.
 *  - Re-basing a customer rewrites its row; the index is touched only when the searched text really changed
 *    (an UPDATE OF name, contact fired the trigger even when the values stayed the same).
 */
export const migration002: Migration = {
  version: 2,
  name: 'sync',
  up: `
DROP TRIGGER events_fts_ai;
INSERT INTO events_fts (events_fts, rank) VALUES ('automerge', 0);
DROP TRIGGER customers_fts_au;
CREATE TRIGGER customers_fts_au AFTER UPDATE OF name, contact ON customers
WHEN old.name IS NOT new.name OR old.contact IS NOT new.contact BEGIN
  INSERT INTO customers_fts (customers_fts, rowid, name, contact) VALUES ('delete', old.rid, old.name, old.contact);
  INSERT INTO customers_fts (rowid, name, contact) VALUES (new.rid, new.name, new.contact);
END;
DROP TRIGGER events_fts_au;
CREATE TRIGGER events_fts_au AFTER UPDATE OF body ON events WHEN old.body IS NOT new.body BEGIN
  INSERT INTO events_fts (events_fts, rowid, body) SELECT 'delete', old.rid, old.body WHERE old.body IS NOT NULL;
  INSERT INTO events_fts (rowid, body) SELECT new.rid, new.body WHERE new.body IS NOT NULL;
END;
`,
};
