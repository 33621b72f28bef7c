import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { MAX_SYNC_FRAME_BYTES } from '../shared/contracts/sync';
import { CONVERSATIONS_OUTBOUND, CONVERSATIONS_OUTBOUND_ID } from '../shared/features/conversations/outbound';
import { putReference } from './kernel/reference/index';
import { startDeliveryWorker, type DeliveryWorker, type DeliveryWorkerOptions } from './channels/delivery/worker';
import type { ChannelSender } from './channels/types';
import { registerInboundChannels, type ChannelsConfig } from './channels/inbound';
import type { Db } from './kernel/db/types';
import { createSignInGuard, type SignInGuardOptions } from './kernel/auth/sign-in-guard';
import { errorHandler } from './kernel/http/errors';
import { createJobRunner, pruneJobsJob, type JobRunner, type JobRunnerOptions } from './kernel/jobs';
import { installRouteGuard, installSocketGuard } from './kernel/http/guard';
import { securityHeaders } from './kernel/http/security-headers';
import { authenticateRequest, registerRoutes } from './kernel/http/routes';
import { createLogger } from './kernel/logger';
import { featureRoutes, featureConnectionHooks, featureJobs, featureLiveHandlers, installServerFeatures, startFeatureServices } from './features';
import { attachSync, connectedAgents, notifyAgent, pokeReference, pokeTeams, registerConnectionHook, registerLiveHandler, type SyncServer } from './kernel/sync/socket';
import { SurveySettings } from '../shared/features/surveys';
import type { Pool } from 'pg';
import { clusterAdapter } from './kernel/sync/cluster';
import type { PageGateOptions } from './kernel/sync/gate';

/** How long a closing instance waits for the sync requests in hand to be answered before letting desktops go. */
const DRAIN_MS = 5_000;

export interface CreateServerOptions {
  /** An open, migrated database. The server never closes it: the caller owns it (see close()). */
  db: Db;
  /** back-pressure on sync page work (kernel/sync/gate.ts): pages built at a time, requests that may wait */
  syncPages?: Partial<PageGateOptions>;
  /** HS256 secret, ≥ 32 characters (see auth/secret.ts resolveJwtSecret). */
  jwtSecret: string;
  /** Default: a pino logger at info with the redaction rules of logger.ts. */
  logger?: Logger;
  /** Outbound channel senders (email over SMTP, …); with at least one, the delivery worker runs. Tests pass fakes. */
  senders?: readonly ChannelSender[];
  /** Retry/backoff settings of the delivery worker; its pollIntervalMs is the jobs runner's when `jobs` does not set one. */
  delivery?: Omit<DeliveryWorkerOptions, 'db' | 'senders' | 'poke' | 'logger' | 'runner'>;
  /** Polling, concurrency and lease of the server's jobs runner. */
  jobs?: Omit<JobRunnerOptions, 'db' | 'logger'>;
  /** Access-token lifetime in seconds (default 15 min; tests shorten it to see the desktop refresh). */
  accessTokenTtlSeconds?: number;
  /** Brute-force limits of the sign-in (defaults: src/shared/kernel/sign-in-limits.ts, hash-gate.ts). */
  signIn?: SignInGuardOptions;
  /** an agent's reply on an unowned case makes them its owner (OMNIDESK_REPLY_TAKES_CASE; default on) */
  replyTakesCase?: boolean;
  /** the address customers reach this server at, for survey links (default: the address it listens on) */
  publicUrl?: string;
  /** satisfaction surveys (issue 18): the delay after a resolve and the other rules (defaults: DOMAIN.md) */
  surveys?: Partial<SurveySettings>;
  /** Fastify's trustProxy (OMNIDESK_TRUST_PROXY): behind a load balancer, whose X-Forwarded-For gives the caller's address. */
  trustProxy?: boolean | string;
  /** Inbound channels (chat, social, phone); defaults from the environment (channels/inbound.ts). Their senders join `senders` when that is given. */
  channels?: Partial<ChannelsConfig>;
  /**
   * Several instances on one PostgreSQL (issue 17): a pg.Pool for the socket.io Postgres adapter, so a room's emit
   * (sync pokes, live relays, chat replies, wallboards) reaches sockets on every instance. Without it: this instance only.
   */
  cluster?: { pool: Pool };
  /**
   * Shutting down behind a load balancer (issue 17): how long close() keeps serving the connected desktops after
   * /api/ready turned 503, so the balancer's checks take this instance out first (CLI: OMNIDESK_DRAIN_MS, 2 s).
   */
  drainGraceMs?: number;
  /** Feature jobs on this instance (default all): tests of a seeded world from the past turn the SLA deadlines off. */
  featureJobs?: { sla?: boolean };
}

export interface OmnideskServer {
  app: FastifyInstance;
  io: SyncServer;
  /** Starts listening (port 0 = any free port) and resolves with the base URL, e.g. http://127.0.0.1:4010. */
  listen(options: { port: number; host?: string }): Promise<string>;
  /** Closes socket.io (disconnecting every client) and Fastify. Does NOT close the database. */
  close(): Promise<void>;
  /** Pokes the team rooms after events were appended outside sync:push (channel adapters, timers). */
  poke(teamSeqs: ReadonlyMap<string, number>): void;
  /** The outbound delivery worker, when senders were given. */
  delivery: DeliveryWorker | null;
  /** The jobs runner of this instance (kernel/jobs): delivery and housekeeping jobs; stopped by close(). */
  jobs: JobRunner;
}

/** Bodies of the HTTP API are small (login); sync traffic goes over socket.io with its own limit. */
const HTTP_BODY_LIMIT = 64 * 1024;

export function createServer(options: CreateServerOptions): OmnideskServer {
  const surveySettings = SurveySettings.parse(options.surveys ?? {});
  let publicUrl = options.publicUrl ?? '';
  installServerFeatures({ replyTakesCase: options.replyTakesCase ?? true, surveys: { settings: surveySettings } });
  const logger = options.logger ?? createLogger();
  const app: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: HTTP_BODY_LIMIT,
    forceCloseConnections: true,
    trustProxy: options.trustProxy ?? false,
  });
  const signIn = createSignInGuard(options.db, options.signIn);
  // set by close(): see /api/ready and the drain below
  let draining = false;
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (req, reply, payload) => {
    securityHeaders(req.url, (name, value) => {
      if (!reply.hasHeader(name)) void reply.header(name, value);
    });
    return payload;
  });
  app.setNotFoundHandler((_req, reply) => {
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'no such route' } });
  });
  // deny by default: before any route, so a route without an entry in ROUTE_PERMISSIONS cannot be registered
  installRouteGuard(app, (req) => authenticateRequest(options.db, options.jwtSecret, req));
  // routes that append poke the sync sockets, made just below (called only after both exist)
  registerRoutes(
    app,
    {
      db: options.db,
      jwtSecret: options.jwtSecret,
      signIn,
      accessTokenTtlSeconds: options.accessTokenTtlSeconds,
      poke: (teamSeqs) => pokeTeams(io, teamSeqs),
      pokeReference: (v) => pokeReference(io, v),
      notifyAgent: (agentId, event, payload) => notifyAgent(io, agentId, event, payload),
      publicUrl: () => publicUrl,
      draining: () => draining,
    },
    featureRoutes({ surveys: surveySettings }),
  );

  const io: SyncServer = new Server(app.server, {
    maxHttpBufferSize: MAX_SYNC_FRAME_BYTES,
    serveClient: false,
    // WebSocket only (desktops and the widget connect so): no long-polling transport to probe or flood
    transports: ['websocket'],
    // The desktop core connects from Node, not from a web page: no CORS needed.
    ...(options.cluster ? { adapter: clusterAdapter(options.cluster.pool, logger) } : {}),
  });
  installSocketGuard(io, { db: options.db, logger });
  const sync = attachSync(io, { db: options.db, jwtSecret: options.jwtSecret, logger, ...(options.syncPages ? { pages: options.syncPages } : {}) });
  const channels = registerInboundChannels(app, io as never, {
    db: options.db,
    logger,
    poke: (teamSeqs) => pokeTeams(io, teamSeqs),
    secret: options.jwtSecret,
    config: options.channels,
  });
  const senders = options.senders ? [...options.senders, ...channels.senders.filter((c) => !options.senders?.some((s) => s.channel === c.channel))] : [];
  const jobs = createJobRunner({
    pollIntervalMs: options.delivery?.pollIntervalMs,
    ...options.jobs,
    db: options.db,
    logger: logger.child({ component: 'jobs' }),
  });
  jobs.registerJob(pruneJobsJob(options.db));
  for (const job of channels.jobs) jobs.registerJob(job);
  const featureDeps = {
    db: options.db,
    poke: (teamSeqs: ReadonlyMap<string, number>) => pokeTeams(io, teamSeqs),
    notifyAgent: (agentId: string, event: string, payload: unknown) => notifyAgent(io, agentId, event, payload),
    connectedAgents: () => connectedAgents(io),
    publicUrl: () => publicUrl,
    surveySettings,
  };
  for (const job of featureJobs(featureDeps, { sla: options.featureJobs?.sla !== false })) jobs.registerJob(job);
  for (const hook of featureConnectionHooks(featureDeps)) registerConnectionHook(hook);
  for (const handler of featureLiveHandlers(featureDeps)) registerLiveHandler(handler);
  const stopFeatures = startFeatureServices({ ...featureDeps, logger });
  const delivery = senders.length
    ? startDeliveryWorker({
        ...options.delivery,
        db: options.db,
        senders,
        poke: (teamSeqs) => pokeTeams(io, teamSeqs),
        logger: logger.child({ component: 'delivery' }),
        runner: jobs,
      })
    : null;
  jobs.start();
  // which channels this instance can send on, for the desktops (a reply on one that cannot says so, issue 15)
  app.addHook('onReady', async () => {
    const can = (c: string) => senders.some((s) => s.channel === c);
    await options.db.transaction((tx) =>
      putReference(tx, CONVERSATIONS_OUTBOUND, [{ id: CONVERSATIONS_OUTBOUND_ID, teamIds: [], data: { email: can('email'), social: can('social'), chat: can('chat') } }]),
    );
  });

  let closing: Promise<void> | null = null;
  return {
    app,
    io,
    async listen({ port, host = '127.0.0.1' }) {
      await app.listen({ port, host });
      const addr = app.server.address() as AddressInfo;
      const shown = addr.address === '0.0.0.0' || addr.address === '::' ? '127.0.0.1' : addr.address;
      const url = `http://${addr.family === 'IPv6' && shown.includes(':') ? `[${shown}]` : shown}:${addr.port}`;
      publicUrl ||= url;
      return url;
    },
    close() {
      closing ??= (async () => {
        // draining (issue 17): /api/ready says 503 so a balancer sends no one new here, new desktops are turned away
        // (they retry elsewhere), and what connected desktops asked is answered before they are let go
        draining = true;
        sync.drain();
        if (options.drainGraceMs) await new Promise((r) => setTimeout(r, options.drainGraceMs));
        stopFeatures();
        await delivery?.stop();
        await jobs.stop();
        await sync.idle(DRAIN_MS);
        // socket.io first (it disconnects every client and closes the engine), then Fastify closes
        // the HTTP server. io.close() would close the HTTP server itself; Fastify must own that.
        io.local.disconnectSockets(true);
        // the cluster adapter (if any) stops listening and heart-beating, and gives its pool's client back
        await Promise.all([...io._nsps.values()].map((nsp) => Promise.resolve(nsp.adapter.close())));
        io.engine.close();
        await app.close();
      })();
      return closing;
    },
    poke(teamSeqs) {
      pokeTeams(io, teamSeqs);
    },
    delivery,
    jobs,
  };
}
