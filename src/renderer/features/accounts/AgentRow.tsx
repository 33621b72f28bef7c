import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedAgent } from '../../../shared/contracts/http';
import { Role, type Team } from '../../../shared/kernel/agent';
import { useLanguage } from '../../kernel/app/hooks';
import { EnumSelect } from '../../kernel/components/EnumSelect';
import { formatDateTime } from '../../kernel/i18n/format';
import { teamNames, type AgentPatch } from './accounts-model';
import { CheckboxGroup } from './CheckboxGroup';

export interface AgentRowProps {
  agent: ManagedAgent;
  teams: readonly Team[];
  /** when the agent's sign-in lock ends, if locked */
  lockedUntil: string | null;
  /** the signed-in admin: they cannot demote or deactivate themselves (the server refuses it too) */
  self: boolean;
  busy: boolean;
  onUpdate(patch: AgentPatch): Promise<boolean>;
  onResetPassword(): void;
  onLift(): void;
}

/** One agent in the admin's table: role, teams and active change in place; reset password; lift a lockout. */
export function AgentRow({ agent, teams, lockedUntil, self, busy, onUpdate, onResetPassword, onLift }: AgentRowProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [editingTeams, setEditingTeams] = useState<string[] | null>(null);
  const yesNo = (v: boolean) => (v ? t('accounts.yes') : t('accounts.no'));
  const names = teamNames(agent.teamIds, teams);

  return (
    <tr data-testid="agent-row" data-username={agent.username} data-active={agent.active} data-must-change={agent.mustChangePassword} data-locked={lockedUntil !== null}>
      <th scope="row" className="mono-ish">
        {agent.username}
      </th>
      <td>{agent.displayName}</td>
      <td>
        <EnumSelect
          label={t('accounts.roleOf', { username: agent.username })}
          labelHidden
          variant="inline-field"
          testId="agent-role"
          disabled={busy || self}
          value={agent.role}
          options={Role.options}
          optionLabel={(r) => t(`role.${r}`)}
          onChange={(role) => role && role !== agent.role && void onUpdate({ role })}
        />
      </td>
      <td>
        {editingTeams === null ? (
          <>
            <span data-testid="agent-teams">{names.length ? names.join(', ') : t('common.none')}</span>{' '}
            <button type="button" className="link" disabled={busy} data-testid="agent-teams-edit" aria-label={t('accounts.changeTeamsOf', { username: agent.username })} onClick={() => setEditingTeams(agent.teamIds)}>
              {t('accounts.changeTeams')}
            </button>
          </>
        ) : (
          <div className="teams-edit">
            <CheckboxGroup
              legend={t('accounts.teamsOf', { username: agent.username })}
              legendHidden
              testId="agent-teams-choice"
              options={teams.map((team) => ({ value: team.id, label: team.name }))}
              selected={editingTeams}
              disabled={busy}
              onChange={setEditingTeams}
            />
            <button type="button" className="small" data-testid="agent-teams-save" disabled={busy} onClick={() => void onUpdate({ teamIds: editingTeams }).then((ok) => ok && setEditingTeams(null))}>
              {t('accounts.save')}
            </button>
            <button type="button" className="small ghost" onClick={() => setEditingTeams(null)}>
              {t('accounts.cancel')}
            </button>
          </div>
        )}
      </td>
      <td>{yesNo(agent.active)}</td>
      <td>{yesNo(agent.mustChangePassword)}</td>
      <td>{lockedUntil ? t('accounts.lockedUntil', { time: formatDateTime(lockedUntil, lang) }) : t('accounts.no')}</td>
      <td className="row-actions">
        {!self && (
          <button
            type="button"
            className="small"
            data-testid="agent-active-toggle"
            disabled={busy}
            aria-label={agent.active ? t('accounts.deactivateOf', { username: agent.username }) : t('accounts.reactivateOf', { username: agent.username })}
            onClick={() => void onUpdate({ active: !agent.active })}
          >
            {agent.active ? t('accounts.deactivate') : t('accounts.reactivate')}
          </button>
        )}
        <button type="button" className="small" data-testid="agent-reset" disabled={busy} aria-label={t('accounts.resetOf', { username: agent.username })} onClick={onResetPassword}>
          {t('accounts.reset')}
        </button>
        {lockedUntil && (
          <button type="button" className="small" data-testid="agent-lift" disabled={busy} aria-label={t('accounts.liftOf', { username: agent.username })} onClick={onLift}>
            {t('accounts.lift')}
          </button>
        )}
      </td>
    </tr>
  );
}
