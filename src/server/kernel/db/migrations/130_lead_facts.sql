-- Issue 16: the lead console's read model. One row per case with its figures so far (CaseFacts, folded by an append
-- hook as events are appended; never recomputed from history except by a rebuild). `data` is the whole fold state;
-- the columns are what reports filter and aggregate on, so a report reads no JSON. Instants as epoch ms.
create table lead_case_facts (
  case_id             uuid primary key,
  team_id             uuid not null,
  customer_id         uuid not null,
  status              text not null,
  channel             text,
  product             text,
  assignee_id         uuid,
  first_responder_id  uuid,
  opened_at           bigint not null,
  first_response_at   bigint,
  resolved_at         bigint,
  next_response_ms    bigint not null default 0,
  next_responses      integer not null default 0,
  waiting_ms          bigint not null default 0,
  reopens             integer not null default 0,
  call_sec            integer not null default 0,
  calls               integer not null default 0,
  wrap_sec            integer not null default 0,
  chat_first_at       bigint,
  chat_last_at        bigint,
  fr_breached         boolean not null default false,
  res_breached        boolean not null default false,
  data                jsonb not null
);
create index lead_case_facts_team_opened_idx on lead_case_facts (team_id, opened_at);
create index lead_case_facts_team_resolved_idx on lead_case_facts (team_id, resolved_at) where resolved_at is not null;
create index lead_case_facts_team_open_idx on lead_case_facts (team_id) where status not in ('resolved', 'closed');
create index lead_case_facts_customer_idx on lead_case_facts (customer_id);
