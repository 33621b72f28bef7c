/**
 * The Electron security checklist as one pure module (issue 9): every setting and every decision main.ts
 * applies, written against small interfaces so tests/unit/desktop/electron-policy.test.ts checks each item
 * with fakes — no Electron binary runs in the tests (none can be downloaded on the build machines).
 *
 *  1. context isolation, sandbox, no Node in the renderer (also workers and subframes), web security on,
 *     no insecure content, no <webview>                                    → WEB_PREFERENCES
 *  2. a strict Content-Security-Policy: own files only, no remote content  → RENDERER_CSP (response header;
 *     index.html carries the same rules in its meta tag for file:// pages)
 *  3. navigation and redirects only within the app's own files; new windows never; no <webview> attach
 *  4. every permission request (camera, notifications, geolocation, …) and permission check denied
 *  5. the bridge answers only frames showing the app's own files (IPC sender check)
 *  6. the OS keychain (safeStorage) seals the cache key and offline sign-in files → cacheSecretBox
 */
import { safeStorageBox, type SafeStorageLike } from './secret-box';
import type { SecretBox } from '../core/kernel/session/offline-credentials';

// ── 1. the renderer's webPreferences ──
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const;

// ── 2. Content-Security-Policy: nothing remote; the renderer talks to main over IPC only ──
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // React and the virtualised lists set style attributes
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Adds the CSP to a response's headers (session.webRequest.onHeadersReceived), replacing any other. */
export function withCsp(headers: Record<string, string[] | string> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() !== 'content-security-policy') out[k] = Array.isArray(v) ? v : [v];
  out['Content-Security-Policy'] = [RENDERER_CSP];
  return out;
}

// ── 3 and 5. the app's own origin: file:// URLs inside the renderer folder ──
/** `file:///…/renderer/` for the renderer folder's file URL (`pathToFileURL(dir).href`). */
export function appUrlPrefix(rendererDirFileUrl: string): string {
  return rendererDirFileUrl.endsWith('/') ? rendererDirFileUrl : `${rendererDirFileUrl}/`;
}

/**
 * True for a file:// URL inside the renderer folder, after normalisation (so `renderer/../secret` and
 * `renderer-evil/` are not), query and hash ignored. Anything else — http(s), data:, javascript:, other files — is not.
 */
export function isAppUrl(prefix: string, url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'file:' || (u.host !== '' && u.host !== 'localhost')) return false;
  const href = `file://${u.pathname}`;
  const base = new URL(prefix);
  return base.protocol === 'file:' && href.startsWith(`file://${base.pathname}`);
}

// ── 4. permissions ──
/** Every permission request is refused: the app needs none (no camera, microphone, notifications, location, …). */
export function permissionAllowed(_permission: string): false {
  return false;
}

// ── the parts of Electron the wiring uses (main.ts passes the real ones; tests pass fakes) ──
export interface NavEvent {
  preventDefault(): void;
}
export interface ContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavEvent, url: string) => void): unknown;
  /** any frame, subframes included; Electron passes one details object carrying the url */
  on(event: 'will-frame-navigate', listener: (details: NavEvent & { url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: NavEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}
export interface AppLike {
  on(event: 'web-contents-created', listener: (event: unknown, contents: ContentsLike) => void): unknown;
}
export interface SessionLike {
  setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (wc: unknown, permission: string) => boolean): void;
  webRequest: {
    onHeadersReceived(listener: (details: { responseHeaders?: Record<string, string[] | string> }, callback: (r: { responseHeaders: Record<string, string[]> }) => void) => void): void;
  };
}

/**
 * The links the app hands to the operating system instead of following (issue 15): writing an email (`mailto:`) and
 * calling a number (`tel:`, `callto:`, `sip:`), which the agent's mail program or softphone / CTI client answers.
 * Nothing else leaves the app.
 */
export function externalHandoff(url: string): boolean {
  return /^(mailto:[^\s]+@[^\s]+|tel:\+?[0-9][0-9()\s.-]{2,30}|callto:\+?[0-9][0-9\s.-]{2,30}|sip:[^\s]+@[^\s]+)$/i.test(url);
}

/**
 * 3: every webContents (windows, frames) may navigate only within the app's files; no new windows, no webviews. A
 * mail or call link (`externalHandoff`) is given to `openExternal` (the OS) rather than followed.
 */
export function guardContents(app: AppLike, prefix: string, openExternal?: (url: string) => void): void {
  app.on('web-contents-created', (_e, contents) => {
    const onlyApp = (event: NavEvent, url: string) => {
      if (!isAppUrl(prefix, url)) event.preventDefault();
    };
    // a click on a link is a will-navigate (frame events follow it): hand a mail or call link over once, from here
    contents.on('will-navigate', (event, url) => {
      onlyApp(event, url);
      if (openExternal && !isAppUrl(prefix, url) && externalHandoff(url)) openExternal(url);
    });
    contents.on('will-redirect', onlyApp);
    contents.on('will-frame-navigate', (details) => onlyApp(details, details.url));
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** 2 and 4, on the session the window uses (after app `ready`). */
export function guardSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionAllowed(permission)));
  session.setPermissionCheckHandler((_wc, permission) => permissionAllowed(permission));
  session.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders) }));
}

/** 5: the bridge's sender check — the calling frame shows one of the app's own files. */
export function trustedSender(prefix: string): (event: { senderFrame?: { url: string } | null }) => boolean {
  return (event) => isAppUrl(prefix, event.senderFrame?.url ?? '');
}

// ── 6. the OS keychain for the cache key ──
/**
 * The SecretBox the DesktopCore gets: safeStorage (DPAPI, Keychain, libsecret) seals each cache's random key
 * (session/cache-key.ts, so the SQLite cache is encrypted at rest) and the offline sign-in files. Undefined when
 * the OS offers no encryption: the cache then stays plain, protected by its 0600 mode only (logged by main.ts).
 */
export function cacheSecretBox(safeStorage: SafeStorageLike): SecretBox | undefined {
  return safeStorageBox(safeStorage);
}
