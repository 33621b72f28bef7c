-- The server's one durable job queue (src/server/kernel/jobs): timed and background work (outbound
-- deliveries; later SLA deadlines, surveys, pruning). A job is inserted in the transaction of the event that
-- causes it; runners of every server instance claim due jobs with FOR UPDATE SKIP LOCKED under a lease.
create table jobs (
  id uuid primary key default gen_random_uuid(),
  kind text not null,
  -- dedupe: at most one live (queued or running) job per (kind, key)
  key text,
  payload jsonb not null default '{}'::jsonb,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  run_at timestamptz not null default now(),
  attempts integer not null default 0,
  -- null: the limit the kind was registered with
  max_attempts integer check (max_attempts is null or max_attempts > 0),
  -- the lease: a running job whose locked_until has passed (its instance died) is claimed again
  locked_by text,
  locked_until timestamptz,
  -- an error class/code, never an error message (it may quote personal data)
  last_error text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create unique index jobs_live_key_idx on jobs (kind, key) where key is not null and status in ('queued', 'running');
-- the claim: due queued jobs, and running jobs whose lease expired
create index jobs_due_idx on jobs (run_at) where status = 'queued';
create index jobs_lease_idx on jobs (locked_until) where status = 'running';
-- pruning finished jobs
create index jobs_finished_idx on jobs (finished_at) where status in ('done', 'failed');

-- Deliveries are claimed, retried and scheduled through jobs from now on (kind 'delivery.<channel>', key = the
-- message event id). Deliveries still pending when this migration runs become jobs, attempts carried over; a
-- send in flight ('sending') is retried, as an expired claim was before.
insert into jobs (kind, key, payload, run_at, attempts)
select 'delivery.' || d.channel, d.event_id::text, jsonb_build_object('eventId', d.event_id), d.next_attempt_at, d.attempts
  from deliveries d
 where d.status in ('queued', 'sending');
update deliveries set status = 'queued', locked_until = null where status = 'sending';
drop index deliveries_due_idx;
