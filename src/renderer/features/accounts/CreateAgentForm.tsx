import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Role, type Team } from '../../../shared/kernel/agent';
import { Language } from '../../../shared/kernel/primitives';
import { EnumSelect } from '../../kernel/components/EnumSelect';
import { draftProblems, EMPTY_DRAFT, type AgentDraft } from './accounts-model';
import { CheckboxGroup } from './CheckboxGroup';

export interface CreateAgentFormProps {
  teams: readonly Team[];
  busy: boolean;
  /** resolves true when the agent was created (the form then empties) */
  onCreate(draft: AgentDraft): Promise<boolean>;
}

/** A labelled text input of the form, marked invalid after a try; `hint` (its description) turns red then. */
function TextField(p: { label: string; testId: string; maxLength: number; value: string; invalid: boolean; hint?: string; onChange(value: string): void }) {
  const hintId = useId();
  return (
    <label className="field">
      <span>{p.label}</span>
      <input
        data-testid={p.testId}
        autoComplete="off"
        maxLength={p.maxLength}
        value={p.value}
        aria-invalid={p.invalid}
        aria-describedby={p.hint ? hintId : undefined}
        onChange={(e) => p.onChange(e.target.value)}
      />
      {p.hint && (
        <small id={hintId} className={p.invalid ? 'form-error' : 'muted'}>
          {p.hint}
        </small>
      )}
    </label>
  );
}

/** New agent: username, display name, role, teams, languages. The server answers a one-time password (shown by the view). */
export function CreateAgentForm({ teams, busy, onCreate }: CreateAgentFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AgentDraft>(EMPTY_DRAFT);
  const [tried, setTried] = useState(false);
  const problems = draftProblems(draft);
  const shown = tried ? problems : [];
  const set = <K extends keyof AgentDraft>(k: K, v: AgentDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (busy || problems.length) return;
    if (await onCreate(draft)) {
      setDraft(EMPTY_DRAFT);
      setTried(false);
    }
  }

  return (
    <form className="create-agent" onSubmit={submit} noValidate aria-labelledby="create-agent-title" data-testid="create-agent">
      <h2 id="create-agent-title">{t('accounts.create.title')}</h2>
      <TextField
        label={t('accounts.username')}
        testId="create-username"
        maxLength={64}
        value={draft.username}
        invalid={shown.includes('username')}
        hint={t('accounts.create.usernameHint')}
        onChange={(v) => set('username', v)}
      />
      <TextField
        label={t('accounts.displayName')}
        testId="create-display-name"
        maxLength={120}
        value={draft.displayName}
        invalid={shown.includes('displayName')}
        onChange={(v) => set('displayName', v)}
      />
      <EnumSelect
        label={t('accounts.role')}
        testId="create-role"
        value={draft.role}
        options={Role.options}
        optionLabel={(r) => t(`role.${r}`)}
        onChange={(r) => r && set('role', r)}
      />
      <CheckboxGroup
        legend={t('accounts.teams')}
        testId="create-teams"
        options={teams.map((team) => ({ value: team.id, label: team.name }))}
        selected={draft.teamIds}
        onChange={(ids) => set('teamIds', ids)}
      />
      <CheckboxGroup
        legend={t('accounts.languages')}
        testId="create-languages"
        options={Language.options.map((l) => ({ value: l, label: t(`accounts.language.${l}`) }))}
        selected={draft.languages}
        onChange={(ls) => set('languages', ls)}
      />
      {shown.length > 0 && (
        <p className="form-error" role="alert" data-testid="create-problems">
          {shown.map((f) => t(`accounts.create.problem.${f}`)).join(' ')}
        </p>
      )}
      <button type="submit" className="primary" data-testid="create-submit" disabled={busy}>
        {t('accounts.create.submit')}
      </button>
    </form>
  );
}
