/**
 * An in-process central server for desktop tests: real HTTP (login, directory, health) and real socket.io
 * speaking the sync contract of src/shared/contracts/sync.ts — a legitimate protocol peer with a tiny
 * in-memory event log. Knobs let tests reject mutations, hold requests, or answer with corrupt data.
 */
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as IoServer } from 'socket.io';
import {
  BootstrapRequest,
  FetchRequest,
  HandshakeAuth,
  MAX_SYNC_FRAME_BYTES,
  PullRequest,
  PushRequest,
  ReferenceRequest,
  SYNC_EVENTS,
  applyToCase,
  applyToCustomer,
  authorOf,
  newId,
  type Agent,
  type Case,
  type Customer,
  type ErrorBody,
  type Event,
  type Mutation,
  type MutationResult,
  type ReferenceItem,
  type Team,
  type Thread,
} from '../../../../src/shared';
import {
  at,
  caseOpened,
  customerCreated,
  makeAgent,
  makeCase,
  makeCustomer,
  makeThread,
  messageReceived,
  threadOpened,
} from './fixtures';
import type { NewEvent } from '../../../support/temp-store';

export const PASSWORD = 'correct horse';

type Kind = 'push' | 'pull';

export class FakeServer {
  readonly team: Team = { id: newId(), name: 'CGM support' };
  readonly agent: Agent;
  readonly otherAgent: Agent;
  readonly token = `tok-${newId()}`;
  readonly events: Event[] = [];
  readonly customers = new Map<string, Customer>();
  readonly cases = new Map<string, Case>();
  readonly threads = new Map<string, Thread>();
  readonly applied = new Map<string, number>();
  /** every mutation received, in arrival order (a retried push appears twice) */
  readonly pushed: Mutation[] = [];
  readonly pulls: PullRequest[] = [];
  readonly handshakes: HandshakeAuth[] = [];
  readonly bootstraps: BootstrapRequest[] = [];
  readonly fetches: FetchRequest[] = [];
  readonly referencePulls: ReferenceRequest[] = [];
  /** the reference stream (the directory: its team and both agents), ascending by version */
  readonly reference: ReferenceItem[] = [];
  private referenceTop = 0;
  /** decide a rejection per mutation (null → apply) */
  rejectWhen: ((m: Mutation) => ErrorBody | null) | null = null;
  /** answer pulls with a schema-violating page while true */
  corruptPulls = false;
  port = 0;
  private http: HttpServer | null = null;
  private io: IoServer | null = null;
  private readonly gates: Record<Kind, { promise: Promise<void>; release: () => void } | null> = { push: null, pull: null };

  constructor() {
    this.agent = makeAgent({ teamIds: [this.team.id] });
    this.otherAgent = makeAgent({ username: 'bob', displayName: 'Bob Agent', teamIds: [this.team.id] });
    this.putReference('directory.team', this.team.id, [this.team.id], this.team);
    for (const a of [this.agent, this.otherAgent]) this.putReference('directory.agent', a.id, a.teamIds, a);
  }

  /** Writes a reference item at the next version (data null: deletes it); the fake serves every item to everyone. */
  putReference(kind: string, id: string, teamIds: string[], data: unknown): void {
    const at = this.reference.findIndex((i) => i.kind === kind && i.id === id);
    if (at >= 0) this.reference.splice(at, 1);
    const version = ++this.referenceTop;
    this.reference.push({ kind, id, version, teamIds, data, deleted: data === null });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get seq(): number {
    return this.events.length;
  }

  pushCount(id: string): number {
    return this.pushed.filter((m) => m.id === id).length;
  }

  /** Seeds one customer with a case, a chat thread and a customer message; returns them. */
  seed(body = '血糖仪读数不准，我很担心') {
    const customer = makeCustomer(this.team.id);
    const c = makeCase(customer);
    const thread = makeThread(c);
    this.append(customerCreated(customer));
    this.append(caseOpened(c));
    this.append(threadOpened(thread));
    const msg = this.append(messageReceived(thread, body, at(2)));
    return { customer, case: c, thread, message: msg };
  }

  /** Appends to the log (server-assigned seq), updates projections, pokes connected clients. */
  append(e: NewEvent): Event {
    const event = { ...e, seq: this.events.length + 1 } as Event;
    this.events.push(event);
    if (event.kind === 'customer.created') this.customers.set(event.meta.customer.id, event.meta.customer);
    else if (event.kind === 'case.opened') this.cases.set(event.meta.case.id, event.meta.case);
    else if (event.kind === 'thread.opened') this.threads.set(event.meta.thread.id, event.meta.thread);
    else {
      const cu = this.customers.get(event.customerId);
      if (cu) this.customers.set(cu.id, applyToCustomer(cu, event));
      const c = event.caseId ? this.cases.get(event.caseId) : undefined;
      if (c) this.cases.set(c.id, applyToCase(c, event));
    }
    this.io?.emit(SYNC_EVENTS.poke, { seq: event.seq });
    return event;
  }

  /** Holds requests of one kind unanswered until the returned function is called. */
  hold(kind: Kind): () => void {
    let release!: () => void;
    const promise = new Promise<void>((r) => (release = r));
    const gate = { promise, release: () => undefined as void };
    gate.release = () => {
      if (this.gates[kind] === gate) this.gates[kind] = null;
      release();
    };
    this.gates[kind] = gate;
    return gate.release;
  }

  async start(): Promise<this> {
    const http = createServer((req, res) => void this.handleHttp(req, res));
    const io = new IoServer(http, { maxHttpBufferSize: MAX_SYNC_FRAME_BYTES, transports: ['websocket'] });
    io.use((socket, next) => {
      const auth = HandshakeAuth.safeParse(socket.handshake.auth);
      if (!auth.success || auth.data.token !== this.token) {
        const err = new Error('UNAUTHENTICATED') as Error & { data?: unknown };
        err.data = { code: 'UNAUTHENTICATED' };
        return next(err);
      }
      this.handshakes.push(auth.data);
      next();
    });
    io.on('connection', (socket) => {
      socket.on(SYNC_EVENTS.push, async (payload: unknown, ack: (a: unknown) => void) => {
        await this.gates.push?.promise;
        const req = PushRequest.safeParse(payload);
        if (!req.success) return ack({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'bad push' } });
        const results = req.data.mutations.map((m) => this.applyMutation(m));
        ack({ ok: true, value: { results } });
      });
      // The fake holds whole teams (a lead's scope): partial scopes are tested against the real server.
      socket.on(SYNC_EVENTS.bootstrap, (payload: unknown, ack: (a: unknown) => void) => {
        const req = BootstrapRequest.safeParse(payload);
        if (!req.success) return ack({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'bad bootstrap' } });
        this.bootstraps.push(req.data);
        ack({ ok: true, value: { top: this.seq, scope: 'team', customers: this.customers.size } });
      });
      socket.on(SYNC_EVENTS.fetch, (payload: unknown, ack: (a: unknown) => void) => {
        const req = FetchRequest.safeParse(payload);
        if (!req.success) return ack({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'bad fetch' } });
        this.fetches.push(req.data);
        const ids = new Set(req.data.customerIds);
        const all = this.events.filter((e) => ids.has(e.customerId) && (e.seq ?? 0) > req.data.after && (e.seq ?? 0) <= req.data.upTo);
        const page = all.slice(0, req.data.limit);
        const more = all.length > page.length;
        ack({ ok: true, value: { events: page, cursor: more ? (page[page.length - 1]!.seq ?? 0) : req.data.upTo, hasMore: more } });
      });
      socket.on(SYNC_EVENTS.reference, (payload: unknown, ack: (a: unknown) => void) => {
        const req = ReferenceRequest.safeParse(payload);
        if (!req.success) return ack({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'bad reference pull' } });
        this.referencePulls.push(req.data);
        const after = this.reference.filter((i) => i.version > req.data.after);
        const items = after.slice(0, req.data.limit);
        const more = after.length > items.length;
        const next = more ? items[items.length - 1]!.version : Math.max(req.data.after, this.referenceTop);
        ack({ ok: true, value: { items, next, hasMore: more, scope: `teams:${this.team.id}` } });
      });
      socket.on(SYNC_EVENTS.pull, async (payload: unknown, ack: (a: unknown) => void) => {
        const req = PullRequest.safeParse(payload);
        if (!req.success) return ack({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'bad pull' } });
        this.pulls.push(req.data);
        await this.gates.pull?.promise;
        if (this.corruptPulls) {
          return ack({ ok: true, value: { events: [{ id: 'not-a-uuid', body: 'SECRET-CORRUPT-BODY', kind: 'message.received' }], cursor: 99, hasMore: false } });
        }
        const end = req.data.until ?? this.seq;
        const after = this.events.filter((e) => (e.seq ?? 0) > req.data.cursor && (e.seq ?? 0) <= end);
        const page = after.slice(0, req.data.limit);
        const more = after.length > page.length;
        const cursor = more ? (page[page.length - 1]!.seq ?? 0) : Math.max(req.data.cursor, end);
        ack({ ok: true, value: { events: page, cursor, hasMore: more } });
      });
    });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (http.address() as AddressInfo).port;
    this.http = http;
    this.io = io;
    return this;
  }

  /** Closes the server (clients see a disconnect); the log survives for a later start() on the same port. */
  async stop(): Promise<void> {
    const io = this.io;
    const http = this.http;
    this.io = null;
    this.http = null;
    for (const k of ['push', 'pull'] as const) this.gates[k]?.release();
    if (io) await new Promise<void>((r) => void io.close(() => r()));
    http?.closeAllConnections();
    if (http?.listening) await new Promise<void>((r) => http.close(() => r()));
  }

  private applyMutation(m: Mutation): MutationResult {
    this.pushed.push(m);
    if (this.applied.has(m.id)) return { id: m.id, status: 'duplicate' };
    const rejection = this.rejectWhen?.(m);
    if (rejection) return { id: m.id, status: 'rejected', error: rejection };
    const author = authorOf(this.agent);
    const base = { id: m.id, author, occurredAt: m.occurredAt };
    const caseOf = (id: string) => this.cases.get(id);
    let e: NewEvent;
    switch (m.name) {
      case 'reply.send': {
        const c = caseOf(m.args.caseId);
        const t = this.threads.get(m.args.threadId);
        if (!c || !t) return { id: m.id, status: 'rejected', error: { code: 'NOT_FOUND', message: 'case not found' } };
        if (c.status === 'closed') return { id: m.id, status: 'rejected', error: { code: 'CONFLICT', message: 'case closed' } };
        e = { ...base, kind: 'message.sent', customerId: c.customerId, caseId: c.id, threadId: t.id, channel: t.channel, body: m.args.body, meta: { subject: null, deliveryStatus: 'sent' } };
        break;
      }
      case 'note.add':
        e = { ...base, kind: 'note.added', customerId: m.args.customerId, caseId: m.args.caseId, threadId: m.args.threadId, channel: 'internal', body: m.args.body, meta: {} };
        break;
      case 'case.setStatus':
      case 'case.assign':
      case 'case.setPriority': {
        const c = caseOf(m.args.caseId);
        if (!c) return { id: m.id, status: 'rejected', error: { code: 'NOT_FOUND', message: 'case not found' } };
        if (c.status === 'closed') return { id: m.id, status: 'rejected', error: { code: 'CONFLICT', message: 'case closed' } };
        const common = { ...base, customerId: c.customerId, caseId: c.id, threadId: null, channel: 'internal' as const, body: null };
        if (m.name === 'case.setStatus') e = { ...common, kind: 'case.status_changed', meta: { from: c.status, to: m.args.status } };
        else if (m.name === 'case.assign') e = { ...common, kind: 'case.assigned', meta: { from: c.assigneeId, to: m.args.assigneeId } };
        else e = { ...common, kind: 'case.priority_changed', meta: { from: c.priority, to: m.args.priority } };
        break;
      }
      case 'customer.update':
        e = { ...base, kind: 'customer.updated', customerId: m.args.customerId, caseId: null, threadId: null, channel: 'internal', body: null, meta: { patch: m.args.patch } };
        break;
      case 'customer.merge':
      case 'customer.unmerge':
      case 'customer.dismissSuggestion':
      case 'safety.flag':
      case 'safety.confirm':
      case 'safety.dismiss':
      case 'complaint.update':
      case 'complaint.decide':
      case 'script.record':
      case 'case.handoff':
      case 'approval.request':
      case 'approval.decide':
      case 'knowledge.feedback':
      case 'knowledge.draft':
      case 'case.requestHelp':
      case 'case.answerHelp':
      case 'case.fastTrack':
      case 'case.reviewFastTrack':
      case 'case.setTags':
        // merges, safety reviews, escalation and knowledge feedback are exercised against the real server (tests/integration)
        return { id: m.id, status: 'rejected', error: { code: 'INVALID_ARGUMENT', message: 'not supported by the fake server' } };
    }
    const appended = this.append(e);
    this.applied.set(m.id, appended.seq ?? 0);
    return { id: m.id, status: 'applied', seq: appended.seq ?? 0 };
  }

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && url.pathname === '/api/auth/login') {
      let raw = '';
      for await (const chunk of req) raw += String(chunk);
      const body = JSON.parse(raw || '{}') as { username?: string; password?: string };
      const who = [this.agent, this.otherAgent].find((a) => a.username === body.username);
      if (!who || body.password !== PASSWORD) return send(401, { error: { code: 'UNAUTHENTICATED', message: 'wrong username or password' } });
      return send(200, { token: this.token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), agent: who });
    }
    if (req.method === 'GET' && url.pathname === '/api/directory') {
      if (req.headers.authorization !== `Bearer ${this.token}`) return send(401, { error: { code: 'UNAUTHENTICATED', message: 'no' } });
      return send(200, { agents: [this.agent, this.otherAgent], teams: [this.team] });
    }
    if (url.pathname === '/api/health') return send(200, { ok: true });
    send(404, { error: { code: 'NOT_FOUND', message: 'no route' } });
  }
}

export async function startFakeServer(): Promise<FakeServer> {
  return new FakeServer().start();
}
