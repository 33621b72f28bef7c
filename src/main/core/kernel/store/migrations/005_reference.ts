import type { Migration } from './types';

/**
 * Reference data (DESIGN.md "Events and sync"; src/shared/kernel/reference.ts): the items of the `sync:reference`
 * stream this desktop may see, kept whole (the directory now; knowledge, rules, SLA policies next).
 *  - reference_items: one live item per (kind, id) at its latest version; a deleted item is removed. `team_ids` and
 *    `data` are JSON; `data` is parsed with the kind's schema where it is read (ReferenceRepo).
 *  - meta.ref_version: the highest version pulled (the stream's cursor); meta.ref_scope: whom the server answered
 *    for (set by the first pull; see ReferenceRepo).
 */
export const migration005: Migration = {
  version: 5,
  name: 'reference',
  up: `
CREATE TABLE reference_items (
  kind     TEXT NOT NULL,
  id       TEXT NOT NULL,
  version  INTEGER NOT NULL,
  team_ids TEXT NOT NULL,
  data     TEXT NOT NULL,
  PRIMARY KEY (kind, id)
) WITHOUT ROWID;

INSERT INTO meta (key, value) VALUES ('ref_version', '0') ON CONFLICT (key) DO NOTHING;
`,
};
