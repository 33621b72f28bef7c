import type { LevelWithSilent } from 'pino';

export interface ServerConfig {
  /** PORT, default 4010 */
  port: number;
  /** HOST, default 127.0.0.1 */
  host: string;
  /** DATABASE_URL: a PostgreSQL server; null → embedded PGlite in `<dataDir>/pgdata` */
  databaseUrl: string | null;
  /** OMNIDESK_DATA_DIR, default `.omnidesk-data/server`: PGlite files and the generated JWT secret */
  dataDir: string;
  /** OMNIDESK_JWT_SECRET; null → generated once and kept in `<dataDir>/jwt-secret` */
  jwtSecret: string | null;
  /** LOG_LEVEL, default info */
  logLevel: LevelWithSilent;
  /**
   * OMNIDESK_TRUST_PROXY: unset → the socket's address is the caller's (sign-in limits per address); `true` → trust
   * X-Forwarded-For from any proxy; else a comma list of proxy addresses/CIDRs to trust (behind a load balancer).
   */
  trustProxy: boolean | string;
  /** OMNIDESK_DEMO=1 (or the CLI's `--demo`): seed the demo world on an empty database even on PostgreSQL */
  demo: boolean;
  /** OMNIDESK_ADMIN_PASSWORD: the first admin's one-time password on an empty non-demo database (else generated) */
  adminPassword: string | null;
  /** OMNIDESK_ESCALATION_DIR: the escalation rule and script files imported at start; null → the shipped resources/escalation */
  escalationDir: string | null;
  /** OMNIDESK_KNOWLEDGE_DIR: the knowledge articles imported at start; null → the shipped resources/knowledge */
  knowledgeDir: string | null;
  /** the public help center articles are linked on (OMNIDESK_HELP_CENTER_URL); the demo has its own */
  helpCenterUrl: string | null;
  /** OMNIDESK_REPLY_TAKES_CASE (default true): replying to an unassigned case takes it */
  replyTakesCase: boolean;
  /** OMNIDESK_PUBLIC_URL: the address customers open survey links at (default: the address the server listens on) */
  publicUrl: string | null;
  /** OMNIDESK_SURVEY_DELAY_HOURS (default 24): how long after a resolve the survey goes */
  surveyDelayHours: number | null;
  /**
   * OMNIDESK_CLUSTER=postgres: several instances share the database; their sockets reach each other through the
   * socket.io Postgres adapter (needs DATABASE_URL). Unset: one instance, nothing crosses.
   */
  cluster: 'postgres' | null;
  /** OMNIDESK_DRAIN_MS (default 2000): on SIGTERM, how long the instance says 503 on /api/ready before it lets desktops go */
  drainMs: number;
  /** OMNIDESK_DB_POOL (default 10): this instance's PostgreSQL connections (the cluster adapter takes 2 more) */
  dbPool: number;
}

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = '.omnidesk-data/server';
const LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads the server's configuration from the environment; throws a clear Error for an invalid value. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const portText = env.PORT?.trim() || String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`PORT must be an integer 0-65535, got "${portText}"`);
  const level = (env.LOG_LEVEL?.trim() || 'info') as LevelWithSilent;
  if (!LEVELS.includes(level)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}`);
  return {
    port,
    host: env.HOST?.trim() || DEFAULT_HOST,
    databaseUrl: env.DATABASE_URL?.trim() || null,
    dataDir: env.OMNIDESK_DATA_DIR?.trim() || DEFAULT_DATA_DIR,
    jwtSecret: env.OMNIDESK_JWT_SECRET?.trim() || null,
    logLevel: level,
    trustProxy: parseTrustProxy(env.OMNIDESK_TRUST_PROXY),
    demo: env.OMNIDESK_DEMO?.trim() === '1' || env.OMNIDESK_DEMO?.trim() === 'true',
    adminPassword: env.OMNIDESK_ADMIN_PASSWORD || null,
    escalationDir: env.OMNIDESK_ESCALATION_DIR?.trim() || null,
    knowledgeDir: env.OMNIDESK_KNOWLEDGE_DIR?.trim() || null,
    helpCenterUrl: env.OMNIDESK_HELP_CENTER_URL?.trim() || null,
    replyTakesCase: !['0', 'false', 'no', 'off'].includes((env.OMNIDESK_REPLY_TAKES_CASE ?? '').trim().toLowerCase()),
    publicUrl: parsePublicUrl(env.OMNIDESK_PUBLIC_URL),
    surveyDelayHours: parseDelay(env.OMNIDESK_SURVEY_DELAY_HOURS),
    cluster: parseCluster(env.OMNIDESK_CLUSTER, env.DATABASE_URL),
    drainMs: parseDrain(env.OMNIDESK_DRAIN_MS),
    dbPool: parsePool(env.OMNIDESK_DB_POOL),
  };
}

function parsePublicUrl(raw: string | undefined): string | null {
  const v = raw?.trim();
  if (!v) return null;
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(v)) throw new Error(`OMNIDESK_PUBLIC_URL must be an http(s) address without query, got "${v}"`);
  return v.replace(/\/+$/, '');
}

function parseDelay(raw: string | undefined): number | null {
  const v = raw?.trim();
  if (!v) return null;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 336) throw new Error(`OMNIDESK_SURVEY_DELAY_HOURS must be a number of hours from 0 to 336, got "${v}"`);
  return n;
}

function parseTrustProxy(raw: string | undefined): boolean | string {
  const v = raw?.trim() ?? '';
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1') return true;
  return v;
}

function parseCluster(raw: string | undefined, databaseUrl: string | undefined): 'postgres' | null {
  const v = raw?.trim().toLowerCase();
  if (!v || v === 'off' || v === 'none') return null;
  if (v !== 'postgres') throw new Error(`OMNIDESK_CLUSTER must be "postgres" (or unset), not ${JSON.stringify(raw)}`);
  if (!databaseUrl) throw new Error('OMNIDESK_CLUSTER=postgres needs DATABASE_URL: the embedded database serves one instance only');
  return 'postgres';
}

function parseDrain(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 2000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 120_000) throw new Error(`OMNIDESK_DRAIN_MS must be whole milliseconds from 0 to 120000, not ${JSON.stringify(raw)}`);
  return n;
}

function parsePool(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 10;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 2 || n > 500) throw new Error(`OMNIDESK_DB_POOL must be a whole number from 2 to 500, not ${JSON.stringify(raw)}`);
  return n;
}
