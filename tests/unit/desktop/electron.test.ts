import { describe, expect, it, vi } from 'vitest';
import { registerBridgeIpc, type InvokeEventLike } from '../../../src/main/electron/ipc';
import { secureWindowOptions } from '../../../src/main/electron/window-options';
import type { CoreNotification } from '../../../src/main/core/desktop-core';
import { IPC_CHANNELS } from '../../../src/shared';
import { ipcMain, ipcRenderer, state, webContents } from '../bridge/fake-electron';

vi.mock('electron', () => import('../bridge/fake-electron'));

describe('Electron window options', () => {
  it('isolate and sandbox the renderer, with no Node and web security on', () => {
    const o = secureWindowOptions('/app/dist/electron/preload.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(o.show).toBe(false); // shown on ready-to-show, no white flash
  });
});

describe('Electron preload', () => {
  it('exposes exactly { call, on } as window.omnidesk, once', async () => {
    await import('../../../src/main/electron/preload');
    expect(state.exposeCalls).toBe(1);
    expect([...state.exposed.keys()]).toEqual(['omnidesk']);
    const api = state.exposed.get('omnidesk') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(typeof api.call).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it('turns an error result into a rejection carrying the code in its message (all contextBridge keeps)', async () => {
    const { createPreloadApi } = await import('../../../src/main/electron/preload');
    const api = createPreloadApi({
      invoke: async () => ({ ok: false, error: { code: 'CONFLICT', message: 'the case is closed' } }),
      on: () => undefined as never,
      removeListener: () => undefined as never,
    });
    await expect(api.call('session.current', {})).rejects.toThrow('[CONFLICT] the case is closed');
  });
});

describe('Electron IPC wiring (registerBridgeIpc)', () => {
  function wire(opts: Parameters<typeof registerBridgeIpc>[3] = {}) {
    const dispatcher = vi.fn(async (method: string) => ({ ok: true as const, value: method }));
    let emit: (n: CoreNotification) => void = () => undefined;
    const unsubscribe = vi.fn();
    const unwire = registerBridgeIpc(ipcMain, dispatcher, (l) => ((emit = l), unsubscribe), opts);
    return { dispatcher, emit: (n: CoreNotification) => emit(n), unwire, unsubscribe };
  }

  it('routes invoke(call) to the dispatcher and refuses malformed requests', async () => {
    const w = wire();
    expect(await ipcRenderer.invoke(IPC_CHANNELS.call, { method: 'sync.status', input: {} })).toEqual({ ok: true, value: 'sync.status' });
    expect(w.dispatcher).toHaveBeenCalledWith('sync.status', {});
    expect(await ipcRenderer.invoke(IPC_CHANNELS.call, 'sync.status')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await ipcRenderer.invoke(IPC_CHANNELS.call, { method: 5 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    w.unwire();
    expect(state.handlers.has(IPC_CHANNELS.call)).toBe(false);
    expect(w.unsubscribe).toHaveBeenCalled();
  });

  it('refuses frames that are not the app (isTrustedSender)', async () => {
    const w = wire({ isTrustedSender: (e: InvokeEventLike) => (e.senderFrame?.url ?? '').startsWith('file:///app/') });
    state.senderUrl = 'https://evil.example/';
    expect(await ipcRenderer.invoke(IPC_CHANNELS.call, { method: 'queue.list', input: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(w.dispatcher).not.toHaveBeenCalled();
    state.senderUrl = 'file:///app/dist/renderer/index.html';
    expect(await ipcRenderer.invoke(IPC_CHANNELS.call, { method: 'queue.list', input: {} })).toMatchObject({ ok: true });
    w.unwire();
  });

  it('forwards core notifications to the windows that use the bridge, not to destroyed ones', async () => {
    const w = wire();
    const got: unknown[] = [];
    const listener = (_e: unknown, n: unknown) => void got.push(n);
    ipcRenderer.on(IPC_CHANNELS.event, listener);
    const note: CoreNotification = { event: 'data.changed', payload: { customerIds: [], caseIds: [], all: true } };
    w.emit(note);
    expect(got).toEqual([]); // no window has called yet
    await ipcRenderer.invoke(IPC_CHANNELS.call, { method: 'session.current', input: {} });
    w.emit(note);
    expect(got).toEqual([{ event: 'data.changed', payload: { customerIds: [], caseIds: [], all: true } }]);
    webContents.destroyed = true;
    w.emit(note);
    expect(got).toHaveLength(1);
    webContents.destroyed = false;
    ipcRenderer.removeListener(IPC_CHANNELS.event, listener);
    w.unwire();
  });
});
