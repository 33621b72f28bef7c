-- Channels (issue 4): inbound dedupe + provider ids, identity matching helpers, merges and merge suggestions.

-- One row per inbound provider message id, per channel: the dedupe key (Message-ID, wamid, chat
-- message id, CTI callId:event) and where it went, so a replayed message answers with the same ids and
-- email replies thread by In-Reply-To/References (outbound ids are in 003's outbound_provider_ids).
create table inbound_provider_ids (
  channel text not null check (channel in ('email', 'chat', 'social', 'phone')),
  provider_message_id text not null,
  event_id uuid not null,
  customer_id uuid,
  case_id uuid,
  thread_id uuid,
  created_at timestamptz not null default now(),
  primary key (channel, provider_message_id)
);
create index inbound_provider_ids_event_idx on inbound_provider_ids (event_id);
create index inbound_provider_ids_thread_idx on inbound_provider_ids (thread_id);

-- Weak identity matching: the one-deletion neighbourhood of every stored email (SymSpell style). Two
-- emails within one edit (insert, delete, substitute, swap) share a key; the match is then verified.
-- Kept in step with customer_identities by a trigger, whoever writes that table.
create table identity_email_keys (
  key text not null,
  value text not null,
  customer_id uuid not null
);
create index identity_email_keys_key_idx on identity_email_keys (key);
create index identity_email_keys_customer_idx on identity_email_keys (customer_id, value);

create function identity_email_keys_sync() returns trigger language plpgsql as $$
declare
  i integer;
begin
  if tg_op in ('UPDATE', 'DELETE') and old.kind = 'email' then
    delete from identity_email_keys where customer_id = old.customer_id and value = old.value;
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.kind = 'email' then
    insert into identity_email_keys (key, value, customer_id) values (new.value, new.value, new.customer_id);
    for i in 1 .. length(new.value) loop
      insert into identity_email_keys (key, value, customer_id)
        values (overlay(new.value placing '' from i for 1), new.value, new.customer_id);
    end loop;
  end if;
  return null;
end
$$;
create trigger customer_identities_email_keys
  after insert or update or delete on customer_identities
  for each row execute function identity_email_keys_sync();
insert into identity_email_keys (key, value, customer_id)
  select value, value, customer_id from customer_identities where kind = 'email';
insert into identity_email_keys (key, value, customer_id)
  select overlay(ci.value placing '' from g.i for 1), ci.value, ci.customer_id
  from customer_identities ci, generate_series(1, 320) as g(i)
  where ci.kind = 'email' and g.i <= length(ci.value);

-- Weak identity matching by display name (normalised like identity/normalise.ts normaliseName).
create index customers_norm_name_idx on customers (lower(regexp_replace(btrim(name), '\s+', ' ', 'g')));

-- A contact that matched several customers, or only weakly: agents decide (merge or dismiss).
create table merge_suggestions (
  id uuid primary key,
  customer_id uuid not null,
  candidate_id uuid not null,
  reason text not null,
  status text not null default 'open' check (status in ('open', 'merged', 'dismissed')),
  created_at timestamptz not null default now(),
  unique (customer_id, candidate_id)
);
create index merge_suggestions_candidate_idx on merge_suggestions (candidate_id);

-- Every merge, with exactly what moved, so an un-merge restores it.
create table customer_merges (
  id uuid primary key,
  source_id uuid not null,
  target_id uuid not null,
  merged_by uuid not null,
  merged_at timestamptz not null,
  moved jsonb not null,
  unmerged_by uuid,
  unmerged_at timestamptz
);
create index customer_merges_source_idx on customer_merges (source_id);
create index customer_merges_target_idx on customer_merges (target_id);

-- Calls in progress and ended (phone/CTI): what a later CTI event of the same callId needs.
create table calls (
  call_id text primary key,
  customer_id uuid not null,
  direction text not null check (direction in ('in', 'out')),
  -- the caller was unknown: the customer was made from the number (the desktop offers a "new caller" form)
  new_caller boolean not null default false,
  started_at timestamptz not null,
  answered_at timestamptz,
  answered_by uuid,
  ended_at timestamptz,
  case_id uuid,
  thread_id uuid
);
