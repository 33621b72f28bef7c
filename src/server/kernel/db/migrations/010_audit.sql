-- The audit trail (issue 9, HIPAA access logging): append-only, hash-chained (src/shared/features/audit/chain.ts).
-- hash = sha256(prev_hash || canonical row); audit_head keeps the last (seq, hash), so a removed tail is found too.
create table audit_log (
  seq bigint primary key,
  id uuid not null unique,
  at timestamptz not null,
  actor_id uuid,
  actor_role text,
  action text not null,
  customer_ids jsonb not null default '[]'::jsonb,
  detail jsonb not null default '{}'::jsonb,
  prev_hash text not null,
  hash text not null
);
create index audit_log_actor_idx on audit_log (actor_id, seq);
create index audit_log_customers_idx on audit_log using gin (customer_ids);
create index audit_log_at_idx on audit_log (at);

create table audit_head (
  id integer primary key check (id = 1),
  seq bigint not null,
  hash text not null
);

-- Append-only: a trigger refuses UPDATE and DELETE of any row (and TRUNCATE); the head may only move forward.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only();

create function audit_head_forward_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' or new.seq <= old.seq then
    raise exception 'audit_head only moves forward (% refused)', tg_op using errcode = 'insufficient_privilege';
  end if;
  return new;
end;
$$;
create trigger audit_head_forward before update or delete on audit_head for each row execute function audit_head_forward_only();

-- Where PostgreSQL allows: nobody but the owner may change rows (the application role should not be the owner).
revoke update, delete, truncate on audit_log from public;
revoke delete, truncate on audit_head from public;
