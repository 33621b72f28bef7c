-- Issue 17: the socket.io Postgres adapter's table for payloads over NOTIFY's 8000 bytes (several instances on one
-- database). Its shape is the adapter's; it prunes the table itself.
create table if not exists socket_io_attachments (
  id         bigserial unique,
  created_at timestamptz default now(),
  payload    bytea
);
