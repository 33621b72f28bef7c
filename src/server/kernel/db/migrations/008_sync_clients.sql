-- Issue 9, finding 6: a desktop install's client id belongs to the agent who first used it. A handshake or a
-- push under another agent's client id is refused (FORBIDDEN), so no one can move someone else's clientSeq
-- cursor and stall their sync. Existing installs keep the agent their cursor already records.
create table sync_clients (
  client_id uuid primary key,
  agent_id uuid not null,
  created_at timestamptz not null default now()
);

insert into sync_clients (client_id, agent_id)
  select client_id, agent_id from client_cursors
  on conflict (client_id) do nothing;
