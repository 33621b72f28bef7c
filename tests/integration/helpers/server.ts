/** A real Omnidesk server on a test database, listening on a free port, plus socket.io-client peers. */
import { Writable } from 'node:stream';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { expect } from 'vitest';
import { LoginResponse } from '../../../src/shared/contracts/http';
import { SYNC_EVENTS, type Ack, type Mutation, type PullResponse, type PushResponse } from '../../../src/shared/contracts/sync';
import { ErrorBody } from '../../../src/shared/kernel/errors';
import { Event } from '../../../src/shared/kernel/event';
import { newId } from '../../../src/shared/kernel/ids';
import { createServer, type CreateServerOptions, type OmnideskServer } from '../../../src/server/app';
import type { Db } from '../../../src/server/kernel/db/types';
import { createLogger } from '../../../src/server/kernel/logger';
import { testLogStream } from '../../support/test-logs';
import { DEMO_LOGINS, generateDemoData, seedDatabase, type DemoData } from '../../../src/server/seed';

export const TEST_JWT_SECRET = 'integration-test-secret-0123456789-abcdefgh';
/** A fixed clock for generated data, so every run sees the same world. */
export const TEST_NOW = Date.parse('2026-06-15T10:00:00.000Z');

export interface TestServer {
  server: OmnideskServer;
  baseUrl: string;
  db: Db;
  data: DemoData;
  /** every log line the server wrote */
  logs(): string;
  login(username: string, password?: string): Promise<LoginResponse>;
  token(username: string): Promise<string>;
  /** a connected socket (rejects with the connect_error) */
  connect(token: string, clientId?: string): Promise<Socket>;
  close(): Promise<void>;
}

export function passwordOf(username: string): string {
  const l = DEMO_LOGINS.find((x) => x.username === username);
  if (!l) throw new Error(`no demo login ${username}`);
  return l.password;
}

export async function startTestServer(
  db: Db,
  options: { customers?: number; seed?: boolean; server?: Partial<Omit<CreateServerOptions, 'db' | 'jwtSecret' | 'logger'>> } = {},
): Promise<TestServer> {
  const data = generateDemoData({ seed: 7, now: TEST_NOW, customers: options.customers ?? 12 });
  if (options.seed !== false) await seedDatabase(db, data);
  let logText = '';
  // also kept in .tmp/test-logs, for the PHI log scan (scripts/scan-logs.ts)
  const file = testLogStream('test-server');
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logText += chunk.toString();
      file.write(chunk);
      cb();
    },
  });
  // the seeded world is from TEST_NOW in the past: its SLA deadlines would all fire at once, mid-test
  const server = createServer({ featureJobs: { sla: false }, ...options.server, db, jwtSecret: TEST_JWT_SECRET, logger: createLogger({ level: 'debug', destination }) });
  const baseUrl = await server.listen({ port: 0, host: '127.0.0.1' });
  const sockets: Socket[] = [];
  const tokens = new Map<string, string>();
  const t: TestServer = {
    server,
    baseUrl,
    db,
    data,
    logs: () => logText,
    async login(username, password = passwordOf(username)) {
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      expect(res.status, `login ${username}`).toBe(200);
      return LoginResponse.parse(await res.json());
    },
    async token(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const { token } = await t.login(username);
      tokens.set(username, token);
      return token;
    },
    connect(token, clientId = newId()) {
      const socket = connectSocket(baseUrl, { auth: { token, clientId }, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(socket);
      return new Promise<Socket>((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', (err) => reject(err));
      });
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await server.close();
      file.end();
    },
  };
  return t;
}

/** emit with ack and a timeout; returns the raw ack */
export async function request<T>(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<Ack<T>> {
  return (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<T>;
}

export async function push(socket: Socket, mutations: Mutation[]): Promise<PushResponse> {
  const ack = await request<PushResponse>(socket, SYNC_EVENTS.push, { mutations });
  if (!ack.ok) throw new Error(`push refused: ${ack.error.code} ${ack.error.message}`);
  return ack.value;
}

export async function pull(socket: Socket, cursor: number, limit = 1000): Promise<PullResponse> {
  const ack = await request<PullResponse>(socket, SYNC_EVENTS.pull, { cursor, limit });
  if (!ack.ok) throw new Error(`pull refused: ${ack.error.code} ${ack.error.message}`);
  for (const e of ack.value.events) Event.parse(e); // every event the server sends has the shared shape
  return ack.value;
}

/** Every event visible from `cursor` on, walking pages of `limit`. */
export async function pullAll(socket: Socket, cursor = 0, limit = 1000): Promise<{ events: Event[]; cursor: number; pages: number }> {
  const events: Event[] = [];
  let pages = 0;
  for (;;) {
    const page = await pull(socket, cursor, limit);
    pages++;
    events.push(...page.events);
    expect(page.cursor).toBeGreaterThanOrEqual(cursor);
    cursor = page.cursor;
    if (!page.hasMore) return { events, cursor, pages };
    if (pages > 100_000) throw new Error('pull does not terminate');
  }
}

let clientSeq = 0;
/** A mutation with a fresh id. */
export function mutation<N extends Mutation['name']>(name: N, args: Extract<Mutation, { name: N }>['args'], id = newId()): Mutation {
  return { id, clientSeq: ++clientSeq, occurredAt: new Date().toISOString(), name, args } as Mutation;
}

/** One JSON request to the test server (`token` null: anonymous). */
export function httpCall(t: Pick<TestServer, 'baseUrl'>, method: string, path: string, token: string | null, body?: unknown): Promise<Response> {
  return fetch(`${t.baseUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
}

/** The error body of a refused request. */
export async function errorOf(res: Response): Promise<ErrorBody> {
  return ErrorBody.parse(((await res.json()) as { error: unknown }).error);
}
