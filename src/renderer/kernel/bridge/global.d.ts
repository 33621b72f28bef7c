import type { OmnideskBridge } from '../../../shared/contracts/bridge';

declare global {
  interface Window {
    /** Set by Electron's preload (contextBridge); absent in a browser, where web-host's WebSocket is used. */
    omnidesk?: OmnideskBridge;
  }
}

export {};
