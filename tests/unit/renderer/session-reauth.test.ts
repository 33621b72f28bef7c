import { describe, expect, it } from 'vitest';
import { createSessionStore } from '../../../src/renderer/kernel/state/session-store';
import { OmnideskError } from '../../../src/shared/kernel/errors';
import { agent, fakeBridge } from './fixtures';

const session = { agent: agent(), serverUrl: 'http://127.0.0.1:4000', offline: true };

describe('session store: signing in again after the token was refused', () => {
  it('uses the current username and server, stays signed in throughout, and takes the new session', async () => {
    let answer: () => unknown = () => ({ ...session, offline: false });
    const bridge = fakeBridge({ 'session.current': () => session, 'session.login': () => answer() as typeof session });
    const store = createSessionStore(bridge);
    await store.getState().resume();
    expect(store.getState().session?.offline).toBe(true);

    const statuses: string[] = [];
    store.subscribe((s) => statuses.push(s.status));
    const pending = store.getState().signInAgain('pw');
    expect(store.getState().reauth).toEqual({ busy: true, errorCode: null });
    expect(await pending).toBe(true);
    expect(bridge.callsOf('session.login')).toEqual([{ username: 'alice', password: 'pw', serverUrl: 'http://127.0.0.1:4000' }]);
    expect(store.getState()).toMatchObject({ status: 'signed_in', session: { offline: false }, reauth: { busy: false, errorCode: null } });
    expect(statuses.every((s) => s === 'signed_in')).toBe(true); // the work views never unmount

    answer = () => {
      throw new OmnideskError('UNAUTHENTICATED', 'wrong username or password');
    };
    expect(await store.getState().signInAgain('typo')).toBe(false);
    expect(store.getState()).toMatchObject({ status: 'signed_in', reauth: { busy: false, errorCode: 'UNAUTHENTICATED' } });
  });

  it('does nothing when signed out', async () => {
    const bridge = fakeBridge({ 'session.current': () => null });
    const store = createSessionStore(bridge);
    await store.getState().resume();
    expect(await store.getState().signInAgain('pw')).toBe(false);
    expect(bridge.callsOf('session.login')).toEqual([]);
  });
});
