-- Issue 18: the detractor loop, skipped surveys and the satisfaction index's versioned weights.

-- A detractor's answer opens one follow-up for the team's lead, due 48 h later, closed with an outcome.
create table survey_followups (
  id          uuid primary key,
  survey_id   uuid not null unique references surveys (id) on delete cascade,
  case_id     uuid not null references cases (id) on delete cascade,
  customer_id uuid not null,
  team_id     uuid not null,
  agent_id    uuid,
  opened_at   timestamptz not null,
  due_at      timestamptz not null,
  state       text not null default 'open' check (state in ('open', 'done')),
  closed_at   timestamptz,
  closed_by   uuid,
  outcome     text check (outcome in ('called_back', 'resolved', 'no_answer', 'declined')),
  nps         int,
  csat        int,
  ces         int
);
create index survey_followups_open on survey_followups (team_id, due_at) where state = 'open';

-- An agent said this case gets no survey (the reason is one of a fixed list: no free text).
create table survey_skips (
  case_id    uuid primary key references cases (id) on delete cascade,
  reason     text not null,
  agent_id   uuid not null,
  skipped_at timestamptz not null
);

-- The index's weights, one row per version; the highest is current. Version 1 is the default of DOMAIN.md.
create table survey_index_weights (
  version    int primary key,
  weights    jsonb not null,
  created_at timestamptz not null,
  created_by uuid
);

create index surveys_team_sent on surveys (team_id, sent_at);
