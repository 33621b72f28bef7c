-- Issue 18: a team's own survey rules (delay, per-channel delays, answer window, cooldown, channels) over the defaults.
create table survey_team_settings (
  team_id    uuid primary key,
  settings   jsonb not null,
  updated_at timestamptz not null,
  updated_by uuid
);
