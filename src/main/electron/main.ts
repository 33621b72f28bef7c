/**
 * Electron main: one window, one DesktopCore, the bridge over IPC. Kept thin — everything testable lives in
 * src/main/core; this file only wires Electron to it. Bundled by scripts/build-electron.ts to
 * dist/electron/main.cjs (preload beside it, renderer in dist/renderer).
 */
import { app, BrowserWindow, ipcMain, Notification, safeStorage, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDispatcher } from '../core/kernel/bridge/dispatch';
import { DesktopCore } from '../core/desktop-core';
import { historyDaysFromEnv } from '../core/kernel/config';
import { createStderrLogger } from '../core/kernel/logger';
import { registerBridgeIpc } from './ipc';
import { attentionBadge, slaOsNotifier } from './sla-notifier';
import type { CoreNotification } from '../core/desktop-core';
import { appUrlPrefix, cacheSecretBox, guardContents, guardSession, trustedSender } from './policy';
import { secureWindowOptions } from './window-options';

const PRELOAD = join(__dirname, 'preload.cjs');
const RENDERER_DIR = join(__dirname, '..', 'renderer');
// the app's own origin: its renderer files (policy.ts decides what is inside)
const APP_URL_PREFIX = appUrlPrefix(pathToFileURL(RENDERER_DIR).href);

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

  // the security checklist (policy.ts): navigation only within the app, no new windows, no webviews
  // mail and call links go to the agent's mail program and softphone / CTI client (policy.ts externalHandoff)
  guardContents(app, APP_URL_PREFIX, (url) => void shell.openExternal(url));

  app.whenReady().then(() => {
    // permissions denied, CSP on every response (policy.ts)
    guardSession(session.defaultSession);
    // the OS keychain seals each cache's key (encrypted cache) and the offline sign-in files
    const secretBox = cacheSecretBox(safeStorage);
    if (!secretBox) log.warn({}, 'OS encryption unavailable: the cache and offline sign-in files are protected by file mode only');
    const c = new DesktopCore({
      dataDir: process.env.OMNIDESK_DESKTOP_DATA_DIR ?? join(app.getPath('userData'), 'desktop'),
      defaultServerUrl: process.env.OMNIDESK_SERVER_URL ?? 'http://127.0.0.1:4010',
      logger: log,
      sync: { historyDays: historyDaysFromEnv(process.env) },
      ...(secretBox ? { secretBox } : {}),
    });
    core = c;
    // main's own notifications to the renderer (a click on an OS notification opens its case) ride with the core's
    const own = new Set<(n: CoreNotification) => void>();
    const subscribe = (l: (n: CoreNotification) => void) => {
      const off = c.subscribe(l);
      own.add(l);
      return () => {
        off();
        own.delete(l);
      };
    };
    c.subscribe(
      slaOsNotifier({
        Notification,
        language: () => app.getLocale(),
        inBackground: () => !win || win.isDestroyed() || !win.isFocused(),
        open: (alert) => {
          if (!win || win.isDestroyed()) return;
          if (win.isMinimized()) win.restore();
          win.show();
          win.focus();
          for (const l of own) l({ event: 'app.open', payload: { customerId: alert.customerId, caseId: alert.caseId } });
        },
      }),
    );
    // the dock / taskbar count: offers to answer and messages that came while away (macOS dock, Linux Unity; Windows overlay is the renderer's title count)
    const badge = attentionBadge((count) => app.setBadgeCount(count));
    c.subscribe(badge.listener);
    registerBridgeIpc(ipcMain, createDispatcher(c.handlers, { logger: log }), subscribe, {
      isTrustedSender: trustedSender(APP_URL_PREFIX),
      targets: () => (win && !win.isDestroyed() ? [win.webContents] : []),
    });
    win = new BrowserWindow(secureWindowOptions(PRELOAD));
    win.once('ready-to-show', () => win?.show());
    win.on('focus', () => badge.focused());
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
