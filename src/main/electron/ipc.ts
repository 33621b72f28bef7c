import { IPC_CHANNELS, type BridgeResult } from '../../shared/contracts/bridge';
import type { Dispatcher } from '../core/kernel/bridge/dispatch';
import type { CoreNotification } from '../core/desktop-core';

/** The parts of Electron's objects used here (so tests can pass fakes). */
export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}
export interface InvokeEventLike {
  sender: WebContentsLike;
  senderFrame?: { url: string } | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface BridgeIpcOptions {
  /** which frames may call the bridge (main.ts: only the app's own file:// pages) */
  isTrustedSender?: (event: InvokeEventLike) => boolean;
  /** where notifications go; default: every webContents that has called the bridge */
  targets?: () => Iterable<WebContentsLike>;
}

/**
 * Wires the bridge to Electron IPC: `invoke(IPC_CHANNELS.call, {method, input})` → the dispatcher (which
 * validates everything); core notifications → `webContents.send(IPC_CHANNELS.event, {event, payload})`.
 * Returns the function that unwires both.
 */
export function registerBridgeIpc(
  ipcMain: IpcMainLike,
  dispatcher: Dispatcher,
  subscribe: (listener: (n: CoreNotification) => void) => () => void,
  options: BridgeIpcOptions = {},
): () => void {
  const callers = new Set<WebContentsLike>();
  ipcMain.handle(IPC_CHANNELS.call, async (event: InvokeEventLike, request: unknown): Promise<BridgeResult> => {
    if (options.isTrustedSender && !options.isTrustedSender(event)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'this frame may not use the bridge' } };
    }
    callers.add(event.sender);
    const r = request as { method?: unknown; input?: unknown } | null;
    if (typeof r !== 'object' || r === null || typeof r.method !== 'string') {
      return { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'malformed request: expected {method, input}' } };
    }
    return dispatcher(r.method, r.input);
  });
  const targets = options.targets ?? (() => callers);
  const unsubscribe = subscribe((n) => {
    for (const wc of targets()) {
      if (wc.isDestroyed()) callers.delete(wc);
      else wc.send(IPC_CHANNELS.event, { event: n.event, payload: n.payload });
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.call);
    unsubscribe();
    callers.clear();
  };
}
