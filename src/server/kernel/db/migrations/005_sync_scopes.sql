-- Partial replication (issue 3): the customers a desktop install (client_id) bootstraps with, fixed at
-- its checkpoint so every page of the bootstrap filters by the same set (DESIGN.md "Events and sync").
-- Rewritten on each sync:bootstrap of that client; after the bootstrap the client pulls its teams' log.
create table sync_scopes (
  client_id uuid primary key,
  agent_id uuid not null,
  top bigint not null,
  scope text not null check (scope in ('team', 'partial')),
  history_days integer not null,
  created_at timestamptz not null default now()
);

create table sync_scope_customers (
  client_id uuid not null references sync_scopes (client_id) on delete cascade,
  customer_id uuid not null,
  primary key (client_id, customer_id)
);

-- "customers the agent touched": events the agent authored, found without scanning the log.
create index events_author_idx on events ((author ->> 'id'), customer_id) where author ->> 'type' = 'agent';

-- "active within the history window": the bootstrap's recency test, per team.
create index events_team_occurred_idx on events (team_id, occurred_at);
