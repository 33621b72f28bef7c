import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../../shared/kernel/agent';
import { validTeamName } from './accounts-model';

export interface TeamsPanelProps {
  teams: readonly Team[];
  busy: boolean;
  /** resolves true when done (the input then empties / closes) */
  onCreate(name: string): Promise<boolean>;
  onRename(teamId: string, name: string): Promise<boolean>;
}

/** One text input and its button: a new team's name, or a team's new name. Refuses a name the server would. */
function TeamNameForm(p: { label: string; initial: string; submitLabel: string; testId: string; busy: boolean; onSubmit(name: string): Promise<boolean> }) {
  const { t } = useTranslation();
  const [name, setName] = useState(p.initial);
  const [invalid, setInvalid] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const valid = validTeamName(name);
    setInvalid(valid === null);
    if (valid === null || p.busy) return;
    if ((await p.onSubmit(valid)) && !p.initial) setName('');
  }
  return (
    <form className="team-form" onSubmit={submit} noValidate data-testid={p.testId}>
      <label className="inline-field">
        <span className="sr-only">{p.label}</span>
        <input maxLength={80} value={name} aria-invalid={invalid} onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit" disabled={p.busy}>
        {p.submitLabel}
      </button>
      {invalid && (
        <span className="form-error" role="alert">
          {t('accounts.team.invalid')}
        </span>
      )}
    </form>
  );
}

/** Teams: rename each, create one. */
export function TeamsPanel({ teams, busy, onCreate, onRename }: TeamsPanelProps) {
  const { t } = useTranslation();
  return (
    <section className="teams-panel" aria-labelledby="teams-title" data-testid="teams-panel">
      <h2 id="teams-title">{t('accounts.team.title')}</h2>
      <ul className="plain">
        {teams.map((team) => (
          <li key={team.id} data-testid="team-item" data-team-id={team.id}>
            <TeamNameForm
              key={team.name}
              label={t('accounts.team.renameLabel', { name: team.name })}
              initial={team.name}
              submitLabel={t('accounts.team.rename')}
              testId="team-rename"
              busy={busy}
              onSubmit={(name) => onRename(team.id, name)}
            />
          </li>
        ))}
      </ul>
      <TeamNameForm label={t('accounts.team.newLabel')} initial="" submitLabel={t('accounts.team.create')} testId="team-create" busy={busy} onSubmit={onCreate} />
    </section>
  );
}
