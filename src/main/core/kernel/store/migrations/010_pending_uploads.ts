import type { Migration } from './types';

/**
 * Files of email replies written offline (issue 15): kept in the (encrypted) cache until the server has them. The
 * sync loop uploads them before it pushes the outbox, so a reply never reaches the server before its files.
 */
export const migration010: Migration = {
  version: 10,
  name: 'pending uploads',
  up: `
CREATE TABLE pending_uploads (
  sha256       TEXT PRIMARY KEY,
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         INTEGER NOT NULL,
  data         BLOB NOT NULL,
  created_at   TEXT NOT NULL
);
`,
};
