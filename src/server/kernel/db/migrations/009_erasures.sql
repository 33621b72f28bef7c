-- Issue 9: erasure per customer. The personal data is gone from the log and the projections; this keeps that
-- an erasure happened — who, when, which customer id, and the customer.erased event it appended — and nothing
-- personal (no name, address, number or text).
create table erasures (
  id uuid primary key,
  customer_id uuid not null,
  erased_by uuid not null,
  erased_at timestamptz not null,
  event_id uuid not null
);
create index erasures_customer_idx on erasures (customer_id);
