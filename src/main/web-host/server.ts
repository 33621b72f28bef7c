import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { BRIDGE_METHODS, BridgeRequest, describeIssues, type BridgeMethod, type BridgeOutput, type SyncStatus } from '../../shared';
import { createDispatcher, type BridgeHandlerInput, type BridgeHandlers, type Dispatcher } from '../core/kernel/bridge/dispatch';
import type { CoreNotification, DesktopCoreOptions } from '../core/desktop-core';
import { errorFacts, silentLogger, type Logger } from '../core/kernel/logger';
import { OmnideskError } from '../../shared';
import { AgentCores, type BoundClient } from './agent-cores';
import { serveStatic } from './static-files';

export interface WebHostOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** default 127.0.0.1: the host serves this machine only */
  host?: string;
  /** the built renderer (dist/renderer) */
  staticDir: string;
  /** per-agent cache directories go under it */
  dataDir: string;
  defaultServerUrl: string;
  /** the secret in the launch URL; random when omitted */
  launchToken?: string;
  logger?: Logger;
  /** tuning passed to each DesktopCore (tests) */
  core?: Pick<DesktopCoreOptions, 'fetch' | 'httpTimeoutMs' | 'sync'>;
}

export interface WebHost {
  /** http://127.0.0.1:<port> */
  url: string;
  /** url + `/?launch=<launchToken>`: what the user opens */
  launchUrl: string;
  port: number;
  close(): Promise<void>;
}

/** The largest frame the host accepts: a file attached to a reply (10 MB, ~13.4 MB as base64) and its envelope. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;
const SIGNED_OUT: SyncStatus = { state: 'signed_out', pending: 0, rejected: 0, cursor: 0, lastSyncedAt: null };

/**
 * The desktop's bridge over a local WebSocket, plus the built renderer, for a browser shell
 * (docs/architecture.md "Web-host wire protocol"). Plain node:http + ws; no Electron.
 */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const log = opts.logger ?? silentLogger;
  const launchToken = opts.launchToken ?? randomBytes(24).toString('base64url');
  if (!/^[A-Za-z0-9_-]{16,}$/.test(launchToken)) throw new Error('launchToken must be 16+ URL-safe characters');
  const bindHost = opts.host ?? '127.0.0.1';
  const cores = new AgentCores({
    dataDir: opts.dataDir,
    defaultServerUrl: opts.defaultServerUrl,
    logger: log,
    ...(opts.core ? { core: opts.core } : {}),
  });
  let port = 0;
  const urlHost = bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  const allowedHosts = () => new Set([`${urlHost}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`]);
  const hostAllowed = (host: string | undefined): host is string => typeof host === 'string' && allowedHosts().has(host.toLowerCase());

  const http = createServer((req, res) => {
    // Only our own host names: a DNS-rebinding page cannot read the app through another name.
    if (!hostAllowed(req.headers.host)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('unexpected Host');
      return;
    }
    serveStatic(req, res, opts.staticDir, securityHeaders(req.headers.host)).catch((err: unknown) => {
      log.error(errorFacts(err), 'static file failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let nextConnId = 1;

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/bridge') return refuse(socket, 404);
    if (!tokenMatches(url.searchParams.get('launch'), launchToken)) return refuse(socket, 401);
    const host = req.headers.host;
    if (!hostAllowed(host) || req.headers.origin !== `http://${host}`) return refuse(socket, 403);
    const session = url.searchParams.get('session');
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, session));
  });

  function onConnection(ws: WebSocket, sessionToken: string | null): void {
    const connId = nextConnId++;
    const send = (frame: unknown) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const client: BoundClient = {
      entry: null,
      notify: (n: CoreNotification) => send({ type: 'event', event: n.event, payload: n.payload }),
      sessionChanged: (token) => send({ type: 'session', token }),
    };
    const dispatch: Dispatcher = createDispatcher(connectionHandlers(client, cores), { logger: log });

    if (sessionToken) {
      if (cores.resume(client, sessionToken)) log.info({ connId }, 'bridge connection resumed a session');
      else client.sessionChanged(null); // unknown (e.g. the host restarted): the renderer drops it
    }
    log.info({ connId }, 'bridge connected');

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return send(errorFrame(-1, 'malformed frame: binary frames are not accepted'));
      let frame: unknown;
      try {
        frame = JSON.parse(rawText(data));
      } catch {
        return send(errorFrame(-1, 'malformed frame: not JSON'));
      }
      const req = BridgeRequest.safeParse(frame);
      if (!req.success) return send(errorFrame(idOf(frame), `malformed request: ${describeIssues(req.error)}`));
      const { id, method, input } = req.data;
      void dispatch(method, input).then((result) => send({ type: 'response', id, ...result }));
    });
    ws.on('close', () => {
      cores.detach(client);
      log.info({ connId }, 'bridge disconnected');
    });
    ws.on('error', (err) => log.warn({ connId, ...errorFacts(err) }, 'bridge socket error'));
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, bindHost, () => {
      http.off('error', reject);
      resolve();
    });
  });
  port = (http.address() as AddressInfo).port;
  const url = `http://${urlHost}:${port}`;
  log.info({ port }, 'web-host listening');

  let closing: Promise<void> | null = null;
  return {
    url,
    launchUrl: `${url}/?launch=${launchToken}`,
    port,
    close: () =>
      (closing ??= (async () => {
        for (const ws of wss.clients) ws.close(1001, 'web-host closing');
        await new Promise<void>((r) => wss.close(() => r()));
        http.closeAllConnections();
        await new Promise<void>((r) => http.close(() => r()));
        await cores.closeAll();
      })()),
  };
}

/**
 * The bridge as one connection sees it. Unbound (no agent yet): only session.login, session.current (null),
 * session.logout (no-op) and sync.status (signed_out) answer; the rest is UNAUTHENTICATED. Bound: the
 * agent's core answers, except sign-in/out, which the host handles to (un)bind windows.
 */
function connectionHandlers(client: BoundClient, cores: AgentCores): BridgeHandlers {
  const core = <M extends BridgeMethod>(m: M) =>
    ((input: BridgeHandlerInput<M>) => {
      const entry = client.entry;
      if (!entry) throw new OmnideskError('UNAUTHENTICATED', 'not signed in');
      return (entry.core.handlers[m] as (i: BridgeHandlerInput<M>) => Promise<BridgeOutput<M>>)(input);
    }) as BridgeHandlers[M];
  // every method goes to the bound agent's core, but sign-in/out (they bind windows) and the two that answer unbound
  const bound = Object.fromEntries(BRIDGE_METHODS.map((m) => [m, core(m)])) as BridgeHandlers;
  return {
    ...bound,
    'session.login': (input) => cores.login(client, input),
    'session.current': async (input) => (client.entry ? client.entry.core.handlers['session.current'](input) : null),
    'session.logout': async () => {
      await cores.logout(client);
      return {};
    },
    'sync.status': async (input) => (client.entry ? client.entry.core.handlers['sync.status'](input) : SIGNED_OUT),
  };
}

function securityHeaders(host: string): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      // React and the virtualised lists set style attributes
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      `connect-src 'self' ws://${host}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

function refuse(socket: Duplex, status: number): void {
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function idOf(frame: unknown): number {
  const id = (frame as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : -1;
}

function errorFrame(id: number, message: string) {
  return { type: 'response', id, ok: false, error: { code: 'INVALID_ARGUMENT', message } };
}
