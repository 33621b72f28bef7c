import { deliveryUpdateEvent } from '../delivery/status-event';
import type { FastifyInstance } from 'fastify';
import { OmnideskError } from '../../../shared/kernel/errors';
import type { Event } from '../../../shared/kernel/event';
import type { Queryable } from '../../kernel/db/types';
import { appendEvents, lockEventLog } from '../../kernel/events/append';
import { safeError } from '../../kernel/logger';
import { ingestInbound, type IngestDeps } from '../ingest';
import { ChatwootMessageCreated, MetaWebhook, parseChatwoot, parseMetaWebhook, verifySignature, type ParsedStatus } from './parse';

export interface SocialWebhookConfig {
  /** the Meta app secret: X-Hub-Signature-256 is checked against it */
  appSecret: string;
  /** answered in the GET verification handshake */
  verifyToken: string;
  /** team for new customers from social (name or id); default routing otherwise */
  teamHint?: string | null;
  /** shared secret of the Chatwoot-style webhook (`?token=` or `X-Omnidesk-Token`); unset → that route answers 404 */
  chatwootToken?: string | null;
}

const WEBHOOK_BODY_LIMIT = 1024 * 1024;

const fail = (code: string, message: string) => ({ error: { code, message } });

/**
 * `GET /webhooks/social` (verification handshake) and `POST /webhooks/social` (Meta webhook: signature
 * over the RAW body, then messages → ingest, statuses → message.delivery_updated). Registered as its own
 * plugin, so the raw-body parser applies to these routes only.
 */
export function registerSocialWebhook(app: FastifyInstance, deps: IngestDeps, config: SocialWebhookConfig): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));

    scope.get('/webhooks/social', async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const mode = q['hub.mode'];
      const token = q['hub.verify_token'];
      const challenge = q['hub.challenge'];
      if (mode === 'subscribe' && typeof token === 'string' && config.verifyToken && safeEqual(token, config.verifyToken) && typeof challenge === 'string') {
        return reply.status(200).type('text/plain').send(challenge.slice(0, 200));
      }
      deps.logger.warn({ route: 'social.verify' }, 'social webhook verification refused');
      return reply.status(403).send(fail('FORBIDDEN', 'verification failed: hub.mode must be subscribe and hub.verify_token must match'));
    });

    scope.post('/webhooks/social', { bodyLimit: WEBHOOK_BODY_LIMIT }, async (req, reply) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const sig = req.headers['x-hub-signature-256'];
      if (!verifySignature(raw, typeof sig === 'string' ? sig : undefined, config.appSecret)) {
        deps.logger.warn({ route: 'social.webhook', reason: sig ? 'bad_signature' : 'no_signature' }, 'social webhook refused');
        return reply.status(401).send(fail('UNAUTHENTICATED', 'X-Hub-Signature-256 is missing or does not match the payload'));
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        return reply.status(400).send(fail('INVALID_ARGUMENT', 'body is not JSON'));
      }
      const p = MetaWebhook.safeParse(json);
      if (!p.success) {
        deps.logger.warn({ route: 'social.webhook' }, 'social webhook: unknown payload shape');
        return reply.status(400).send(fail('INVALID_ARGUMENT', 'not a WhatsApp/Messenger webhook payload (object, entry[] expected)'));
      }
      const parsed = parseMetaWebhook(p.data, { teamHint: config.teamHint ?? null });
      const settled = await Promise.allSettled(parsed.messages.map((m) => ingestInbound(deps, m)));
      const failed = settled.filter((s) => s.status === 'rejected');
      let statuses = 0;
      if (parsed.statuses.length) statuses = await applyStatuses(deps, parsed.statuses);
      const appended = settled.filter((s) => s.status === 'fulfilled' && s.value.status === 'appended').length;
      deps.logger.info(
        { route: 'social.webhook', messages: parsed.messages.length, appended, duplicates: parsed.messages.length - appended - failed.length, statuses, skipped: parsed.skipped, failed: failed.length },
        'social webhook',
      );
      if (failed.some((f) => !(f.reason instanceof OmnideskError))) {
        // a database failure: ask Meta to retry (it re-sends; dedupe by wamid makes that safe)
        return reply.status(503).send(fail('UNAVAILABLE', 'could not store the messages; retry'));
      }
      return reply.status(200).send({ ok: true, received: parsed.messages.length, appended, statuses, skipped: parsed.skipped });
    });

    scope.post('/webhooks/chatwoot', { bodyLimit: WEBHOOK_BODY_LIMIT }, async (req, reply) => {
      const token = (req.query as Record<string, unknown>).token ?? req.headers['x-omnidesk-token'];
      if (!config.chatwootToken) return reply.status(404).send(fail('NOT_FOUND', 'no such route'));
      if (typeof token !== 'string' || !safeEqual(token, config.chatwootToken)) {
        return reply.status(401).send(fail('UNAUTHENTICATED', 'missing or wrong token'));
      }
      let json: unknown;
      try {
        json = JSON.parse((Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)).toString('utf8'));
      } catch {
        return reply.status(400).send(fail('INVALID_ARGUMENT', 'body is not JSON'));
      }
      if ((json as { event?: unknown } | null)?.event !== 'message_created') return reply.status(200).send({ ok: true, ignored: true });
      const p = ChatwootMessageCreated.safeParse(json);
      if (!p.success) return reply.status(400).send(fail('INVALID_ARGUMENT', 'not a Chatwoot message_created payload'));
      const msg = parseChatwoot(p.data);
      if (!msg) return reply.status(200).send({ ok: true, ignored: true });
      const r = await ingestInbound(deps, msg);
      return reply.status(200).send({ ok: true, status: r.status });
    });
  });
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.equals(y);
}

/**
 * Delivery statuses of our outbound messages → message.delivery_updated on the message.sent event that
 * got that provider id (outbound_provider_ids). Each (wamid, status) once; unknown ids are ignored.
 */
export async function applyStatuses(deps: IngestDeps, statuses: readonly ParsedStatus[]): Promise<number> {
  try {
    const { count, teamSeqs } = await deps.db.transaction(async (tx) => {
      await lockEventLog(tx);
      const events = await statusEvents(tx, statuses);
      const appended = await appendEvents(tx, events.map((e) => e.event));
      if (events.length) {
        await tx.query(
          `insert into inbound_provider_ids (channel, provider_message_id, event_id, customer_id, case_id, thread_id)
           select 'social', x.pid, x.event_id, x.customer_id, x.case_id, x.thread_id
             from jsonb_to_recordset($1::text::jsonb) as x(pid text, event_id uuid, customer_id uuid, case_id uuid, thread_id uuid)`,
          [JSON.stringify(events.map((e) => ({ pid: e.key, event_id: e.event.id, customer_id: e.event.customerId, case_id: e.event.caseId, thread_id: e.event.threadId })))],
        );
      }
      return { count: events.length, teamSeqs: appended.teamSeqs };
    });
    if (teamSeqs.size) deps.poke?.(teamSeqs);
    return count;
  } catch (err) {
    deps.logger.error({ route: 'social.webhook', err: safeError(err) }, 'social delivery statuses failed');
    throw err;
  }
}

async function statusEvents(tx: Queryable, statuses: readonly ParsedStatus[]): Promise<Array<{ key: string; event: Event }>> {
  const ids = [...new Set(statuses.map((s) => s.providerMessageId))];
  const { rows } = await tx.query<{ pid: string; event_id: string; customer_id: string; case_id: string | null; thread_id: string | null }>(
    `select o.provider_message_id as pid, e.id as event_id, e.customer_id, e.case_id, e.thread_id
       from outbound_provider_ids o join events e on e.id = o.event_id
      where o.channel = 'social' and o.provider_message_id = any($1::text[])`,
    [ids],
  );
  const byPid = new Map(rows.map((r) => [r.pid, r]));
  const keys = statuses.map((s) => `status:${s.providerMessageId}:${s.status}`);
  const { rows: seen } = await tx.query<{ provider_message_id: string }>(
    `select provider_message_id from inbound_provider_ids where channel = 'social' and provider_message_id = any($1::text[])`,
    [keys],
  );
  const done = new Set(seen.map((r) => r.provider_message_id));
  const out: Array<{ key: string; event: Event }> = [];
  statuses.forEach((s, i) => {
    const key = keys[i] as string;
    const target = byPid.get(s.providerMessageId);
    if (!target || done.has(key)) return;
    done.add(key);
    out.push({
      key,
      event: deliveryUpdateEvent(
        { id: target.event_id, customerId: target.customer_id, caseId: target.case_id, threadId: target.thread_id, channel: 'social' },
        { status: s.status, providerMessageId: s.providerMessageId, error: s.error, occurredAt: s.occurredAt },
      ),
    });
  });
  return out;
}
