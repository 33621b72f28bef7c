import type { Migration } from './types';

/**
 * Partial replication (DESIGN.md "Events and sync").
 *  - kept_customers: customers the agent opened on demand (outside the scope the server bootstrapped this
 *    cache with). They stay whatever their age; everything else outside the history window is pruned.
 */
export const migration004: Migration = {
  version: 4,
  name: 'replica',
  up: `
CREATE TABLE kept_customers (
  customer_id TEXT PRIMARY KEY,
  kept_at     TEXT NOT NULL
) WITHOUT ROWID;
`,
};
