-- Issue 18: satisfaction surveys. One per case at most; the customer answers through a link whose token is kept only
-- as its SHA-256 (a database leak gives no working links). `answer` is written once (answered_at), so an answer
-- counts once however often the page is sent.
create table surveys (
  id           uuid primary key,
  case_id      uuid not null unique references cases (id) on delete cascade,
  customer_id  uuid not null,
  team_id      uuid not null,
  thread_id    uuid,
  channel      text not null check (channel in ('email', 'chat', 'social', 'phone')),
  language     text not null,
  -- the agent the answer counts for: who resolved the case
  agent_id     uuid,
  token_hash   text not null unique,
  sent_at      timestamptz not null,
  expires_at   timestamptz not null,
  answered_at  timestamptz,
  answer       jsonb,
  detractor    boolean
);
create index surveys_customer on surveys (customer_id, sent_at desc);
