import { join } from 'node:path';
import WebSocket from 'ws';
import { startWebHost, type WebHost, type WebHostOptions } from '../../../src/main/web-host/server';
import { createWsBridge, type SessionStore, type WebSocketCtor, type WsBridge } from '../../../src/renderer/kernel/bridge/ws-bridge';
import { privateDir, tempDir, writePrivateFile, type TempDir } from '../../support/temp-dir';

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

/** A stand-in for dist/renderer (folders 0700, files 0600, as everything the test helpers make). */
export function writeStaticDir(dir: string): string {
  privateDir(dir);
  privateDir(join(dir, 'assets'));
  writePrivateFile(join(dir, 'index.html'), '<!doctype html><title>Omnidesk</title><script type="module" src="./assets/app.js"></script>');
  writePrivateFile(join(dir, 'assets', 'app.js'), 'console.log("app")');
  return dir;
}

/** A private temp directory for a web host: `static/` holds the stand-in renderer, `desktop/` becomes its data dir. */
export function webHostDir(): TempDir {
  const t = tempDir();
  writeStaticDir(join(t.dir, 'static'));
  return t;
}

/** A web host serving `root`'s static/ and keeping its cores under `root`/desktop. */
export function startTestHost(root: string, opts: Omit<WebHostOptions, 'staticDir' | 'dataDir'>): Promise<WebHost> {
  return startWebHost({ ...opts, staticDir: join(root, 'static'), dataDir: join(root, 'desktop') });
}

/** A renderer's bridge to `host`, reconnecting fast; `store` keeps its session token as the tab would. */
export function openWsBridge(host: WebHost, launchToken: string, store = memorySessionStore()): WsBridge & { store: typeof store } {
  const b = createWsBridge({
    url: `${host.url.replace('http:', 'ws:')}/bridge`,
    launchToken,
    sessionStore: store,
    WebSocketImpl: browserLikeWebSocket(host.url),
    reconnectDelayMs: 20,
    reconnectDelayMaxMs: 100,
  });
  return Object.assign(b, { store });
}
