import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BridgeInput, OmnideskBridge, SessionInfo } from '../../../shared/contracts/bridge';
import type { ErrorCode } from '../../../shared/kernel/errors';
import { errorCodeOf } from './errors';

/** resuming: asking session.current at start; signing_in: a login call is under way. */
export type SessionStatus = 'resuming' | 'signed_out' | 'signing_in' | 'signed_in';

export interface SessionState {
  status: SessionStatus;
  session: SessionInfo | null;
  /** why the last login (or resume) failed */
  errorCode: ErrorCode | null;
  /** signing in again after the server refused the session's token (sync state `reauth`), without leaving the work */
  reauth: { busy: boolean; errorCode: ErrorCode | null };
  /** On start: resume a session the desktop core still holds (no password needed). */
  resume(): Promise<void>;
  login(input: BridgeInput<'session.login'>): Promise<boolean>;
  /** The signed-in agent signs in again with `password` (same username and server): the core keeps the cache. */
  signInAgain(password: string): Promise<boolean>;
  logout(): Promise<void>;
  /** Changes the agent's password; a one-time password's forced change ends here. Resolves with the error code, null when done. */
  changePassword(input: BridgeInput<'session.changePassword'>): Promise<ErrorCode | null>;
  /** Ask the core whether the session still stands (after a signed_out sync state); sign out if not. */
  verify(): Promise<void>;
}

export type SessionStore = StoreApi<SessionState>;

export function createSessionStore(bridge: OmnideskBridge): SessionStore {
  return createStore<SessionState>()((set, get) => ({
    status: 'resuming',
    session: null,
    errorCode: null,
    reauth: { busy: false, errorCode: null },

    async resume() {
      set({ status: 'resuming', errorCode: null });
      try {
        const session = await bridge.call('session.current', {});
        // a login that finished meanwhile wins over the resume answer
        if (get().status !== 'resuming') return;
        set(session ? { status: 'signed_in', session } : { status: 'signed_out', session: null });
      } catch (err) {
        if (get().status !== 'resuming') return;
        const code = errorCodeOf(err);
        set({ status: 'signed_out', session: null, errorCode: code === 'UNAUTHENTICATED' ? null : code });
      }
    },

    async login(input) {
      set({ status: 'signing_in', errorCode: null });
      try {
        const session = await bridge.call('session.login', input);
        set({ status: 'signed_in', session, errorCode: null });
        return true;
      } catch (err) {
        set({ status: 'signed_out', session: null, errorCode: errorCodeOf(err) });
        return false;
      }
    },

    async signInAgain(password) {
      const current = get().session;
      if (get().status !== 'signed_in' || !current || get().reauth.busy) return false;
      set({ reauth: { busy: true, errorCode: null } });
      try {
        const session = await bridge.call('session.login', { username: current.agent.username, password, serverUrl: current.serverUrl });
        if (get().session !== current) return false; // signed out meanwhile
        set({ session, reauth: { busy: false, errorCode: null } });
        return true;
      } catch (err) {
        set({ reauth: { busy: false, errorCode: errorCodeOf(err) } });
        return false;
      }
    },

    async changePassword(input) {
      try {
        await bridge.call('session.changePassword', input);
        const current = get().session;
        if (current) set({ session: { ...current, mustChangePassword: false } });
        return null;
      } catch (err) {
        return errorCodeOf(err);
      }
    },

    async logout() {
      try {
        await bridge.call('session.logout', {});
      } catch {
        // signing out locally still happens; the core drops the session on its next check
      }
      set({ status: 'signed_out', session: null, errorCode: null, reauth: { busy: false, errorCode: null } });
    },

    async verify() {
      if (get().status !== 'signed_in') return;
      try {
        const session = await bridge.call('session.current', {});
        if (get().status !== 'signed_in') return;
        if (session) set({ session });
        else set({ status: 'signed_out', session: null, errorCode: 'UNAUTHENTICATED' });
      } catch {
        // cannot tell (core unreachable): keep working; the sync indicator already shows the state
      }
    },
  }));
}
