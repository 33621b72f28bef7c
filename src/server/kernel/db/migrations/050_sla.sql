-- SLA engine (issue 11): the deadline job reads a case's events by case.
create index events_case_idx on events (case_id, seq) where case_id is not null;
