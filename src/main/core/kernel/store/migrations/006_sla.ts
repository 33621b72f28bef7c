import type { Migration } from './types';

/** SLA clocks (issue 11): the desktop computes a case's clocks from its events, read by case. */
export const migration006: Migration = {
  version: 6,
  name: 'events by case (SLA clocks)',
  up: `CREATE INDEX events_case ON events (case_id, occurred_at, rid) WHERE case_id IS NOT NULL;`,
};
