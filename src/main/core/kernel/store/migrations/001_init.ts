import type { Migration } from './types';

/**
 * The desktop cache. Projections keep two JSON copies:
 *  - server_json: the last state the server sent (built from pulled events only);
 *  - json: server_json with this desktop's still-pending events re-applied on top (what the agent sees).
 * Indexed columns mirror `json`.
 *
 * `events` and `customers` have an INTEGER PRIMARY KEY `rid` besides their UUID `id` (UNIQUE): FTS5 external
 * content needs a stable integer rowid, and only an INTEGER PRIMARY KEY survives VACUUM unchanged.
 */
export const migration001: Migration = {
  version: 1,
  name: 'init',
  up: `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE customers (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  team_id     TEXT NOT NULL,
  name        TEXT NOT NULL,
  contact     TEXT NOT NULL, -- emails, phones and social handles, space-separated: searched, never logged
  vip         INTEGER NOT NULL,
  updated_at  TEXT NOT NULL,
  server_json TEXT NOT NULL,
  json        TEXT NOT NULL
);
CREATE INDEX customers_team ON customers (team_id);

CREATE TABLE cases (
  id          TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  team_id     TEXT NOT NULL,
  status      TEXT NOT NULL,
  priority    TEXT NOT NULL,
  assignee_id TEXT,
  opened_at   TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  server_json TEXT NOT NULL,
  json        TEXT NOT NULL
);
CREATE INDEX cases_team_status ON cases (team_id, status);
CREATE INDEX cases_customer ON cases (customer_id, opened_at);

CREATE TABLE threads (
  id          TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  case_id     TEXT,
  channel     TEXT NOT NULL,
  opened_at   TEXT NOT NULL,
  json        TEXT NOT NULL
);
CREATE INDEX threads_customer ON threads (customer_id, opened_at);
CREATE INDEX threads_case ON threads (case_id, opened_at);

CREATE TABLE events (
  rid          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  seq          INTEGER UNIQUE,          -- NULL while the event exists only here
  client_seq   INTEGER,                 -- the outbox order of a local event (re-apply order)
  customer_id  TEXT NOT NULL,
  case_id      TEXT,
  thread_id    TEXT,
  channel      TEXT NOT NULL,
  kind         TEXT NOT NULL,
  occurred_at  TEXT NOT NULL,           -- UTC ISO form, sortable
  body         TEXT,
  json         TEXT NOT NULL,
  local_state  TEXT NOT NULL CHECK (local_state IN ('synced', 'pending', 'rejected')),
  error_json   TEXT
);
CREATE INDEX events_timeline ON events (customer_id, occurred_at, id);
CREATE INDEX events_local ON events (local_state, client_seq) WHERE local_state <> 'synced';

CREATE TABLE outbox (
  client_seq  INTEGER PRIMARY KEY,
  mutation_id TEXT NOT NULL UNIQUE,
  json        TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('pending', 'rejected')),
  error_json  TEXT
);
CREATE INDEX outbox_status ON outbox (status, client_seq);

CREATE VIRTUAL TABLE events_fts USING fts5 (body, content = 'events', content_rowid = 'rid', tokenize = 'trigram');
CREATE TRIGGER events_fts_ai AFTER INSERT ON events WHEN new.body IS NOT NULL BEGIN
  INSERT INTO events_fts (rowid, body) VALUES (new.rid, new.body);
END;
CREATE TRIGGER events_fts_ad AFTER DELETE ON events WHEN old.body IS NOT NULL BEGIN
  INSERT INTO events_fts (events_fts, rowid, body) VALUES ('delete', old.rid, old.body);
END;
CREATE TRIGGER events_fts_au AFTER UPDATE OF body ON events BEGIN
  INSERT INTO events_fts (events_fts, rowid, body) SELECT 'delete', old.rid, old.body WHERE old.body IS NOT NULL;
  INSERT INTO events_fts (rowid, body) SELECT new.rid, new.body WHERE new.body IS NOT NULL;
END;

CREATE VIRTUAL TABLE customers_fts USING fts5 (name, contact, content = 'customers', content_rowid = 'rid', tokenize = 'trigram');
CREATE TRIGGER customers_fts_ai AFTER INSERT ON customers BEGIN
  INSERT INTO customers_fts (rowid, name, contact) VALUES (new.rid, new.name, new.contact);
END;
CREATE TRIGGER customers_fts_ad AFTER DELETE ON customers BEGIN
  INSERT INTO customers_fts (customers_fts, rowid, name, contact) VALUES ('delete', old.rid, old.name, old.contact);
END;
CREATE TRIGGER customers_fts_au AFTER UPDATE OF name, contact ON customers BEGIN
  INSERT INTO customers_fts (customers_fts, rowid, name, contact) VALUES ('delete', old.rid, old.name, old.contact);
  INSERT INTO customers_fts (rowid, name, contact) VALUES (new.rid, new.name, new.contact);
END;
`,
};
