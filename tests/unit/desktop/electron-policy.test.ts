/**
 * The Electron security checklist (issue 9), item by item, against src/main/electron/policy.ts with fakes of
 * Electron's objects. No Electron binary runs here (none can be downloaded on the build machines): these
 * prove the decisions and the wiring main.ts does, not Electron's enforcement of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  RENDERER_CSP,
  WEB_PREFERENCES,
  appUrlPrefix,
  cacheSecretBox,
  externalHandoff,
  guardContents,
  guardSession,
  isAppUrl,
  permissionAllowed,
  trustedSender,
  withCsp,
  type ContentsLike,
  type NavEvent,
} from '../../../src/main/electron/policy';
import { secureWindowOptions } from '../../../src/main/electron/window-options';
import { cacheKey } from '../../../src/main/core/kernel/session/cache-key';
import { Store } from '../../../src/main/core/kernel/store/index';
import { cleanupAfterEach } from '../../support/cleanups';
import { tempCachePath } from '../../support/temp-store';

const defer = cleanupAfterEach();
const PREFIX = appUrlPrefix('file:///opt/Omnidesk/resources/app/dist/renderer');

describe('1. the renderer: context isolation, sandbox, no Node, web security', () => {
  it('the window gets exactly the policy\'s webPreferences, plus the preload', () => {
    expect(WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false });
    expect(secureWindowOptions('/p/preload.cjs').webPreferences).toEqual({ preload: '/p/preload.cjs', ...WEB_PREFERENCES });
  });
});

describe('2. Content-Security-Policy: no remote content', () => {
  const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
  it.each([
    ['policy.ts (response header)', RENDERER_CSP],
    ['src/renderer/index.html (meta tag, for file:// pages)', /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(join(process.cwd(), 'src/renderer/index.html'), 'utf8'))![1]!],
  ])('%s: own files only, no eval, no plugins, no remote hosts', (_where, csp) => {
    const d = directives(csp);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*\.|\s\*(\s|;|$)/);
  });
  it('the header replaces any other CSP a response carries', () => {
    expect(withCsp({ 'content-security-policy': ["default-src *"], 'x-other': 'a' })).toEqual({ 'x-other': ['a'], 'Content-Security-Policy': [RENDERER_CSP] });
  });
});

describe('3. navigation and new windows', () => {
  it.each([
    ['file:///opt/Omnidesk/resources/app/dist/renderer/index.html', true],
    ['file:///opt/Omnidesk/resources/app/dist/renderer/index.html#/customer/1', true],
    ['file:///opt/Omnidesk/resources/app/dist/renderer/../../secrets.html', false],
    ['file:///opt/Omnidesk/resources/app/dist/renderer-evil/index.html', false],
    ['file:///etc/passwd', false],
    ['file://evil.example/opt/Omnidesk/resources/app/dist/renderer/index.html', false],
    ['https://evil.example/', false],
    ['http://127.0.0.1:4010/', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>1</script>', false],
    ['not a url', false],
  ])('%s → own origin: %s', (url, own) => {
    expect(isAppUrl(PREFIX, url)).toBe(own);
  });

  it('every webContents: navigation and redirects leave the app never; new windows and webviews are refused', () => {
    const handlers = new Map<string, (...a: unknown[]) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    const contents: ContentsLike = {
      on: ((event: string, l: (...a: unknown[]) => void) => handlers.set(event, l)) as ContentsLike['on'],
      setWindowOpenHandler: (h) => (openHandler = h),
    };
    let created: ((e: unknown, c: ContentsLike) => void) | null = null;
    guardContents({ on: (_e, l) => (created = l) }, PREFIX);
    created!({}, contents);
    const tryNav = (event: string, url: string) => {
      const e: NavEvent & { url: string } = { preventDefault: vi.fn(), url };
      if (event === 'will-frame-navigate') handlers.get(event)!(e);
      else handlers.get(event)!(e, url);
      return (e.preventDefault as ReturnType<typeof vi.fn>).mock.calls.length > 0 ? 'blocked' : 'allowed';
    };
    for (const ev of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(tryNav(ev, `${PREFIX}index.html#/queue`), ev).toBe('allowed');
      expect(tryNav(ev, 'https://evil.example/phish'), ev).toBe('blocked');
    }
    const attach = { preventDefault: vi.fn() };
    handlers.get('will-attach-webview')!(attach);
    expect(attach.preventDefault).toHaveBeenCalled();
    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: `${PREFIX}index.html` })).toEqual({ action: 'deny' });
  });

  it('a mail or call link on the profile goes to the OS once (mail program, softphone / CTI client); nothing else does (issue 15)', () => {
    const handlers = new Map<string, (...a: unknown[]) => void>();
    const contents: ContentsLike = { on: ((event: string, l: (...a: unknown[]) => void) => handlers.set(event, l)) as ContentsLike['on'], setWindowOpenHandler: () => undefined };
    let created: ((e: unknown, c: ContentsLike) => void) | null = null;
    const opened: string[] = [];
    guardContents({ on: (_e, l) => (created = l) }, PREFIX, (url) => opened.push(url));
    created!({}, contents);
    for (const url of ['mailto:margaret@example.com', 'tel:+19175550109', 'https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'tel:+1; rm -rf', 'mailto:nobody']) {
      const e = { preventDefault: vi.fn() };
      handlers.get('will-navigate')!(e, url);
      handlers.get('will-frame-navigate')!({ ...e, url });
      expect(e.preventDefault, url).toHaveBeenCalled();
    }
    expect(opened).toEqual(['mailto:margaret@example.com', 'tel:+19175550109']);
  });

  it.each([
    ['mailto:a@b.example', true],
    ['tel:+86 138 0000 1111', true],
    ['sip:agent@pbx.example', true],
    ['callto:+15550100', true],
    ['tel:', false],
    ['http://x.example', false],
    ['mailto:a@b.example?body=x y', false],
  ])('externalHandoff(%s) = %s', (url, want) => expect(externalHandoff(url)).toBe(want));
});

describe('4. permissions denied', () => {
  it('every request and check is refused, and the CSP goes on every response', () => {
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | null = null;
    let check: ((wc: unknown, p: string) => boolean) | null = null;
    let headers: ((d: { responseHeaders?: Record<string, string[] | string> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | null = null;
    guardSession({ setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h), webRequest: { onHeadersReceived: (l) => (headers = l) } });
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown-future-permission']) {
      const cb = vi.fn();
      request!({}, p, cb);
      expect(cb, p).toHaveBeenCalledWith(false);
      expect(check!({}, p), p).toBe(false);
      expect(permissionAllowed(p)).toBe(false);
    }
    const cb = vi.fn();
    headers!({ responseHeaders: {} }, cb);
    expect(cb).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [RENDERER_CSP] } });
  });
});

describe('5. IPC sender check', () => {
  it.each([
    [{ senderFrame: { url: `${PREFIX}index.html` } }, true],
    [{ senderFrame: { url: 'https://evil.example/' } }, false],
    [{ senderFrame: { url: 'file:///tmp/dropped.html' } }, false],
    [{ senderFrame: null }, false],
    [{}, false],
  ])('%j → trusted: %s', (event, ok) => {
    expect(trustedSender(PREFIX)(event)).toBe(ok);
  });
});

describe('6. safeStorage seals the cache key', () => {
  /** a stand-in for the OS keychain: reversible, and visibly not the plain text */
  const fakeSafeStorage = (available = true) => ({
    encryptString: vi.fn((s: string) => Buffer.from(`sealed:${Buffer.from(s).toString('base64')}`)),
    decryptString: vi.fn((b: Buffer) => Buffer.from(b.toString().replace(/^sealed:/, ''), 'base64').toString()),
    isEncryptionAvailable: () => available,
  });

  it('with the OS keychain: the cache gets a key sealed by safeStorage, and the cache file is encrypted', () => {
    const ss = fakeSafeStorage();
    const box = cacheSecretBox(ss)!;
    const file = tempCachePath(defer);
    const key = cacheKey(file, box)!;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(ss.encryptString).toHaveBeenCalledWith(key);
    expect(readFileSync(`${file}.key`, 'utf8')).not.toContain(key);
    expect(cacheKey(file, box), 'the same key next time, unsealed by safeStorage').toBe(key);
    const store = Store.open(file, { key });
    store.meta.setCursor(1);
    store.close();
    expect(readFileSync(file).subarray(0, 15).toString()).not.toBe('SQLite format 3');
  });

  it('without OS encryption: no box (main.ts logs that the cache is protected by file mode only)', () => {
    expect(cacheSecretBox(fakeSafeStorage(false))).toBeUndefined();
  });
});

describe('main.ts applies the policy', () => {
  it('wires every item through policy.ts (read from the source: Electron cannot run here)', () => {
    const src = readFileSync(join(process.cwd(), 'src/main/electron/main.ts'), 'utf8');
    for (const call of ['guardContents(app,', 'guardSession(session.defaultSession)', 'trustedSender(APP_URL_PREFIX)', 'cacheSecretBox(safeStorage)', 'secureWindowOptions(PRELOAD)', 'secretBox']) {
      expect(src, call).toContain(call);
    }
  });
});
