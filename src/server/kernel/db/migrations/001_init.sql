-- Omnidesk central server: initial schema. One dialect for PGlite and PostgreSQL.

create table teams (
  id uuid primary key,
  name text not null unique
);

create table agents (
  id uuid primary key,
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  role text not null check (role in ('agent', 'lead', 'specialist', 'admin')),
  team_ids jsonb not null default '[]'::jsonb,
  languages jsonb not null default '["en"]'::jsonb,
  presence text not null default 'offline' check (presence in ('online', 'away', 'offline')),
  created_at timestamptz not null default now()
);

-- Projections, rebuilt from the event log by src/shared/projection/apply.ts; `data` is the full entity.
create table customers (
  id uuid primary key,
  team_id uuid not null references teams (id),
  name text not null,
  language text not null,
  segment text not null,
  vip boolean not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  data jsonb not null
);
create index customers_team_idx on customers (team_id);

-- Identity keys for resolving inbound messages (email, E.164 phone, social handle) to a customer.
create table customer_identities (
  kind text not null check (kind in ('email', 'phone', 'social')),
  value text not null,
  customer_id uuid not null references customers (id),
  primary key (kind, value, customer_id)
);
create index customer_identities_customer_idx on customer_identities (customer_id);

create table cases (
  id uuid primary key,
  customer_id uuid not null references customers (id),
  team_id uuid not null references teams (id),
  status text not null,
  priority text not null,
  assignee_id uuid,
  opened_at timestamptz not null,
  updated_at timestamptz not null,
  data jsonb not null
);
create index cases_team_status_idx on cases (team_id, status);
create index cases_customer_idx on cases (customer_id);

create table threads (
  id uuid primary key,
  customer_id uuid not null references customers (id),
  case_id uuid references cases (id),
  team_id uuid not null references teams (id),
  channel text not null,
  external_ref text,
  opened_at timestamptz not null,
  data jsonb not null
);
create index threads_case_idx on threads (case_id);
create index threads_external_ref_idx on threads (channel, external_ref);

-- The append-only event log. seq is assigned under an advisory lock, so seq order = commit order.
create table events (
  id uuid primary key,
  seq bigint not null unique,
  team_id uuid not null,
  customer_id uuid not null,
  case_id uuid,
  thread_id uuid,
  kind text not null,
  channel text not null,
  occurred_at timestamptz not null,
  body text,
  author jsonb not null,
  meta jsonb not null
);
create index events_team_seq_idx on events (team_id, seq);
create index events_customer_idx on events (customer_id, occurred_at);

-- Idempotency of sync:push: one row per mutation id ever processed, with its result.
create table client_mutations (
  mutation_id uuid primary key,
  client_id uuid not null,
  client_seq integer not null,
  agent_id uuid not null,
  name text not null,
  status text not null check (status in ('applied', 'rejected')),
  result jsonb not null,
  processed_at timestamptz not null default now()
);
create index client_mutations_client_idx on client_mutations (client_id, client_seq);

-- Where each desktop install (clientId) is: last pushed clientSeq and last pull cursor handed out.
create table client_cursors (
  client_id uuid primary key,
  agent_id uuid not null,
  last_client_seq integer not null default 0,
  last_pull_cursor bigint not null default 0,
  updated_at timestamptz not null default now()
);
