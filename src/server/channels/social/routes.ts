import { recordDeliveryStatus, type DeliveryReport } from '../delivery/record-status';
import type { FastifyInstance } from 'fastify';
import { OmnideskError } from '../../../shared/kernel/errors';
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
 * Items of webhook deliveries skipped since start (invalid shape, a timestamp that is no instant): one bad item is
 * skipped and counted, the rest of its delivery stored (issue 9). Logged as counts only, never the item.
 */
export const webhookSkipped = { social: 0, chatwoot: 0 };

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
      webhookSkipped.social += parsed.skipped;
      const settled = await Promise.allSettled(parsed.messages.map((m) => ingestInbound(deps, m)));
      const failed = settled.filter((s) => s.status === 'rejected');
      let statuses = 0;
      if (parsed.statuses.length) statuses = await applyStatuses(deps, parsed.statuses);
      const appended = settled.filter((s) => s.status === 'fulfilled' && s.value.status === 'appended').length;
      deps.logger.info(
        { route: 'social.webhook', messages: parsed.messages.length, appended, duplicates: parsed.messages.length - appended - failed.length, statuses, skipped: parsed.skipped, skippedTotal: webhookSkipped.social, failed: failed.length },
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
      if ('skipped' in msg) {
        webhookSkipped.chatwoot++;
        deps.logger.warn({ route: 'chatwoot.webhook', skipped: 1, reason: msg.skipped, skippedTotal: webhookSkipped.chatwoot }, 'chatwoot webhook item skipped');
        return reply.status(200).send({ ok: true, received: 1, skipped: 1 });
      }
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
    const ids = [...new Set(statuses.map((s) => s.providerMessageId))];
    const { rows } = await deps.db.query<{ pid: string; event_id: string }>(
      `select provider_message_id as pid, event_id from outbound_provider_ids where channel = 'social' and provider_message_id = any($1::text[])`,
      [ids],
    );
    const byPid = new Map(rows.map((r) => [r.pid, r.event_id]));
    const reports: DeliveryReport[] = statuses.flatMap((s) => {
      const messageId = byPid.get(s.providerMessageId);
      if (!messageId) return [];
      return [{ messageId, status: s.status, providerMessageId: s.providerMessageId, error: s.error, occurredAt: s.occurredAt, onceKey: `status:${s.providerMessageId}:${s.status}` }];
    });
    return await recordDeliveryStatus(deps, reports);
  } catch (err) {
    deps.logger.error({ route: 'social.webhook', err: safeError(err) }, 'social delivery statuses failed');
    throw err;
  }
}
