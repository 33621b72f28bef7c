import type { OmnideskBridge } from '../../../shared/contracts/bridge';
import { adaptExposedBridge } from './ipc-adapter';
import { createWsBridge, type SessionStore } from './ws-bridge';

export { createWsBridge, type SessionStore, type WebSocketCtor, type WebSocketLike, type WsBridge, type WsBridgeOptions } from './ws-bridge';
export { adaptExposedBridge } from './ipc-adapter';

const LAUNCH_KEY = 'omnidesk.launch';
const SESSION_KEY = 'omnidesk.session';

let bridge: OmnideskBridge | null = null;

/**
 * The page was opened without the launch key web-host prints (a bookmark of the bare address, say): no bridge can
 * be opened, so the page says how to open the app instead of waiting forever (issue 15).
 */
export class NoLaunchToken extends Error {
  constructor() {
    super('opened without the launch key');
    this.name = 'NoLaunchToken';
  }
}

/**
 * The bridge for this page: Electron's preload bridge (`window.omnidesk`) when present, else the
 * WebSocket bridge to the web-host that served the page. The launch token comes from `?launch=` (kept
 * in sessionStorage, so reloads and in-app navigation keep working, and removed from the address bar).
 */
export function getBridge(): OmnideskBridge {
  if (bridge) return bridge;
  if (window.omnidesk) {
    bridge = adaptExposedBridge(window.omnidesk);
    return bridge;
  }
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('launch');
  if (fromUrl) {
    window.sessionStorage.setItem(LAUNCH_KEY, fromUrl);
    params.delete('launch');
    const rest = params.toString();
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`);
  }
  const launchToken = fromUrl ?? window.sessionStorage.getItem(LAUNCH_KEY) ?? '';
  if (launchToken === '') throw new NoLaunchToken();
  const sessionStore: SessionStore = {
    get: () => window.sessionStorage.getItem(SESSION_KEY),
    set: (token) => (token === null ? window.sessionStorage.removeItem(SESSION_KEY) : window.sessionStorage.setItem(SESSION_KEY, token)),
  };
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  bridge = createWsBridge({ url: `${scheme}//${window.location.host}/bridge`, launchToken, sessionStore });
  return bridge;
}
