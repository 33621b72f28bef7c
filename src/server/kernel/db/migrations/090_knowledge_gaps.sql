-- Issue 14: knowledge gaps, the searches that found no article, reported by the desktops in batches (each entry
-- once: its id) and counted per language for the lead. The query is normalized and stripped of contact details on
-- the desktop (shared gapQuery) and checked again here; the lead sees the last 90 days.
create table knowledge_gaps (
  id        uuid primary key,
  agent_id  uuid not null,
  locale    text not null check (locale in ('en', 'zh-CN')),
  query     text not null check (length(query) between 2 and 100),
  count     integer not null check (count > 0),
  at        timestamptz not null,
  received_at timestamptz not null default now()
);
create index knowledge_gaps_locale_query_idx on knowledge_gaps (locale, query);
create index knowledge_gaps_at_idx on knowledge_gaps (at);
