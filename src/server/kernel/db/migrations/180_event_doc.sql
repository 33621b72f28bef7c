-- Issue 17: each event's JSON, in the shared Event shape the pull pages carry, is built once when its row is written
-- (or rewritten: a merge, an erasure), not again for every page that holds it. event_doc is the one definition:
-- the trigger stores it, and a page builds it for a row written before this migration (doc is null there).
create function event_doc(e events) returns text language sql stable as $$
  select json_build_object(
    'id', e.id, 'seq', e.seq, 'customerId', e.customer_id, 'caseId', e.case_id, 'threadId', e.thread_id,
    'channel', e.channel, 'kind', e.kind, 'author', e.author, 'body', e.body, 'meta', e.meta,
    'occurredAt', to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
$$;

alter table events add column doc text;

create function events_set_doc() returns trigger language plpgsql as $$
begin
  new.doc := event_doc(new);
  return new;
end
$$;

create trigger events_doc before insert or update on events for each row execute function events_set_doc();
