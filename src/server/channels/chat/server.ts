import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Namespace, Server, Socket } from 'socket.io';
import { z } from 'zod';
import { safeError } from '../../kernel/logger';
import { normaliseEmail } from '../../features/identity/normalise';
import { ingestInbound, type IngestDeps } from '../ingest';
import { PermanentDeliveryError, type ChannelSender } from '../types';
import { chatAddress, createChatGuard, type ChatGuard, type ChatGuardConfig, type ChatRefusal } from './guard';
import { cleanChatText, issueSession, verifySession } from './session';
import { widgetHtml } from './widget';
import { surveyText } from '../../../shared/features/surveys';

/** Socket events of the /chat namespace (customer widget ↔ server). */
export const CHAT_EVENTS = {
  session: 'chat:session',
  status: 'chat:status',
  history: 'chat:history',
  message: 'chat:message',
  typing: 'chat:typing',
  offline: 'chat:offline',
  /** server → widget: a refusal of the flood guard ({code, message, retryAfterMs}) */
  error: 'chat:error',
} as const;
/** Ephemeral events on the agents' sync sockets (never stored). */
export const LIVE_EVENTS = { typing: 'live:typing', call: 'live:call' } as const;

export interface ChatOptions {
  /** signs chat session tokens */
  secret: string;
  teamHint?: string | null;
  /** flood guard limits (guard.ts; from OMNIDESK_CHAT_* by default) and the optional challenge hook */
  guard?: Partial<ChatGuardConfig>;
}

interface SessionInfo {
  threadId: string;
  customerId: string;
  teamId: string;
}

const room = (sessionId: string) => `chat:${sessionId}`;
/** A message as the widget shows it; `survey`: the survey page's path, answered in place as a card (issue 18). */
interface WidgetMessage {
  id: string;
  from: 'customer' | 'agent';
  text: string;
  survey?: { path: string; texts: Record<string, string | readonly string[]> };
}

/**
 * The card of a survey message: the link's path (posted to the server that served the widget) and the words of the
 * card in the customer's language; the full page stays one tap away for the other questions.
 */
function surveyCard(link: string | null, language: string): Pick<WidgetMessage, 'survey'> {
  if (!link) return {};
  let path: string;
  try {
    path = new URL(link).pathname;
  } catch {
    return {};
  }
  const t = surveyText(language);
  return { survey: { path, texts: { nps: t.nps, npsEnds: t.npsEnds, comment: t.comment, send: t.send, more: t.more, thanks: t.thanks, thanksDetractor: t.thanksDetractor, answered: t.answered, expired: t.expired, invalid: t.invalid, bad: t.bad } } };
}

const ClientMessage = z.object({ id: z.string().min(1).max(100), text: z.string().max(20_000), name: z.string().max(200).optional() });
const OfflineMessage = ClientMessage.extend({ email: z.string().max(300) });
const AgentTyping = z.object({ threadId: z.uuid(), typing: z.boolean() });

type AnyServer = Server;

function socketIoClientScript(): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve('socket.io-client'));
  for (let i = 0; i < 5 && !dir.endsWith('socket.io-client'); i++) dir = dirname(dir);
  return readFileSync(join(dir, 'dist', 'socket.io.min.js'), 'utf8');
}

/**
 * The chat channel: the widget page, the `/chat` socket.io namespace for customers, typing relays, and
 * the ChannelSender that delivers agent replies to the customer's session room.
 */
export function attachChat(app: FastifyInstance, io: AnyServer, deps: IngestDeps, options: ChatOptions): { sender: ChannelSender; namespace: Namespace; guard: ChatGuard } {
  let script: string | null = null;
  app.get('/chat/widget', async (_req, reply) => {
    return reply
      .header('content-security-policy', "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self' ws: wss:; img-src 'self' data:; base-uri 'none'; form-action 'none'")
      .header('x-content-type-options', 'nosniff')
      .type('text/html; charset=utf-8')
      .send(widgetHtml());
  });
  app.get('/chat/socket.io.min.js', async (_req, reply) => {
    script ??= socketIoClientScript();
    return reply.header('cache-control', 'public, max-age=3600').type('application/javascript; charset=utf-8').send(script);
  });

  const sessions = new Map<string, SessionInfo>();
  const lookup = async (sessionId: string): Promise<SessionInfo | null> => {
    const known = sessions.get(sessionId);
    if (known) return known;
    const { rows } = await deps.db.query<{ id: string; customer_id: string; team_id: string }>(
      `select t.id, t.customer_id, c.team_id from threads t join customers c on c.id = t.customer_id
        where t.channel = 'chat' and t.external_ref = $1 order by t.opened_at desc limit 1`,
      [sessionId],
    );
    const r = rows[0];
    if (!r) return null;
    const info = { threadId: r.id, customerId: r.customer_id, teamId: r.team_id };
    sessions.set(sessionId, info);
    return info;
  };
  const agentsOnline = async () => (await io.of('/').fetchSockets()).length > 0;
  const guard = createChatGuard(options.guard, {
    onPrune: (ids) => {
      for (const id of ids) sessions.delete(id);
      deps.logger.debug({ route: 'chat', pruned: ids.length }, 'idle chat sessions pruned');
    },
  });
  const trustProxy = options.guard?.trustProxy ?? false;
  let refusals = 0;
  const refused = (r: ChatRefusal, where: 'connect' | 'message') => {
    refusals++;
    // counts and codes only: never the address, the session or the text
    if (refusals === 1 || refusals % 100 === 0) deps.logger.warn({ route: 'chat', where, code: r.code, refusals }, 'chat guard refused');
  };

  const nsp = io.of('/chat');
  nsp.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as { session?: unknown };
    const existing = verifySession(options.secret, auth.session);
    const address = chatAddress(socket.handshake, trustProxy);
    const s = existing ? { sessionId: existing, token: auth.session as string, fresh: false } : { ...issueSession(options.secret), fresh: true };
    guard
      .admit({ address, sessionId: s.sessionId, fresh: s.fresh, auth: auth as Record<string, unknown> })
      .then((refusal) => {
        if (refusal) {
          refused(refusal, 'connect');
          // the widget gets connect_error with err.message and err.data = {code, message, retryAfterMs}
          return next(Object.assign(new Error(refusal.message), { data: refusal }));
        }
        socket.data = { ...s, address };
        next();
      })
      .catch((err: unknown) => {
        deps.logger.error({ route: 'chat', err: safeError(err) }, 'chat guard failed');
        next(new Error('chat is unavailable; try again'));
      });
  });

  nsp.on('connection', (socket: Socket) => {
    const { sessionId, token, address } = socket.data as { sessionId: string; token: string; address: string };
    socket.on('disconnect', () => guard.release(sessionId));
    void socket.join(room(sessionId));
    socket.emit(CHAT_EVENTS.session, { token, sessionId });
    void (async () => {
      const info = await lookup(sessionId);
      socket.emit(CHAT_EVENTS.status, { agentsOnline: await agentsOnline(), conversation: Boolean(info) });
      if (info) socket.emit(CHAT_EVENTS.history, await history(sessionId));
    })().catch((err: unknown) => deps.logger.error({ route: 'chat', err: safeError(err) }, 'chat connect failed'));

    const receive = (kind: 'message' | 'offline') => (...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args[args.length - 1] as (r: unknown) => void) : () => undefined;
      void (async () => {
        const p = (kind === 'offline' ? OfflineMessage : ClientMessage).safeParse(args[0]);
        const text = p.success ? cleanChatText(p.data.text) : null;
        if (!p.success || !text) return ack({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'a message needs an id and some text' } });
        const email = kind === 'offline' ? normaliseEmail((p.data as { email?: string }).email ?? null) : null;
        if (kind === 'offline' && !email) return ack({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'a valid email address is needed' } });
        const refusal = await guard.message({ address, sessionId });
        if (refusal) {
          refused(refusal, 'message');
          socket.emit(CHAT_EVENTS.error, refusal);
          return ack({ ok: false, error: refusal });
        }
        try {
          const r = await ingestInbound(deps, {
            channel: 'chat',
            providerMessageId: `${sessionId}:${p.data.id}`,
            threadRef: sessionId,
            // anonymous: the typed email is a claim (issue 9), and nothing here is verified
            identity: { displayName: p.data.name?.trim() || null, claimedEmail: email, verified: false },
            subject: kind === 'offline' ? 'Chat message left offline' : null,
            body: text,
            occurredAt: new Date().toISOString(),
            teamHint: options.teamHint ?? null,
          });
          const { rows } = await deps.db.query<{ team_id: string }>('select team_id from customers where id = $1', [r.customerId]);
          // a chat message always has a thread (only a social reaction to an unknown message may have none)
          sessions.set(sessionId, { threadId: r.threadId ?? '', customerId: r.customerId, teamId: rows[0]?.team_id ?? '' });
          socket.to(room(sessionId)).emit(CHAT_EVENTS.message, { id: p.data.id, from: 'customer', text });
          ack({ ok: true, status: r.status });
        } catch (err) {
          deps.logger.warn({ route: 'chat', err: safeError(err) }, 'chat message not stored');
          ack({ ok: false, error: { code: 'UNAVAILABLE', message: 'not stored; try again' } });
        }
      })();
    };
    socket.on(CHAT_EVENTS.message, receive('message'));
    socket.on(CHAT_EVENTS.offline, receive('offline'));
    socket.on(CHAT_EVENTS.typing, (payload: unknown) => {
      const typing = Boolean((payload as { typing?: unknown } | null)?.typing);
      void (async () => {
        if (!(await guard.typing(sessionId))) return; // a flood of typing signals is dropped, never relayed
        const info = await lookup(sessionId);
        if (!info) return;
        const msg = { threadId: info.threadId, customerId: info.customerId, typing, from: 'customer' };
        io.of('/').to(`team:${info.teamId}`).to('admins').emit(LIVE_EVENTS.typing, msg);
      })().catch(() => undefined);
    });
  });

  // Agents' typing, from their desktop's sync socket → the customer's widget.
  io.of('/').on('connection', (socket) => {
    socket.on(LIVE_EVENTS.typing, (payload: unknown) => {
      const p = AgentTyping.safeParse(payload);
      if (!p.success) return;
      void (async () => {
        const { rows } = await deps.db.query<{ external_ref: string; team_id: string }>(
          `select external_ref, team_id from threads where id = $1 and channel = 'chat'`,
          [p.data.threadId],
        );
        const t = rows[0];
        const rooms = ((socket.data ?? {}) as { rooms?: string[] }).rooms ?? [];
        if (!t || !(rooms.includes('admins') || rooms.includes(`team:${t.team_id}`))) return;
        nsp.to(room(t.external_ref)).emit(CHAT_EVENTS.typing, { typing: p.data.typing });
      })().catch(() => undefined);
    });
  });

  async function history(sessionId: string): Promise<WidgetMessage[]> {
    const { rows } = await deps.db.query<{ id: string; kind: string; body: string | null; pid: string | null; survey: string | null; language: string | null }>(
      `select e.id, e.kind, e.body, e.meta->>'providerMessageId' as pid, e.meta->'survey'->>'link' as survey,
              (select c.data->>'language' from customers c where c.id = e.customer_id) as language from events e join threads t on t.id = e.thread_id
        where t.channel = 'chat' and t.external_ref = $1 and e.kind in ('message.received', 'message.sent')
        order by e.seq desc limit 200`,
      [sessionId],
    );
    return rows.reverse().map((r) => ({
      id: r.kind === 'message.received' && r.pid?.startsWith(`${sessionId}:`) ? r.pid.slice(sessionId.length + 1) : r.id,
      from: r.kind === 'message.received' ? 'customer' : 'agent',
      text: r.body ?? '',
      ...surveyCard(r.survey, r.language ?? 'en'),
    }));
  }

  const sender: ChannelSender = {
    channel: 'chat',
    send(message) {
      const ref = message.thread.externalRef;
      if (message.thread.channel !== 'chat' || !ref) return Promise.reject(new PermanentDeliveryError('not a chat thread'));
      const m: WidgetMessage = { id: message.eventId, from: 'agent', text: message.body, ...surveyCard(message.survey?.link ?? null, message.customer.language) };
      nsp.to(room(ref)).emit(CHAT_EVENTS.message, m);
      return Promise.resolve({ providerMessageId: `chat:${message.eventId}` });
    },
  };
  return { sender, namespace: nsp, guard };
}
