-- Channel fidelity (issue 10): a call whose number is withheld has no customer until someone answers it; a missed
-- one is kept here only (its outcome), with nothing to call back.
alter table calls alter column customer_id drop not null;
alter table calls add column outcome text;
