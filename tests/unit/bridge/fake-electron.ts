/**
 * A fake `electron` module for unit tests (vi.mock('electron', () => import('./fake-electron'))): an
 * in-process ipcMain/ipcRenderer pair and a contextBridge that copies values between "worlds" the way
 * Electron does — data is cloned, functions are proxied, and an Error arrives as a plain Error with only
 * its message (custom properties such as `code` are lost).
 */
import type { InvokeEventLike } from '../../../src/main/electron/ipc';

type Listener = (event: unknown, ...args: unknown[]) => unknown;
type Handler = (event: InvokeEventLike, ...args: unknown[]) => unknown;

export const state = {
  exposed: new Map<string, unknown>(),
  exposeCalls: 0,
  handlers: new Map<string, Handler>(),
  rendererListeners: new Map<string, Set<Listener>>(),
  senderUrl: 'file:///app/dist/renderer/index.html',
};

export const webContents = {
  destroyed: false,
  send(channel: string, ...args: unknown[]): void {
    for (const l of state.rendererListeners.get(channel) ?? []) l({ sender: null }, ...structuredClone(args));
  },
  isDestroyed(): boolean {
    return this.destroyed;
  },
};

export const ipcMain = {
  handle(channel: string, listener: Handler): void {
    if (state.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    state.handlers.set(channel, listener);
  },
  removeHandler(channel: string): void {
    state.handlers.delete(channel);
  },
};

export const ipcRenderer = {
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const h = state.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    const result = await h({ sender: webContents, senderFrame: { url: state.senderUrl } }, ...structuredClone(args));
    return structuredClone(result);
  },
  on(channel: string, listener: Listener): void {
    let set = state.rendererListeners.get(channel);
    if (!set) state.rendererListeners.set(channel, (set = new Set()));
    set.add(listener);
  },
  removeListener(channel: string, listener: Listener): void {
    state.rendererListeners.get(channel)?.delete(listener);
  },
};

function crossWorld(value: unknown): unknown {
  if (typeof value === 'function') {
    const fn = value as (...a: unknown[]) => unknown;
    return (...args: unknown[]) => crossWorld(fn(...args.map(crossWorld)));
  }
  if (value instanceof Error) return new Error(value.message);
  if (value instanceof Promise) {
    return value.then(crossWorld, (e: unknown) => {
      throw crossWorld(e);
    });
  }
  if (Array.isArray(value)) return value.map(crossWorld);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, crossWorld(v)]));
  }
  return value;
}

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    state.exposeCalls++;
    state.exposed.set(key, crossWorld(api));
  },
};

export const app = {};
export const BrowserWindow = class {};
export const session = {};

export default { ipcMain, ipcRenderer, contextBridge, webContents, app, BrowserWindow, session };
