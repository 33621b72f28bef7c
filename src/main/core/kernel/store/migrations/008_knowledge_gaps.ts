import type { Migration } from './types';

/**
 * Knowledge gaps (issue 14): the searches that found no article, counted here until the server has them, so a gap
 * found offline is reported when the desktop is back. `sending` rows are in a report not yet acknowledged: a new
 * search of the same words counts into a fresh row, and a re-sent report carries the same ids (the server counts
 * each once).
 */
export const migration008: Migration = {
  version: 8,
  name: 'knowledge gaps',
  up: `
CREATE TABLE kb_gaps (
  id      TEXT PRIMARY KEY,
  locale  TEXT NOT NULL,
  query   TEXT NOT NULL,
  count   INTEGER NOT NULL,
  at      TEXT NOT NULL,
  sending INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX kb_gaps_open ON kb_gaps (locale, query) WHERE sending = 0;
`,
};
