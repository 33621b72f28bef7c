-- Reference data (issue 8; DESIGN.md "Events and sync"): what is no customer's (the directory now; knowledge,
-- escalation rules, SLA policies, routing rules next) replicates in its own versioned, team-scoped stream.
-- Written only through src/server/kernel/reference (it takes each version under a lock; see versions.ts there).

-- One sequence for every kind: a desktop keeps one cursor for the whole stream. No column default on purpose:
-- a version taken outside the lock could commit after a higher one and be skipped by a reader.
create sequence reference_version;

create table reference_items (
  kind text not null,
  id text not null,
  -- who may see the item: members of these teams; empty = the whole organisation (admins see everything)
  team_ids uuid[] not null default '{}',
  -- every team that was ever given a version of it, and whether the organisation was: when the item moves
  -- away from them they receive a tombstone, so a desktop never keeps what it may no longer see
  seen_team_ids uuid[] not null default '{}',
  seen_org boolean not null default false,
  version bigint not null,
  -- the kind's payload; null once deleted (the row stays as a tombstone, so deletes replicate)
  data jsonb,
  deleted boolean not null default false,
  updated_at timestamptz not null default now(),
  primary key (kind, id),
  check (deleted = (data is null))
);
create index reference_items_version_idx on reference_items (version);

-- The directory that existed before this migration becomes reference data (the shape of
-- src/shared/features/directory/reference.ts: a team scoped to itself, an agent to its teams).
insert into reference_items (kind, id, team_ids, seen_team_ids, seen_org, version, data)
select 'directory.team', t.id::text, array[t.id], array[t.id], false, nextval('reference_version'),
       jsonb_build_object('id', t.id, 'name', t.name)
from teams t;

insert into reference_items (kind, id, team_ids, seen_team_ids, seen_org, version, data)
select 'directory.agent', a.id::text, x.team_ids, x.team_ids, cardinality(x.team_ids) = 0, nextval('reference_version'),
       jsonb_build_object('id', a.id, 'username', a.username, 'displayName', a.display_name, 'role', a.role,
                          'teamIds', a.team_ids, 'languages', a.languages, 'presence', a.presence)
from agents a
cross join lateral (select array(select jsonb_array_elements_text(a.team_ids)::uuid) as team_ids) x;
