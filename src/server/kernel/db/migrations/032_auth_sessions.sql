-- Sessions (issue 9, finding 9): access tokens live 15 minutes and carry their session's id (`sid`); a refresh
-- token (random, kept here only as its sha256) gets a new access token and is replaced by a new one each time
-- (rotation). A refresh token used twice means it was copied: the whole session (its family) is revoked. Logout
-- revokes the session; the server then refuses its access tokens on HTTP and on the sync socket.
create table auth_sessions (
  id uuid primary key,
  agent_id uuid not null references agents (id) on delete cascade,
  created_at timestamptz not null default now(),
  -- the family's absolute end: a sign-in lasts a shift at most
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index auth_sessions_agent_idx on auth_sessions (agent_id);

create table auth_refresh_tokens (
  hash text primary key,
  session_id uuid not null references auth_sessions (id) on delete cascade,
  issued_at timestamptz not null default now(),
  used_at timestamptz
);
create index auth_refresh_tokens_session_idx on auth_refresh_tokens (session_id);
