-- Issue 15: routing. An agent's presence and skills as the router sees them; each case's routing facts (channel,
-- language, product, tier) written when it opens; the offers made, with why (the reason is also on the event).
create table routing_agents (
  agent_id    uuid primary key references agents (id) on delete cascade,
  -- what the router uses: offline while no desktop of the agent is connected
  presence    text not null default 'offline' check (presence in ('available', 'busy', 'away', 'offline')),
  -- what the agent last chose, restored when a desktop connects again
  chosen      text not null default 'available' check (chosen in ('available', 'busy', 'away')),
  since       timestamptz not null default now(),
  -- longest idle goes first: the last new work (offer, assignment) or becoming available
  idle_since  timestamptz not null default now(),
  products    jsonb not null default '[]'::jsonb,
  tier        integer not null default 1 check (tier between 1 and 3)
);

create table routing_work (
  case_id    uuid primary key references cases (id) on delete cascade,
  team_id    uuid not null,
  channel    text not null check (channel in ('email', 'chat', 'social', 'phone')),
  language   text not null,
  product    text,
  min_tier   integer not null default 1
);
create index routing_work_team_idx on routing_work (team_id);

create table routing_offers (
  id          uuid primary key,
  case_id     uuid not null,
  agent_id    uuid not null,
  team_id     uuid not null,
  channel     text not null,
  reason      jsonb not null,
  offered_at  timestamptz not null,
  expires_at  timestamptz not null,
  state       text not null default 'pending' check (state in ('pending', 'accepted', 'declined', 'expired', 'withdrawn')),
  ended_at    timestamptz
);
-- one open offer per case at a time
create unique index routing_offers_pending_case_idx on routing_offers (case_id) where state = 'pending';
create index routing_offers_pending_agent_idx on routing_offers (agent_id) where state = 'pending';
create index routing_offers_case_idx on routing_offers (case_id);
create index cases_assignee_idx on cases (assignee_id) where assignee_id is not null;
