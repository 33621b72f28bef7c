import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALWAYS_OPEN,
  caseSla,
  CaseStatus,
  computeClocks,
  DEFAULT_POLICY,
  Id,
  OmnideskError,
  type Agent,
  type Case,
  type Channel,
  MUTATION_NAMES,
  type MutationName,
  type BridgeEventName,
  type BridgeEventPayload,
  type DirectoryResponse,
  type LoginResponse,
  type QueueRow,
  type SessionInfo,
  type SyncStatus,
  queueSafety,
  type SafetyAlert,
  type EscalationAlert,
  type SlaAlert,
} from '../../shared';
import type { BridgeHandlers } from './kernel/bridge/dispatch';
import { errorFacts, silentLogger, type Logger } from './kernel/logger';
import { commitLocalChange, redoRejected, type LocalChange } from './kernel/mutations';
import { authenticate, changePassword, endServerSession, fetchDirectory, normalizeServerUrl, refreshSession, searchServerCustomers, type HttpOptions } from './kernel/session/auth';
import { OfflineCredentials, signIn, type SecretBox } from './kernel/session/offline-credentials';
import { cacheKey } from './kernel/session/cache-key';
import { rememberServerUrl, rememberedServerUrl } from './kernel/session/workstation';
import { discardRejected, Store } from './kernel/store/index';
import { SyncClient, type SyncClientOptions } from './kernel/sync/sync-client';
import { identityHandlers } from './features/identity';
import { installDesktopFeatures } from './features';
import { conversationHandlers, pendingUploads, relayLive, uploadPending } from './features/conversations';
import { surveysHandlers } from './features/surveys';
import { cachedDirectory } from './features/directory';
import { cachedCaseSla, newSlaAlerts, slaHandlers } from './features/sla';
import { complaintExportHandlers, newSafetyAlerts, safetyAlertHandlers } from './features/safety';
import { escalationHandlers, newEscalationAlerts } from './features/escalation';
import { knowledgeHandlers } from './features/knowledge';
import { newAttention, relayRoutingLive, routingHandlers } from './features/routing';
import { leadHandlers, relayLeadLive } from './features/lead';
import { macrosHandlers } from './features/macros';
import { AlertInbox } from './kernel/alert-inbox';
import { privateDir } from './kernel/private-fs';
import { AccessLog, auditHandlers, sendAccessReport } from './features/audit';
import { accountsHandlers } from './features/accounts';

export interface DesktopCoreOptions {
  /** where this workstation keeps its cache files (`cache-<agentId>.sqlite`) and settings */
  dataDir: string;
  /** the server used at sign-in when none is given and none was used before */
  defaultServerUrl: string;
  logger?: Logger;
  /** HTTP for login/directory; tests may pass their own */
  fetch?: typeof fetch;
  httpTimeoutMs?: number;
  /** audit access reports: batch delay and size (features/audit AccessLog); `enabled: false` records nothing (the bench's baseline only) */
  audit?: { flushMs?: number; maxBatch?: number; enabled?: boolean };
  /** sync tuning (pull page size, ack timeout, reconnection delays) */
  sync?: Omit<SyncClientOptions, 'serverUrl' | 'token' | 'store' | 'logger'>;
  /**
   * Seals the offline sign-in files (password hash, last token) at rest: Electron passes one built on
   * safeStorage; without it (web-host, tests) the files rely on their 0600 mode.
   */
  secretBox?: SecretBox;
}

/** A bridge notification as the transports forward it. */
export type CoreNotification = { [E in BridgeEventName]: { event: E; payload: BridgeEventPayload<E> } }[BridgeEventName];

interface ActiveSession {
  agent: Agent;
  serverUrl: string;
  /** the server's bearer token (the offline sign-in file keeps the last one, see session/offline-credentials.ts) */
  token: string;
  /** the rotating refresh token and when the access token expires (refreshed a minute before, and on reauth) */
  refreshToken: string | null;
  expiresAt: string;
  refreshTimer: ReturnType<typeof setTimeout> | null;
  /** signed in from remembered credentials while the server was unreachable */
  offline: boolean;
  /** signed in with a one-time password: only changing it works until then */
  mustChangePassword: boolean;
  /**
   * Signed in offline: the credentials just checked against this workstation's file, kept in memory only until
   * the server answers, so the session signs in online by itself when it is back (the remembered access token
   * is short-lived, and its server session may have ended at the last sign-out).
   */
  pendingOnline: { username: string; password: string } | null;
  store: Store;
  sync: SyncClient;
  /** opened customers and cache searches, reported to the audit trail in batches (features/audit) */
  access: AccessLog;
  /** SLA alerts raised in this session and not dismissed (features/sla) */
  slaAlerts: AlertInbox<SlaAlert>;
  safetyAlerts: AlertInbox<SafetyAlert>;
  escalationAlerts: AlertInbox<EscalationAlert>;
}

/** The queue's default: cases still to work. A resolved or closed one is listed only when asked for (the status filter). */
const OPEN_STATUSES = CaseStatus.options.filter((s) => s !== 'closed' && s !== 'resolved');
const SIGNED_OUT: SyncStatus = { state: 'signed_out', pending: 0, rejected: 0, cursor: 0, lastSyncedAt: null };

/**
 * The desktop's engine, independent of Electron: one workstation's session, cache, outbox and sync client,
 * served through `handlers` (one per bridge method; wrap them with createDispatcher) and `subscribe`
 * (the bridge events). Construct with a temp dataDir and a server URL in tests.
 */
export class DesktopCore {
  readonly handlers: BridgeHandlers;
  private readonly log: Logger;
  /** features' work for when the sync connection comes (back) online */
  private readonly onlineListeners: Array<() => void> = [];
  private readonly http: HttpOptions;
  private readonly credentials: OfflineCredentials;
  private session: ActiveSession | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private readonly listeners = new Set<(n: CoreNotification) => void>();

  constructor(private readonly opts: DesktopCoreOptions) {
    installDesktopFeatures();
    this.log = opts.logger ?? silentLogger;
    this.http = { ...(opts.fetch ? { fetch: opts.fetch } : {}), timeoutMs: opts.httpTimeoutMs ?? 10_000 };
    this.credentials = new OfflineCredentials(opts.dataDir, { secretBox: opts.secretBox, logger: this.log });
    this.handlers = this.makeHandlers();
  }

  /** The signed-in agent's id, or null. */
  get agentId(): string | null {
    return this.session?.agent.id ?? null;
  }

  /** Every bridge notification (`sync.status`, `data.changed`). Returns the unsubscribe function. */
  subscribe(listener: (n: CoreNotification) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  on<E extends BridgeEventName>(event: E, listener: (payload: BridgeEventPayload<E>) => void): () => void {
    return this.subscribe((n) => {
      if (n.event === event) listener(n.payload as BridgeEventPayload<E>);
    });
  }

  /**
   * Starts (or renews) the session of an agent who has already authenticated with `serverUrl` — what
   * `session.login` does after the HTTP login; web-host calls it directly after routing by agent id.
   * `offline`: the login is the one remembered on this workstation (the server was unreachable); `credentials`
   * (offline only) let the session sign in online by itself once the server answers.
   */
  adoptSession(serverUrl: string, login: LoginResponse, opts: { offline?: boolean; credentials?: { username: string; password: string } } = {}): Promise<SessionInfo> {
    return this.serialize(async () => {
      const offline = opts.offline ?? false;
      const info = await this.adopt(normalizeServerUrl(serverUrl), login, offline);
      if (this.session) this.session.pendingOnline = offline && opts.credentials ? { ...opts.credentials } : null;
      return info;
    });
  }

  /** The server address the next sign-in uses when none is given. */
  defaultServerUrl(): string {
    return rememberedServerUrl(this.opts.dataDir) ?? this.opts.defaultServerUrl;
  }

  /** Sends the audit access records waiting in the buffer now (sign-out does it too; the bench waits on it). */
  async flushAudit(): Promise<void> {
    await this.session?.access.flush();
  }

  /** Stops sync and closes the cache. The core answers as signed out afterwards. */
  async dispose(): Promise<void> {
    await this.serialize(async () => {
      this.end();
      this.disposed = true;
    });
    this.listeners.clear();
  }

  // ---- session ---------------------------------------------------------------------------------

  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async adopt(serverUrl: string, login: LoginResponse, offline: boolean): Promise<SessionInfo> {
    if (this.disposed) throw new OmnideskError('UNAVAILABLE', 'the desktop core is shutting down');
    const agent = login.agent;
    if (this.session && (this.session.agent.id !== agent.id || this.session.serverUrl !== serverUrl)) this.end();

    if (this.session) {
      // Same agent signing in again (new token): keep the cache, restart sync with the new token.
      this.session.sync.stop();
      this.session.token = login.token;
      this.session.refreshToken = offline ? null : (login.refreshToken ?? null);
      this.session.expiresAt = login.expiresAt;
      this.session.offline = offline;
      this.session.mustChangePassword = login.mustChangePassword === true;
      this.session.agent = agent;
      this.session.store.meta.setAgent(agent);
      this.session.sync = this.startSync(this.session.store, serverUrl);
    } else {
      const store = this.openStore(agent.id, serverUrl);
      store.meta.setAgent(agent);
      const session: ActiveSession = {
        agent,
        serverUrl,
        token: login.token,
        refreshToken: offline ? null : (login.refreshToken ?? null),
        expiresAt: login.expiresAt,
        refreshTimer: null,
        offline,
        mustChangePassword: login.mustChangePassword === true,
        pendingOnline: null,
        store,
        sync: null as unknown as SyncClient,
        access: null as unknown as AccessLog,
        slaAlerts: new AlertInbox<SlaAlert>(),
        safetyAlerts: new AlertInbox<SafetyAlert>(),
        escalationAlerts: new AlertInbox<EscalationAlert>(),
      };
      this.session = session;
      session.access = this.startAccessLog(() => session);
      session.sync = this.startSync(store, serverUrl);
    }
    this.scheduleRefresh();
    rememberServerUrl(this.opts.dataDir, serverUrl);
    this.log.info({ agentId: agent.id, offline }, 'signed in');
    // Offline: the server was just found unreachable; the cached directory serves until it is back.
    if (!offline) {
      await this.refreshDirectory().catch((err: unknown) => {
        this.log.warn({ code: err instanceof OmnideskError ? err.code : 'INTERNAL' }, 'directory not refreshed at sign-in');
      });
    }
    this.emit({ event: 'sync.status', payload: this.session.sync.status() });
    return { agent, serverUrl, offline, ...(this.session.mustChangePassword ? { mustChangePassword: true } : {}) };
  }

  private openStore(agentId: string, serverUrl: string): Store {
    if (!Id.safeParse(agentId).success) throw new OmnideskError('UNAVAILABLE', 'the server sent an invalid agent id');
    privateDir(this.opts.dataDir);
    const file = join(this.opts.dataDir, `cache-${agentId}.sqlite`);
    let store = this.openCacheFile(file, agentId);
    const previous = store.meta.serverUrl();
    if (previous !== null && previous !== serverUrl) {
      // The cache mirrors another server's log (cursor, ids): start afresh rather than mix two logs.
      this.log.warn({ agentId }, 'cache belonged to another server; starting a new cache');
      store.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      store = this.openCacheFile(file, agentId);
    }
    store.meta.setServerUrl(serverUrl);
    return store;
  }

  /**
   * Opens the cache, encrypted at rest when a SecretBox (the OS keychain) is there. A cache that can no longer
   * be read (its key was lost with a reset keychain, or the file is damaged) is set aside, not deleted, and a
   * new one is started: the server has everything that was synced.
   */
  private openCacheFile(file: string, agentId: string): Store {
    try {
      return Store.open(file, { ...this.storeOptions(), key: cacheKey(file, this.opts.secretBox) });
    } catch (err) {
      const aside = `${file}.unreadable-${Date.now()}`;
      this.log.error({ agentId, ...errorFacts(err) }, 'cache unreadable; set aside, starting a new cache');
      for (const suffix of ['', '-wal', '-shm', '.key']) if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${aside}${suffix}`);
      return Store.open(file, { ...this.storeOptions(), key: cacheKey(file, this.opts.secretBox) });
    }
  }

  /** The cache's background work reports failures to our log (by class and code only, never data). */
  private storeOptions() {
    return { fts: { onError: (err: unknown) => this.log.warn(errorFacts(err), 'full-text indexing failed; retrying') } };
  }

  private startSync(store: Store, serverUrl: string): SyncClient {
    // the token is read at every handshake, so a refreshed one is used on the next (re)connect
    const token = () => this.session?.token ?? '';
    const onLive = (event: string, payload: unknown) => {
      const relayed = relayLeadLive(
        event,
        payload,
        store,
        (board) => this.emit({ event: 'lead.wallboard', payload: board }),
        (message) => this.emit({ event: 'lead.message', payload: message }),
      );
      if (relayed) return;
      if (!relayRoutingLive(event, payload, (n) => this.emit(n), this.log)) relayLive(event, payload, (n) => this.emit(n), this.log);
    };
    // files attached while the server was away go up before the replies that name them
    const beforePush = async () => {
      const s = this.session;
      if (s && s.store === store && pendingUploads(store) > 0) await uploadPending(store, s, this.http, this.log);
    };
    const sync = new SyncClient({ ...this.opts.sync, serverUrl, token, store, logger: this.log, onLive, beforePush });
    let wasOnline = false;
    sync.onStatus((s) => {
      // the server refused the token (expired while asleep, say): one refresh before asking the agent to sign in
      if (s.state === 'reauth') void this.refreshNow('reauth');
      // back online: what features kept for the server while it was away goes now (knowledge gaps)
      if (s.state === 'online' && !wasOnline) for (const fn of this.onlineListeners) fn();
      wasOnline = s.state === 'online';
      this.emit({ event: 'sync.status', payload: s });
    });
    sync.onChange((c) => {
      this.emit({ event: 'data.changed', payload: c });
      this.raiseSlaAlerts(store);
      this.raiseSafetyAlerts(store);
      this.raiseEscalationAlerts(store);
      this.raiseAttention(store);
    });
    sync.start();
    return sync;
  }

  /** After a pull: the SLA warnings and breaches this agent is to hear about (features/sla alerts), once each. */
  private raiseSlaAlerts(store: Store): void {
    const s = this.session;
    if (!s || s.store !== store) return;
    try {
      const alerts = newSlaAlerts(store, s.agent, Date.now());
      if (!alerts.length) return;
      s.slaAlerts.add(alerts);
      this.emit({ event: 'sla.alert', payload: { alerts } });
    } catch (err) {
      this.log.warn(errorFacts(err), 'SLA alerts could not be read');
    }
  }

  /** After a pull: possible harm reported on this lead's or specialist's teams (features/safety alerts), once each. */
  private raiseSafetyAlerts(store: Store): void {
    const s = this.session;
    if (!s || s.store !== store) return;
    try {
      const alerts = newSafetyAlerts(store, s.agent, Date.now());
      if (!alerts.length) return;
      s.safetyAlerts.add(alerts);
      this.emit({ event: 'safety.alert', payload: { alerts } });
    } catch (err) {
      this.log.warn(errorFacts(err), 'safety alerts could not be read');
    }
  }

  /** After a pull: customers writing on this agent's cases, and their offers that ended elsewhere (features/routing). */
  private raiseAttention(store: Store): void {
    const s = this.session;
    if (!s || s.store !== store) return;
    try {
      const { items, ended } = newAttention(store, s.agent, Date.now());
      if (items.length) this.emit({ event: 'routing.attention', payload: { items } });
      for (const e of ended) this.emit({ event: 'routing.offerEnded', payload: e });
    } catch (err) {
      this.log.warn(errorFacts(err), 'attention could not be read');
    }
  }

  /** After a pull: handoffs, approvals to decide or decided, rules telling the lead (features/escalation alerts), once each. */
  private raiseEscalationAlerts(store: Store): void {
    const s = this.session;
    if (!s || s.store !== store) return;
    try {
      const alerts = newEscalationAlerts(store, s.agent, Date.now());
      if (!alerts.length) return;
      s.escalationAlerts.add(alerts);
      this.emit({ event: 'escalation.alert', payload: { alerts } });
    } catch (err) {
      this.log.warn(errorFacts(err), 'escalation alerts could not be read');
    }
  }

  /** The session's access log: sends with the session's current token (a renewed sign-in keeps the buffer). */
  private startAccessLog(target: () => { serverUrl: string; token: string }): AccessLog {
    const audit = this.opts.audit ?? {};
    return new AccessLog({
      flushMs: audit.flushMs,
      maxBatch: audit.maxBatch,
      logger: this.log,
      send: async (report) => {
        const s = target();
        await sendAccessReport({ serverUrl: s.serverUrl, token: s.token }, report, this.http);
      },
    });
  }

  /** A refresh a minute before the access token expires (at least 5 s from now). */
  private scheduleRefresh(): void {
    const s = this.session;
    if (!s) return;
    if (s.refreshTimer) clearTimeout(s.refreshTimer);
    s.refreshTimer = null;
    if (!s.refreshToken) return;
    const due = Math.max(5_000, Date.parse(s.expiresAt) - Date.now() - 60_000);
    s.refreshTimer = setTimeout(() => void this.refreshNow('timer'), Math.min(due, 2 ** 31 - 1));
    s.refreshTimer.unref?.();
  }

  /** The server is back after an offline sign-in: sign in online with the credentials of this session, once. */
  private async signInOnline(s: ActiveSession): Promise<void> {
    const creds = s.pendingOnline;
    if (!creds) return;
    try {
      const next = await authenticate(s.serverUrl, creds, this.http);
      if (this.session !== s || next.agent.id !== s.agent.id) return;
      s.pendingOnline = null;
      s.token = next.token;
      s.refreshToken = next.refreshToken ?? null;
      s.expiresAt = next.expiresAt;
      s.offline = false;
      this.log.info({ agentId: s.agent.id }, 'signed in online after an offline sign-in');
      this.scheduleRefresh();
    } catch (err) {
      const code = err instanceof OmnideskError ? err.code : 'INTERNAL';
      this.log.warn({ code }, 'online sign-in after offline sign-in failed');
      // refused (password changed meanwhile): the agent is asked to sign in; unreachable: the next reauth retries
      if (code === 'UNAUTHENTICATED') s.pendingOnline = null;
    }
  }

  private refreshing: Promise<void> | null = null;
  /** Rotates the refresh token; the new access token serves HTTP calls at once and the socket at its next handshake. */
  private refreshNow(why: 'timer' | 'reauth'): Promise<void> {
    this.refreshing ??= (async () => {
      const s = this.session;
      if (s && !s.refreshToken && s.pendingOnline && why === 'reauth') return this.signInOnline(s);
      if (!s?.refreshToken) return;
      try {
        const next = await refreshSession(s.serverUrl, s.refreshToken, this.http);
        if (this.session !== s || next.agent.id !== s.agent.id) return;
        s.token = next.token;
        s.refreshToken = next.refreshToken ?? null;
        s.expiresAt = next.expiresAt;
        this.log.info({ agentId: s.agent.id, why }, 'session refreshed');
        // after 'reauth' the connection retries its handshake with backoff by itself, reading this token
        this.scheduleRefresh();
      } catch (err) {
        const code = err instanceof OmnideskError ? err.code : 'INTERNAL';
        this.log.warn({ code, why }, 'session not refreshed');
        if (code === 'UNAUTHENTICATED') {
          s.refreshToken = null; // the session ended: the next refused handshake asks the agent to sign in
        } else if (this.session === s) {
          // unreachable or a server error: try again in 30 s
          if (s.refreshTimer) clearTimeout(s.refreshTimer);
          s.refreshTimer = setTimeout(() => void this.refreshNow('timer'), 30_000);
          s.refreshTimer.unref?.();
        }
      }
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private end(): void {
    const s = this.session;
    if (!s) return;
    // a last report of what was opened (best effort: the token is still valid for it)
    void s.access.stop().catch(() => undefined);
    if (s.refreshTimer) clearTimeout(s.refreshTimer);
    this.session = null;
    s.sync.stop();
    s.store.close();
    this.log.info({ agentId: s.agent.id }, 'signed out');
    this.emit({ event: 'sync.status', payload: SIGNED_OUT });
  }

  private active(): ActiveSession {
    if (!this.session) throw new OmnideskError('UNAUTHENTICATED', 'not signed in');
    return this.session;
  }

  private async refreshDirectory(): Promise<DirectoryResponse> {
    const s = this.active();
    const directory = await fetchDirectory(s.serverUrl, s.token, this.http);
    if (this.session === s) s.store.meta.setDirectory(directory);
    return directory;
  }

  private emit(n: CoreNotification): void {
    for (const l of this.listeners) {
      try {
        l(n);
      } catch (err) {
        this.log.error({ event: n.event, ...errorFacts(err) }, 'bridge event listener failed');
      }
    }
  }

  /** Tells the renderer what changed and the sync client that the outbox did. */
  private afterLocalChange(s: ActiveSession, customerIds: string[], caseIds: string[]): void {
    this.emit({ event: 'data.changed', payload: { customerIds, caseIds, all: false } });
    s.sync.nudge();
  }

  private change(change: LocalChange): { eventId: string } {
    const s = this.active();
    const event = commitLocalChange(s.store, s.agent, change);
    this.log.info({ eventId: event.id, kind: event.kind }, 'local change queued');
    this.emit({
      event: 'data.changed',
      payload: { customerIds: [event.customerId], caseIds: event.caseId ? [event.caseId] : [], all: false },
    });
    s.sync.nudge();
    return { eventId: event.id };
  }

  // ---- bridge handlers -------------------------------------------------------------------------

  /** One bridge method per shared mutation definition: decided against the cache, queued in the outbox. */
  private mutationHandlers(): Pick<BridgeHandlers, MutationName> {
    const entries = MUTATION_NAMES.map((name) => [name, async (args: unknown) => this.change({ name, args } as LocalChange)]);
    return Object.fromEntries(entries) as Pick<BridgeHandlers, MutationName>;
  }

  private makeHandlers(): BridgeHandlers {
    return {
      ...this.mutationHandlers(),
      'session.login': (input) =>
        this.serialize(async () => {
          const serverUrl = normalizeServerUrl(input.serverUrl ?? this.defaultServerUrl());
          // Online first; when the server cannot be reached, this workstation's remembered credentials.
          const { login, offline } = await signIn(serverUrl, { username: input.username, password: input.password }, this.http, this.credentials, this.log);
          const info = await this.adopt(serverUrl, login, offline);
          if (this.session) this.session.pendingOnline = offline ? { username: input.username, password: input.password } : null;
          return info;
        }),

      'session.current': async () =>
        this.session
          ? {
              agent: this.session.agent,
              serverUrl: this.session.serverUrl,
              offline: this.session.offline,
              ...(this.session.mustChangePassword ? { mustChangePassword: true } : {}),
            }
          : null,

      'session.changePassword': (input) =>
        this.serialize(async () => {
          const s = this.session;
          if (!s) throw new OmnideskError('UNAUTHENTICATED', 'not signed in');
          await changePassword(s.serverUrl, s.token, input, this.http);
          s.mustChangePassword = false;
          // the socket was refused while the password was one-time: connect again now
          s.sync.stop();
          s.sync = this.startSync(s.store, s.serverUrl);
          if (!s.offline) await this.refreshDirectory().catch(() => undefined);
          return {};
        }),

      'session.logout': () =>
        this.serialize(async () => {
          const s = this.session;
          // end the session on the server too (its tokens are refused from now on); signed out locally either way
          if (s && !s.offline) await endServerSession(s.serverUrl, s.token, { ...this.http, timeoutMs: 3_000 }).catch(() => undefined);
          this.end();
          return {};
        }),

      'directory.get': async () => {
        const s = this.active();
        // from the replicated reference data once synced (offline too); before that, the server's answer
        const replicated = cachedDirectory(s.store, s.agent);
        if (replicated) return replicated;
        const cached = s.store.meta.directory();
        if (cached) return cached;
        return this.refreshDirectory();
      },

      'queue.list': async (input) => {
        const s = this.active();
        const teams = s.agent.role === 'admin' ? 'all' : s.agent.teamIds;
        const rows = s.store.cases.queue(input.statuses ?? OPEN_STATUSES, teams);
        const cases = rows.map((r) => JSON.parse(r.case_json) as Case);
        const now = Date.now();
        const sla = cachedCaseSla(s.store, cases.map((c) => c.id), now);
        return rows.map((r, i): QueueRow => {
          const c = cases[i]!;
          return {
            caseId: c.id,
            customerId: c.customerId,
            customerName: r.customer_name ?? '',
            vip: r.vip === 1,
            subject: c.subject,
            status: c.status,
            priority: c.priority,
            channel: r.channel as Channel | null,
            assigneeId: c.assigneeId,
            teamId: c.teamId,
            openedAt: c.openedAt,
            updatedAt: c.updatedAt,
            firstResponseDueAt: c.firstResponseDueAt,
            resolutionDueAt: c.resolutionDueAt,
            firstRespondedAt: c.firstRespondedAt,
            sla: sla.get(c.id) ?? caseSla(computeClocks([], DEFAULT_POLICY, ALWAYS_OPEN, 0)),
            ...(c.safety ? { safety: queueSafety(c, now) } : {}),
            ...(c.escalation?.handoff ? { handoff: c.escalation.handoff.to } : {}),
            ...(c.fastTrack && c.fastTrack.reviewedAt === null ? { fastTracked: true } : {}),
          };
        });
      },

      'case.sla': async ({ caseId }) => {
        const s = this.active();
        const sla = cachedCaseSla(s.store, [caseId], Date.now()).get(caseId);
        if (!sla) throw new OmnideskError('NOT_FOUND', 'case not found');
        return sla;
      },

      'customer.get': async ({ customerId }) => {
        const s = this.active();
        const customer = s.store.customers.get(customerId);
        if (!customer) throw new OmnideskError('NOT_FOUND', 'customer not found');
        return { customer, cases: s.store.cases.byCustomer(customerId), threads: s.store.threads.byCustomer(customerId) };
      },

      'timeline.get': async ({ customerId, channels, before, limit = 500 }) => {
        const s = this.active();
        if (!s.store.customers.get(customerId)) throw new OmnideskError('NOT_FOUND', 'customer not found');
        // opening a customer's timeline (its first page) is an access the audit trail records, batched
        if (!before && this.opts.audit?.enabled !== false) s.access.opened(customerId);
        const rows = s.store.events.timelineDesc({ customerId, limit: limit + 1, ...(channels ? { channels } : {}), ...(before ? { before } : {}) });
        const hasMore = rows.length > limit;
        const items = rows.slice(0, limit).reverse();
        const oldest = items[0];
        return {
          items,
          nextBefore: hasMore && oldest ? { occurredAt: oldest.event.occurredAt, id: oldest.event.id } : null,
        };
      },


      'search.query': async ({ q, limit = 50 }) => {
        const s = this.active();
        if (this.opts.audit?.enabled !== false) s.access.searched(q, 'cache');
        return s.store.search.search(q, limit);
      },

      'customer.find': async ({ q, limit = 20 }) => {
        const s = this.active();
        const found = await searchServerCustomers(s.serverUrl, s.token, { q, limit }, this.http);
        if (this.session !== s) throw new OmnideskError('UNAUTHENTICATED', 'not signed in');
        return found.customers.map((c) => ({ customerId: c.id, name: c.name, teamId: c.teamId, vip: c.vip, cached: s.store.replica.holds(c.id) }));
      },

      'customer.open': async ({ customerId }) => {
        const s = this.active();
        if (s.store.replica.holds(customerId)) return { customerId, fetched: false };
        const found = await s.sync.ensureCustomer(customerId);
        if (!found) throw new OmnideskError('NOT_FOUND', 'customer not found');
        this.log.info({ customerId }, 'customer fetched on demand');
        return { customerId, fetched: true };
      },

      'sync.status': async () => (this.session ? this.session.sync.status() : SIGNED_OUT),

      ...identityHandlers({ store: () => this.active().store }),
      ...auditHandlers({ session: () => this.active(), http: this.http }),
      ...slaHandlers({
        inbox: () => this.active().slaAlerts,
        store: () => this.active().store,
        session: () => this.active(),
        http: this.http,
        referenceChanged: () => this.active().sync.pullNow(),
      }),
      ...safetyAlertHandlers({ inbox: () => this.active().safetyAlerts }),
      ...escalationHandlers({
        store: () => this.active().store,
        agent: () => this.active().agent,
        session: () => this.active(),
        http: this.http,
        inbox: () => this.active().escalationAlerts,
        change: (c) => this.change(c),
        referenceChanged: () => this.active().sync.pullNow(),
      }),
      ...knowledgeHandlers({
        store: () => this.active().store,
        session: () => this.active(),
        http: this.http,
        logger: this.log,
        whenOnline: (fn) => this.onlineListeners.push(fn),
        referenceChanged: () => this.active().sync.pullNow(),
      }),
      ...routingHandlers({ store: () => this.active().store, session: () => this.active(), http: this.http, referenceChanged: () => this.active().sync.pullNow() }),
      ...leadHandlers({ store: () => this.active().store, session: () => this.active(), http: this.http }),
      ...macrosHandlers({ store: () => this.active().store, agent: () => this.active().agent, session: () => this.active(), http: this.http, referenceChanged: () => this.active().sync.pullNow() }),
      ...accountsHandlers({ session: () => this.active(), http: this.http, directoryChanged: () => this.active().sync.pullNow() }),
      ...surveysHandlers({ session: () => this.active(), http: this.http }),
      ...complaintExportHandlers({ session: () => this.active(), http: this.http }),
      ...conversationHandlers({
        active: () => {
          const s = this.active();
          return { store: s.store, emitLive: (event, payload) => s.sync.emitLive(event, payload), session: s };
        },
        http: this.http,
        whenOnline: (fn) => this.onlineListeners.push(fn),
      }),
      'sync.rejected': async () =>
        this.active()
          .store.outbox.rejected(1000)
          .map(({ mutation: m, error }) => {
            const e = this.active().store.events.get(m.id)?.event;
            return {
              eventId: m.id,
              name: m.name,
              customerId: e?.customerId ?? null,
              caseId: e?.caseId ?? null,
              occurredAt: m.occurredAt,
              error: error ?? { code: 'INTERNAL', message: 'rejected' },
            };
          }),
      'sync.redo': async ({ eventId }) => {
        const s = this.active();
        const event = redoRejected(s.store, s.agent, eventId);
        this.afterLocalChange(s, [event.customerId], event.caseId ? [event.caseId] : []);
        return { eventId: event.id };
      },
      'sync.discard': async ({ eventId }) => {
        const s = this.active();
        const t = discardRejected(s.store, eventId);
        this.afterLocalChange(s, [...t.customerIds], [...t.caseIds]);
        return {};
      },
    };
  }
}
