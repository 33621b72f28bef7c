-- Outbound delivery (issue 4): one row per agent reply (a message.sent event appended with
-- deliveryStatus 'queued'), inserted in the same transaction as the event, so a retried push can
-- never enqueue it twice. The delivery worker claims due rows (FOR UPDATE SKIP LOCKED), calls the
-- channel's sender and appends message.delivery_updated events.
create table deliveries (
  event_id uuid primary key references events (id),
  channel text not null,
  status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  -- a claim older than this is considered abandoned (the instance died mid-send) and may be retried
  locked_until timestamptz,
  provider_message_id text,
  -- a data-free reason (error class / SMTP code), never a message body or an address
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index deliveries_due_idx on deliveries (next_attempt_at) where status in ('queued', 'sending');

-- Email attachments, stored once by content hash (sha256). Bytes live in the database so every
-- server instance sees them; the per-attachment size limit keeps rows bounded.
create table attachments (
  sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  size integer not null check (size >= 0),
  content bytea not null,
  created_at timestamptz not null default now()
);

-- The provider id a delivered reply got (email: the Message-ID we generated), so the customer's answer
-- to it (In-Reply-To / References = that id) threads back to the same thread. Inbound ids are in 004's
-- inbound_provider_ids.
create table outbound_provider_ids (
  channel text not null,
  provider_message_id text not null,
  event_id uuid not null references events (id),
  thread_id uuid not null,
  primary key (channel, provider_message_id)
);
create index outbound_provider_ids_thread_idx on outbound_provider_ids (thread_id);
