import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OmnideskBridge } from '../../../src/shared';

/** Minimal browser globals for src/renderer/kernel/bridge/index.ts (no DOM library is installed). */
function fakeBrowser(href: string, omnidesk?: OmnideskBridge) {
  const url = new URL(href);
  const storage = new Map<string, string>();
  const sockets: string[] = [];
  const window = {
    omnidesk,
    location: { search: url.search, pathname: url.pathname, hash: url.hash, host: url.host, protocol: url.protocol },
    sessionStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
    },
    history: { state: null, replaceState: vi.fn() },
  };
  class FakeWebSocket {
    readyState = 0;
    onopen = null;
    onmessage = null;
    onclose = null;
    onerror = null;
    constructor(u: string) {
      sockets.push(u);
    }
    send() {}
    close() {}
  }
  vi.stubGlobal('window', window);
  vi.stubGlobal('WebSocket', FakeWebSocket);
  return { window, storage, sockets };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('getBridge', () => {
  it('uses the preload bridge in Electron, restoring error codes', async () => {
    const exposed: OmnideskBridge = {
      call: () => Promise.reject(new Error('[UNAUTHENTICATED] not signed in')),
      on: () => () => undefined,
    };
    const b = fakeBrowser('file:///app/dist/renderer/index.html', exposed);
    const { getBridge } = await import('../../../src/renderer/kernel/bridge/index');
    const bridge = getBridge();
    expect(getBridge()).toBe(bridge);
    await expect(bridge.call('queue.list', {})).rejects.toMatchObject({ name: 'OmnideskError', code: 'UNAUTHENTICATED', message: 'not signed in' });
    expect(b.sockets).toEqual([]);
  });

  it('in a browser opened without the launch key: no socket, a NoLaunchToken the page explains (issue 15)', async () => {
    const b = fakeBrowser('http://127.0.0.1:4020/#/queue');
    const { getBridge, NoLaunchToken } = await import('../../../src/renderer/kernel/bridge/index');
    expect(() => getBridge()).toThrow(NoLaunchToken);
    expect(b.sockets).toEqual([]);
  });

  it('in a browser: WebSocket to /bridge of the serving host, launch token kept in sessionStorage and removed from the URL', async () => {
    const b = fakeBrowser('http://127.0.0.1:4020/?launch=abcDEF0123456789_-xyz#/queue');
    const { getBridge } = await import('../../../src/renderer/kernel/bridge/index');
    getBridge();
    expect(b.sockets).toEqual(['ws://127.0.0.1:4020/bridge?launch=abcDEF0123456789_-xyz']);
    expect(b.storage.get('omnidesk.launch')).toBe('abcDEF0123456789_-xyz');
    expect(b.window.history.replaceState).toHaveBeenCalledWith(null, '', '/#/queue');
  });

  it('after a reload without ?launch= it uses the stored launch and session tokens', async () => {
    const b = fakeBrowser('http://127.0.0.1:4020/#/customer/1');
    b.storage.set('omnidesk.launch', 'stored-launch-token-0000');
    b.storage.set('omnidesk.session', 'stored-session');
    const { getBridge } = await import('../../../src/renderer/kernel/bridge/index');
    getBridge();
    expect(b.sockets).toEqual(['ws://127.0.0.1:4020/bridge?launch=stored-launch-token-0000&session=stored-session']);
    expect(b.window.history.replaceState).not.toHaveBeenCalled();
  });
});
