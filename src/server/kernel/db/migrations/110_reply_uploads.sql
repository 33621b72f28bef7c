-- Issue 15: files an agent attached to an email reply, uploaded before the reply is sent (the bytes go to the
-- content-addressed `attachments` store). A reply may only carry files its author uploaded: the append hook checks
-- this row, so nobody can send a file they only know the hash of.
create table attachment_uploads (
  sha256      text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  agent_id    uuid not null,
  uploaded_at timestamptz not null default now(),
  primary key (sha256, agent_id)
);
