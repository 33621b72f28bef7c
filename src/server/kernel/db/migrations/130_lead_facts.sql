-- Issue 16: the lead console's read model. One row per case with its figures so far (CaseFacts, folded by an append
-- hook as events are appended; never recomputed from history except by a rebuild). Instants as epoch ms.
create table lead_case_facts (
  case_id            uuid primary key,
  team_id            uuid not null,
  customer_id        uuid not null,
  opened_at          bigint not null,
  resolved_at        bigint,
  first_response_at  bigint,
  status             text not null,
  data               jsonb not null
);
create index lead_case_facts_team_opened_idx on lead_case_facts (team_id, opened_at);
create index lead_case_facts_team_resolved_idx on lead_case_facts (team_id, resolved_at) where resolved_at is not null;
create index lead_case_facts_team_open_idx on lead_case_facts (team_id) where status not in ('resolved', 'closed');
create index lead_case_facts_customer_idx on lead_case_facts (customer_id);
