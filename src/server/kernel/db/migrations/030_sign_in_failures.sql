-- Brute-force protection (issue 9, finding 4): the failed sign-ins per username, kept across restarts and shared
-- by every server instance. The rule is src/shared/kernel/sign-in-limits.ts; the key is the username as typed,
-- lower-cased (unknown usernames are counted the same, so a lockout tells nothing about who exists). A success
-- or a lead/admin lifting the lock deletes the row.
create table sign_in_failures (
  username text primary key,
  failures integer not null,
  last_failure_at timestamptz not null,
  locked_until timestamptz
);
create index sign_in_failures_locked_idx on sign_in_failures (locked_until) where locked_until is not null;
