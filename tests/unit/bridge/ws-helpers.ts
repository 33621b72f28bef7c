import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { SessionStore, WebSocketCtor } from '../../../src/renderer/kernel/bridge/ws-bridge';

export function memorySessionStore(): SessionStore & { token: string | null } {
  return {
    token: null,
    get() {
      return this.token;
    },
    set(t) {
      this.token = t;
    },
  };
}

/** `ws` as the browser's WebSocket, sending the Origin a page served by the host would send. */
export function browserLikeWebSocket(origin: string): WebSocketCtor {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  } as unknown as WebSocketCtor;
}

/** A stand-in for dist/renderer. */
export function writeStaticDir(dir: string): string {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Omnidesk</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("app")');
  return dir;
}
