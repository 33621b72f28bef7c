import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DesktopCore, type CoreNotification, type DesktopCoreOptions } from '../core/desktop-core';
import type { BridgeHandlerInput } from '../core/kernel/bridge/dispatch';
import type { Logger } from '../core/kernel/logger';
import { normalizeServerUrl } from '../core/kernel/session/auth';
import { OfflineCredentials, signIn } from '../core/kernel/session/offline-credentials';
import { rememberServerUrl, rememberedServerUrl } from '../core/kernel/session/workstation';
import { privateDir } from '../core/kernel/private-fs';
import type { SessionInfo } from '../../shared';

/** A signed-in agent's desktop core and the browser connections bound to it. */
export interface AgentEntry {
  agentId: string;
  core: DesktopCore;
  /** the connections (browser windows) bound to this core */
  clients: Set<BoundClient>;
  /** session tokens issued for this agent (a reload re-binds with one, without the password) */
  tokens: Set<string>;
  unsubscribe: () => void;
}

/** What the registry needs from a connection. */
export interface BoundClient {
  entry: AgentEntry | null;
  notify(n: CoreNotification): void;
  sessionChanged(token: string | null): void;
}

export interface AgentCoresOptions {
  dataDir: string;
  defaultServerUrl: string;
  logger: Logger;
  core?: Pick<DesktopCoreOptions, 'fetch' | 'httpTimeoutMs' | 'sync' | 'secretBox'>;
}

/**
 * web-host's workstations: one DesktopCore per signed-in agent, each with its own cache directory
 * (`<dataDir>/<agentId>/`), so an agent and a lead in two browser windows behave like two workstations.
 */
export class AgentCores {
  private readonly entries = new Map<string, AgentEntry>();
  private readonly tokens = new Map<string, AgentEntry>();
  /** offline sign-in for the whole host (`<dataDir>/offline-signin/`): it finds the agent id, hence the core */
  private readonly credentials: OfflineCredentials;

  constructor(private readonly opts: AgentCoresOptions) {
    // the host's data folder holds every agent's cache: 0700, and so each agent's below it (issue 9, finding 7)
    privateDir(opts.dataDir);
    this.credentials = new OfflineCredentials(opts.dataDir, { secretBox: opts.core?.secretBox, logger: opts.logger });
  }

  /**
   * Authenticates with the server — or, when it cannot be reached, with the credentials remembered at this
   * username's last online sign-in here — then binds `client` to the agent's core (created on first sign-in).
   */
  async login(client: BoundClient, input: BridgeHandlerInput<'session.login'>): Promise<SessionInfo> {
    const serverUrl = normalizeServerUrl(input.serverUrl ?? rememberedServerUrl(this.opts.dataDir) ?? this.opts.defaultServerUrl);
    const http = { ...(this.opts.core?.fetch ? { fetch: this.opts.core.fetch } : {}), timeoutMs: this.opts.core?.httpTimeoutMs ?? 10_000 };
    const { login, offline } = await signIn(serverUrl, { username: input.username, password: input.password }, http, this.credentials, this.opts.logger);
    const existing = this.entries.get(login.agent.id);
    const entry = existing ?? this.create(login.agent.id);
    let info: SessionInfo;
    try {
      info = await entry.core.adoptSession(serverUrl, login, { offline, credentials: { username: input.username, password: input.password } });
    } catch (err) {
      if (!existing) await this.drop(entry);
      throw err;
    }
    rememberServerUrl(this.opts.dataDir, serverUrl);
    const token = randomBytes(32).toString('base64url');
    entry.tokens.add(token);
    this.tokens.set(token, entry);
    this.bind(client, entry);
    client.sessionChanged(token);
    return info;
  }

  /** Re-binds a reconnecting window by its session token; false when the token is unknown. */
  resume(client: BoundClient, token: string): boolean {
    const entry = this.tokens.get(token);
    if (!entry) return false;
    this.bind(client, entry);
    return true;
  }

  /** Signs the agent out: every window bound to that agent is unbound, the core stops and is closed. */
  async logout(client: BoundClient): Promise<void> {
    const entry = client.entry;
    if (!entry) return;
    await this.drop(entry);
  }

  detach(client: BoundClient): void {
    client.entry?.clients.delete(client);
    client.entry = null;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => this.drop(e)));
  }

  get size(): number {
    return this.entries.size;
  }

  private create(agentId: string): AgentEntry {
    const core = new DesktopCore({
      ...this.opts.core,
      dataDir: join(this.opts.dataDir, agentId),
      defaultServerUrl: this.opts.defaultServerUrl,
      logger: this.opts.logger,
    });
    const entry: AgentEntry = { agentId, core, clients: new Set(), tokens: new Set(), unsubscribe: () => undefined };
    entry.unsubscribe = core.subscribe((n) => {
      for (const c of entry.clients) c.notify(n);
    });
    this.entries.set(agentId, entry);
    return entry;
  }

  private bind(client: BoundClient, entry: AgentEntry): void {
    if (client.entry && client.entry !== entry) client.entry.clients.delete(client);
    client.entry = entry;
    entry.clients.add(client);
  }

  private async drop(entry: AgentEntry): Promise<void> {
    if (this.entries.get(entry.agentId) === entry) this.entries.delete(entry.agentId);
    // Sign out first so the bound windows still receive the final `signed_out` status.
    await entry.core.handlers['session.logout']({});
    for (const t of entry.tokens) this.tokens.delete(t);
    entry.tokens.clear();
    const clients = [...entry.clients];
    entry.clients.clear();
    for (const c of clients) {
      c.entry = null;
      c.sessionChanged(null);
    }
    entry.unsubscribe();
    await entry.core.dispose();
  }
}
