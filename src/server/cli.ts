/**
 * The central server: `npm run server` (tsx src/server/cli.ts [--demo]). Migrates; on a database without agents
 * seeds the demo data when it is the embedded default (no DATABASE_URL) or when asked (`--demo`, OMNIDESK_DEMO=1),
 * else creates the first admin with a one-time password (OMNIDESK_ADMIN_PASSWORD, or generated and printed once).
 * Listens. stdout is the JSON log only; what a person reads (URL, logins) goes to stderr. Environment: config.ts.
 */
import { createServer } from './app';
import { channelsConfigFromEnv } from './channels/inbound';
import { phoneSettings } from './features/identity';
import { createEmailParsePool, createSmtpSender, DEFAULT_EMAIL_LIMITS, inlineEmailParser, loadEmailConfig, startImapPoller, startSmtpInbound } from './channels/email';
import { resolveJwtSecret } from './kernel/auth/secret';
import { loadConfig } from './kernel/config';
import { migrate } from './kernel/db/migrate';
import pg from 'pg';
import { openDatabase } from './kernel/db/open';
import { leadWhenPossible } from './kernel/db/leader';
import { createHash } from 'node:crypto';
import { createLogger, safeError } from './kernel/logger';
import { DEMO_LOGINS } from './seed/demo';
import { seedDemoIfEmpty } from './seed/seed-db';
import { createFirstAdmin } from './features/accounts';
import { importShippedDocuments } from './features/escalation';
import { importShippedArticles, publishKnowledgeSettings } from './features/knowledge';
import { fileURLToPath } from 'node:url';

/** The shipped escalation rules and scripts (OMNIDESK_ESCALATION_DIR overrides, e.g. for a customer's own set). */
const SHIPPED_ESCALATION = fileURLToPath(new URL('../../resources/escalation', import.meta.url));
/** The shipped knowledge articles (OMNIDESK_KNOWLEDGE_DIR overrides). */
const SHIPPED_KNOWLEDGE = fileURLToPath(new URL('../../resources/knowledge', import.meta.url));

/** The demo's help center (a made-up address: the demo org's public articles would live there). */
const DEMO_HELP_CENTER = 'https://help.vitalink.example';

/**
 * A line on stderr each tenth of the demo seed (a first start writes tens of thousands of events): `npm start` shows
 * it, so a newcomer sees progress instead of a silent minute. Plain text, not a log record; no data in it.
 */
function seedProgress(): (done: number, total: number) => void {
  let shown = -1;
  return (done, total) => {
    const tenth = total ? Math.floor((done / total) * 10) : 10;
    if (tenth === shown) return;
    shown = tenth;
    process.stderr.write(`Seeding the demo data: ${tenth * 10}% (${done.toLocaleString('en')} of ${total.toLocaleString('en')} events)\n`);
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger, poolSize: config.dbPool });
  const applied = await migrate(db);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  const demo = config.demo || process.argv.includes('--demo') || config.databaseUrl === null;
  const seeded = demo ? await seedDemoIfEmpty(db, {}, seedProgress()) : null;
  if (seeded) logger.info({ ...seeded.counts, ms: seeded.ms }, 'demo data seeded');
  const firstAdmin = demo ? null : await createFirstAdmin(db, config.adminPassword);
  if (firstAdmin) logger.info({ generated: firstAdmin.generated }, 'first admin created');
  // after the seed: the demo history is not re-evaluated, what arrives from now on is
  await importShippedDocuments(db, config.escalationDir ?? SHIPPED_ESCALATION, logger.child({ component: 'escalation' }));
  await importShippedArticles(db, config.knowledgeDir ?? SHIPPED_KNOWLEDGE, logger.child({ component: 'knowledge' }));
  await publishKnowledgeSettings(db, config.helpCenterUrl ?? (demo ? DEMO_HELP_CENTER : null));
  const jwtSecret = await resolveJwtSecret({ envSecret: config.jwtSecret, dataDir: config.dataDir });
  const email = loadEmailConfig();
  const smtpSender = email.outbound ? createSmtpSender({ transport: email.outbound.url, from: email.outbound.from }) : null;
  // several instances (OMNIDESK_CLUSTER=postgres): their own small pool for the adapter's LISTEN and NOTIFYs
  const clusterPool = config.cluster && config.databaseUrl ? new pg.Pool({ connectionString: config.databaseUrl, max: 2 }) : null;
  clusterPool?.on('error', (err: Error & { code?: string }) => logger.warn({ code: err.code ?? 'unknown' }, 'cluster pool idle client error'));
  const server = createServer({ db, jwtSecret, logger, senders: smtpSender ? [smtpSender] : [], trustProxy: config.trustProxy,
    ...(clusterPool ? { cluster: { pool: clusterPool } } : {}),
    drainGraceMs: config.drainMs,
    replyTakesCase: config.replyTakesCase,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    ...(config.surveyDelayHours !== null ? { surveys: { delayHours: config.surveyDelayHours } } : {}),
  });
  const url = await server.listen({ port: config.port, host: config.host });
  const emailLog = logger.child({ channel: 'email' });
  const limits = { ...DEFAULT_EMAIL_LIMITS, maxMessageBytes: email.maxMessageBytes };
  const poke = (teamSeqs: ReadonlyMap<string, number>) => server.poke(teamSeqs);
  // large messages are parsed in worker threads, so a 20 MB email never holds up health checks, webhooks or sync
  const parser =
    (email.inbound || email.imap) && email.parse.threads !== 0
      ? createEmailParsePool({ ...(email.parse.threads ? { threads: email.parse.threads } : {}), inlineBytes: email.parse.inlineBytes, budgetMs: email.parse.budgetMs })
      : inlineEmailParser();
  // a signature's phone numbers are read in the desk's region, as on every other path
  const channels = channelsConfigFromEnv();
  const phone = phoneSettings(channels.phoneRegion, channels.deskNumbers);
  const smtpInbound = email.inbound
    ? await startSmtpInbound({ db, logger: emailLog, poke, limits, parser, phone, port: email.inbound.port, host: email.inbound.host })
    : null;
  const imap = email.imap;
  const startImap = () =>
    imap
      ? startImapPoller({
          db,
          logger: emailLog,
          poke,
          limits,
          parser,
          phone,
          imap: { host: imap.host, port: imap.port, secure: imap.secure, auth: { user: imap.user, pass: imap.pass } },
          mailbox: imap.mailbox,
          intervalMs: imap.intervalMs,
        })
      : null;
  let imapPoller = config.cluster ? null : startImap();
  // several instances: one polls the mailbox at a time (the one holding its lead); another takes over if it dies
  const imapLead =
    imap && config.cluster && config.databaseUrl
      ? leadWhenPossible({
          connectionString: config.databaseUrl,
          name: `imap:${createHash('sha256').update(`${imap.host}|${imap.user}|${imap.mailbox}`).digest('hex').slice(0, 16)}`,
          logger: emailLog,
          onLead: () => (imapPoller ??= startImap()),
          onLost: () => {
            void imapPoller?.stop();
            imapPoller = null;
          },
        })
      : null;
  logger.info({ smtpInbound: smtpInbound?.port ?? null, imap: !!imap, imapLead: imapLead ? 'contended' : null, smtpOutbound: !!smtpSender }, 'email channel');

  console.error(`Omnidesk server listening on ${url} (database: ${db.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'})`);
  if (seeded) {
    console.error('Demo logins (demo data only):');
    for (const l of DEMO_LOGINS) console.error(`  ${l.username.padEnd(10)} ${l.password.padEnd(20)} ${l.description}`);
  }
  if (firstAdmin?.generated) {
    // printed once, here: only its hash is kept, and it must be changed at the first sign-in
    console.error(`First admin created: username "${firstAdmin.username}", one-time password: ${firstAdmin.password}`);
    console.error('Sign in and change it now; it is not shown again.');
  } else if (firstAdmin) {
    console.error(`First admin created: username "${firstAdmin.username}" with OMNIDESK_ADMIN_PASSWORD (one-time: change it at the first sign-in).`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void (async () => {
      try {
        await imapLead?.stop();
        await imapPoller?.stop();
        await smtpInbound?.close();
        await parser.close();
        await server.close();
        smtpSender?.close();
        await clusterPool?.end();
        await db.close();
        process.exit(0);
      } catch (err) {
        logger.error({ err: safeError(err) }, 'shutdown failed');
        process.exit(1);
      }
    })();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('Omnidesk server failed to start:', err instanceof Error ? err.message : String(err));
  process.exit(1);
});
