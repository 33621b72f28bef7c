/**
 * Electron main: one window, one DesktopCore, the bridge over IPC. Kept thin — everything testable lives in
 * src/main/core; this file only wires Electron to it. Bundled by scripts/build-electron.ts to
 * dist/electron/main.cjs (preload beside it, renderer in dist/renderer).
 */
import { app, BrowserWindow, ipcMain, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDispatcher } from '../core/kernel/bridge/dispatch';
import { DesktopCore } from '../core/desktop-core';
import { historyDaysFromEnv } from '../core/kernel/config';
import { createStderrLogger } from '../core/kernel/logger';
import { registerBridgeIpc } from './ipc';
import { safeStorageBox } from './secret-box';
import { secureWindowOptions } from './window-options';

const PRELOAD = join(__dirname, 'preload.cjs');
const RENDERER_DIR = join(__dirname, '..', 'renderer');
const APP_URL_PREFIX = `${pathToFileURL(RENDERER_DIR).href}/`;
const isAppUrl = (url: string) => url.startsWith(APP_URL_PREFIX);

const log = createStderrLogger('omnidesk-main');
let win: BrowserWindow | null = null;
let core: DesktopCore | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    const secretBox = safeStorageBox(safeStorage);
    if (!secretBox) log.warn({}, 'OS encryption unavailable: offline sign-in files are protected by file mode only');
    const c = new DesktopCore({
      dataDir: process.env.OMNIDESK_DESKTOP_DATA_DIR ?? join(app.getPath('userData'), 'desktop'),
      defaultServerUrl: process.env.OMNIDESK_SERVER_URL ?? 'http://127.0.0.1:4010',
      logger: log,
      sync: { historyDays: historyDaysFromEnv(process.env) },
      ...(secretBox ? { secretBox } : {}),
    });
    core = c;
    registerBridgeIpc(ipcMain, createDispatcher(c.handlers, { logger: log }), (l) => c.subscribe(l), {
      isTrustedSender: (event) => isAppUrl(event.senderFrame?.url ?? ''),
      targets: () => (win && !win.isDestroyed() ? [win.webContents] : []),
    });
    win = new BrowserWindow(secureWindowOptions(PRELOAD));
    win.once('ready-to-show', () => win?.show());
    win.on('closed', () => {
      win = null;
    });
    void win.loadFile(join(RENDERER_DIR, 'index.html'));
  }, (err: unknown) => {
    log.error({ errName: err instanceof Error ? err.name : typeof err }, 'app failed to start');
    app.exit(1);
  });

  app.on('window-all-closed', () => app.quit());

  app.on('before-quit', (event) => {
    const c = core;
    if (!c) return;
    // Close the cache cleanly (WAL checkpoint) before the process goes.
    event.preventDefault();
    core = null;
    void c.dispose().finally(() => app.quit());
  });
}
