import { withEventLog } from '../../kernel/events/unit-of-work';
import type { FastifyInstance } from 'fastify';
import { describeIssues, fieldIssues } from '../../../shared/kernel/errors';
import { safeError } from '../../kernel/logger';
import type { IngestDeps } from '../ingest';
import { CtiEvent, formToObject } from './cti';
import { handleCtiEvent, type CallPop } from './service';

export interface CtiConfig {
  /** OMNIDESK_CTI_TOKEN: `?token=` or `X-CTI-Token` / `Authorization: Bearer`; empty → the endpoint answers 503 */
  token: string | null;
  teamHint?: string | null;
  /** delivers the live pop to the answering agent's desktop */
  popToAgent: (agentId: string, call: CallPop) => Promise<void> | void;
}

const fail = (code: string, message: string) => ({ error: { code, message } });

/** `POST /cti/events`: the generic CTI events (newCall, answer, hangup), JSON or form-urlencoded, token-protected. */
export function registerCti(app: FastifyInstance, deps: IngestDeps, config: CtiConfig): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
      done(null, formToObject(String(body)));
    });
    scope.post('/cti/events', { bodyLimit: 16 * 1024 }, async (req, reply) => {
      if (!config.token) return reply.status(503).send(fail('UNAVAILABLE', 'CTI is not configured (OMNIDESK_CTI_TOKEN)'));
      const q = req.query as Record<string, unknown>;
      const auth = req.headers.authorization;
      const given = (typeof q.token === 'string' ? q.token : undefined) ?? (req.headers['x-cti-token'] as string | undefined) ?? (auth?.startsWith('Bearer ') ? auth.slice(7) : undefined);
      if (!given || !safeEqual(given, config.token)) {
        deps.logger.warn({ route: 'cti' }, 'cti event refused: token');
        return reply.status(401).send(fail('UNAUTHENTICATED', 'missing or wrong CTI token'));
      }
      const p = CtiEvent.safeParse(req.body ?? {});
      if (!p.success) {
        const fields = fieldIssues(p.error);
        deps.logger.warn({ route: 'cti', fields: fields.map((f) => f.field) }, 'cti event refused: invalid');
        // 400, as Zammad's generic CTI and PBX integrations expect; the body names each field and why (never its value)
        return reply.status(400).send({ error: { code: 'INVALID_ARGUMENT', message: `invalid CTI event: ${describeIssues(p.error)}`, fields } });
      }
      try {
        const out = await withEventLog(deps.db, deps.poke, (log) => handleCtiEvent(log, p.data, { defaultTeamId: deps.defaultTeamId, teamHint: config.teamHint, phone: deps.phone }));
        if (out.pop) {
          try {
            await config.popToAgent(out.pop.agentId, out.pop.call);
          } catch (err) {
            deps.logger.error({ route: 'cti', err: safeError(err) }, 'call pop failed');
          }
        }
        deps.logger.info({ route: 'cti', event: p.data.event, direction: p.data.direction, status: out.status, popped: Boolean(out.pop) }, 'cti event');
        return reply.status(200).send({ ok: true, status: out.status });
      } catch (err) {
        deps.logger.error({ route: 'cti', err: safeError(err) }, 'cti event failed');
        return reply.status(503).send(fail('UNAVAILABLE', 'could not store the event; retry'));
      }
    });
  });
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.equals(y);
}
