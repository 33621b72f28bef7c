import { DirectoryResponse, HTTP_PATHS, LockoutsResponse, ManagedAgent, ManagedAgentsResponse, OneTimePasswordResponse } from '../../../../shared/contracts/http';
import { Team } from '../../../../shared/kernel/agent';
import { OmnideskError } from '../../../../shared/kernel/errors';
import type { BridgeHandlers } from '../../kernel/bridge/dispatch';
import type { HttpOptions } from '../../kernel/session/auth';
import { readJson, serverCall, type ServerSession } from '../../kernel/session/server-api';

/** What the accounts feature needs of the signed-in session. */
export interface AccountsSession extends ServerSession {
  /** signed in from this workstation's remembered credentials while the server was unreachable */
  offline: boolean;
}

export interface AccountsContext {
  session(): AccountsSession;
  http: HttpOptions;
  /** the server's directory changed (a team or an agent): pull reference data now, so the cache's directory follows */
  directoryChanged(): void;
}

type AccountMethods = 'agents.list' | 'agents.create' | 'agents.update' | 'agents.resetPassword' | 'teams.create' | 'teams.rename' | 'lockouts.list' | 'lockouts.lift';

const withId = (path: string, name: string, value: string) => path.replace(`:${name}`, encodeURIComponent(value));

/**
 * Bridge handlers of the admin's accounts view: agents, teams and sign-in lockouts, on the server (online only).
 * The server decides who may (FORBIDDEN otherwise) and checks the input; the desktop keeps nothing of it but the
 * directory, which arrives as reference data. Nothing here is logged (usernames and one-time passwords included).
 */
export function accountsHandlers(ctx: AccountsContext): Pick<BridgeHandlers, AccountMethods> {
  const http = { ...ctx.http, notFoundIsAnswer: true };
  /** the session, refused offline with a message the renderer shows */
  const online = (): AccountsSession => {
    const s = ctx.session();
    if (s.offline) throw new OmnideskError('UNAVAILABLE', 'managing agents and teams needs the server: signed in offline');
    return s;
  };
  const send = (path: string, method: string, body?: unknown) =>
    serverCall(online(), path, http, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  /** a change the directory shows: answered, then the cache pulls it */
  const changed = <T>(value: T): T => {
    ctx.directoryChanged();
    return value;
  };

  return {
    'agents.list': async () => {
      const [agents, directory] = await Promise.all([
        send(HTTP_PATHS.agents, 'GET').then((r) => readJson(r, ManagedAgentsResponse)),
        send(HTTP_PATHS.directory, 'GET').then((r) => readJson(r, DirectoryResponse)),
      ]);
      return { agents: agents.agents, teams: [...directory.teams].sort((a, b) => a.name.localeCompare(b.name)) };
    },
    'agents.create': async (input) => changed(await readJson(await send(HTTP_PATHS.agents, 'POST', input), OneTimePasswordResponse)),
    'agents.update': async ({ agentId, ...patch }) => changed(await readJson(await send(withId(HTTP_PATHS.agent, 'id', agentId), 'PATCH', patch), ManagedAgent)),
    'agents.resetPassword': async ({ agentId }) => readJson(await send(withId(HTTP_PATHS.passwordReset, 'id', agentId), 'POST'), OneTimePasswordResponse),
    'teams.create': async (input) => changed(await readJson(await send(HTTP_PATHS.teams, 'POST', input), Team)),
    'teams.rename': async ({ teamId, name }) => changed(await readJson(await send(withId(HTTP_PATHS.team, 'id', teamId), 'PATCH', { name }), Team)),
    'lockouts.list': async () => readJson(await send(HTTP_PATHS.lockouts, 'GET'), LockoutsResponse),
    'lockouts.lift': async ({ username }) => {
      const res = await send(withId(HTTP_PATHS.lockout, 'username', username), 'DELETE');
      await res.body?.cancel();
      return {};
    },
  };
}
