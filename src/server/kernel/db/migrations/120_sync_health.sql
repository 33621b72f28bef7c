-- Issue 16: each desktop's sync health, for the lead console. Written by the sync kernel: connected or since when
-- not, the changes it last said it had not pushed yet, (the last seq it pulled is client_cursors.last_pull_cursor).
alter table sync_clients add column connected boolean not null default false;
alter table sync_clients add column disconnected_at timestamptz;
alter table sync_clients add column last_seen_at timestamptz;
alter table sync_clients add column unsynced integer not null default 0;
create index sync_clients_agent_idx on sync_clients (agent_id);
