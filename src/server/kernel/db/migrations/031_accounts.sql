-- Accounts (issue 9, finding 2): a one-time password (first admin, a new agent, a reset) must be changed before
-- anything else (the server refuses other routes and the sync socket with PASSWORD_CHANGE_REQUIRED); a
-- deactivated agent can no longer sign in nor use a token it still holds.
alter table agents add column must_change_password boolean not null default false;
alter table agents add column active boolean not null default true;
