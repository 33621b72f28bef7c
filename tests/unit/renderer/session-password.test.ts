import { describe, expect, it } from 'vitest';
import { createSessionStore } from '../../../src/renderer/kernel/state/session-store';
import { loginErrorKey } from '../../../src/renderer/kernel/state/errors';
import { OmnideskError } from '../../../src/shared/kernel/errors';
import { agent, fakeBridge } from './fixtures';

describe('session store: a one-time password must be changed', () => {
  it('keeps mustChangePassword until the change succeeds; a refused change answers its code', async () => {
    const session = { agent: agent(), serverUrl: 'http://127.0.0.1:4000', mustChangePassword: true };
    let answer: () => unknown = () => {
      throw new OmnideskError('INVALID_ARGUMENT', 'password: at least 12 characters');
    };
    const bridge = fakeBridge({ 'session.current': () => session, 'session.changePassword': () => answer() as Record<string, never> });
    const store = createSessionStore(bridge);
    await store.getState().resume();
    expect(store.getState().session?.mustChangePassword).toBe(true);
    expect(await store.getState().changePassword({ currentPassword: 'one-time-pw-123', newPassword: 'short' })).toBe('INVALID_ARGUMENT');
    expect(store.getState().session?.mustChangePassword).toBe(true);
    answer = () => ({});
    expect(await store.getState().changePassword({ currentPassword: 'one-time-pw-123', newPassword: 'a-fine-new-passphrase' })).toBeNull();
    expect(store.getState().session?.mustChangePassword).toBe(false);
    expect(bridge.callsOf('session.changePassword')).toHaveLength(2);
  });

  it('a rate-limited sign-in says so', () => {
    expect(loginErrorKey('RATE_LIMITED')).toBe('login.error.rateLimited');
  });
});
