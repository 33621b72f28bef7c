import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedAgent } from '../../../shared/contracts/http';
import type { Team } from '../../../shared/kernel/agent';
import type { ErrorCode } from '../../../shared/kernel/errors';
import { can } from '../../../shared/kernel/permissions';
import { useBridge, useSession } from '../../kernel/app/bridge-context';
import { errorCodeOf } from '../../kernel/state/errors';
import { AgentRow } from './AgentRow';
import { lockedAgents, problemKey, withAgent, withTeam, type AccountAction, type AgentPatch } from './accounts-model';
import { CreateAgentForm } from './CreateAgentForm';
import { OneTimePassword, type OneTimePasswordProps } from './OneTimePassword';
import { TeamsPanel } from './TeamsPanel';

type Shown = Pick<OneTimePasswordProps, 'username' | 'password' | 'reason'>;

/**
 * #/agents (admins): every agent with role, teams, active, must-change-password and sign-in lock; create an agent
 * (its one-time password shown once), change role / teams, deactivate / reactivate, reset a password, lift a
 * lockout; create and rename teams. Online only: offline every call answers UNAVAILABLE, shown as such.
 */
export function AgentsView() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const me = useSession((s) => s.session?.agent ?? null);
  const allowed = me !== null && can(me.role, 'agents.manage');
  const [agents, setAgents] = useState<ManagedAgent[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [locks, setLocks] = useState<Map<string, string>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: ErrorCode; action: AccountAction } | null>(null);
  const [otp, setOtp] = useState<Shown | null>(null);

  const run = useCallback(async <T,>(action: AccountAction, fn: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError({ code: errorCodeOf(err), action });
      return null;
    } finally {
      setBusy(false);
    }
  }, []);

  const load = useCallback(async () => {
    const res = await run('load', () => Promise.all([bridge.call('agents.list', {}), bridge.call('lockouts.list', {})]));
    if (!res) return;
    const [list, lockouts] = res;
    setAgents(list.agents);
    setTeams(list.teams);
    setLocks(lockedAgents(lockouts.lockouts));
    setLoaded(true);
  }, [bridge, run]);

  useEffect(() => {
    if (allowed) void load();
  }, [allowed, load]);

  if (!allowed) {
    return (
      <section className="agents-view" data-testid="agents-view">
        <p className="form-error">{t('accounts.notAllowed')}</p>
      </section>
    );
  }

  const update = async (agentId: string, patch: AgentPatch) => {
    const agent = await run('update', () => bridge.call('agents.update', { agentId, ...patch }));
    if (agent) setAgents((list) => withAgent(list, agent));
    return agent !== null;
  };

  const saveTeam = async (call: () => Promise<Team>) => {
    const team = await run('team', call);
    if (team) setTeams((list) => withTeam(list, team));
    return team !== null;
  };

  return (
    <section className="agents-view" data-testid="agents-view">
      <h1>{t('accounts.title')}</h1>
      {error && (
        <p className="form-error" role="alert" data-testid="agents-error" data-code={error.code}>
          {t(problemKey(error.code, error.action))}{' '}
          {error.action === 'load' && (
            <button type="button" className="link" onClick={() => void load()}>
              {t('common.retry')}
            </button>
          )}
        </p>
      )}
      {otp && <OneTimePassword {...otp} onDone={() => setOtp(null)} />}

      <table className="queue-table agents-table" data-testid="agents-table">
        <caption className="sr-only">{t('accounts.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('accounts.username')}</th>
            <th scope="col">{t('accounts.displayName')}</th>
            <th scope="col">{t('accounts.role')}</th>
            <th scope="col">{t('accounts.teams')}</th>
            <th scope="col">{t('accounts.active')}</th>
            <th scope="col">{t('accounts.mustChange')}</th>
            <th scope="col">{t('accounts.locked')}</th>
            <th scope="col">{t('accounts.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <AgentRow
              key={a.id}
              agent={a}
              teams={teams}
              lockedUntil={locks.get(a.id) ?? null}
              self={a.id === me.id}
              busy={busy}
              onUpdate={(patch) => update(a.id, patch)}
              onResetPassword={() =>
                void run('reset', () => bridge.call('agents.resetPassword', { agentId: a.id })).then((res) => {
                  if (!res) return;
                  setAgents((list) => withAgent(list, res.agent));
                  setOtp({ username: res.agent.username, password: res.oneTimePassword, reason: 'reset' });
                })
              }
              onLift={() =>
                void run('lift', () => bridge.call('lockouts.lift', { username: a.username })).then((done) => {
                  if (done) setLocks((m) => new Map([...m].filter(([id]) => id !== a.id)));
                })
              }
            />
          ))}
        </tbody>
      </table>
      {loaded && agents.length === 0 && <p className="muted">{t('accounts.empty')}</p>}

      <div className="agents-forms">
        <CreateAgentForm
          teams={teams}
          busy={busy}
          onCreate={async (draft) => {
            const res = await run('create', () => bridge.call('agents.create', draft));
            if (!res) return false;
            setAgents((list) => withAgent(list, res.agent));
            setOtp({ username: res.agent.username, password: res.oneTimePassword, reason: 'created' });
            return true;
          }}
        />
        <TeamsPanel
          teams={teams}
          busy={busy}
          onCreate={(name) => saveTeam(() => bridge.call('teams.create', { name }))}
          onRename={(teamId, name) => saveTeam(() => bridge.call('teams.rename', { teamId, name }))}
        />
      </div>
    </section>
  );
}
