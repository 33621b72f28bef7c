import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { isDetractor, SURVEY_PATHS, SurveyForm, SurveySkip, SurveyToken, surveyText, type SurveyAnswer, type SurveySendResponse, type SurveySkipResponse } from '../../../shared/features/surveys';
import { canSeeTeam, type Agent } from '../../../shared/kernel/agent';
import type { Case } from '../../../shared/kernel/case';
import { OmnideskError, parseOrThrow } from '../../../shared/kernel/errors';
import { canActOnCase } from '../../../shared/kernel/permissions';
import { messageHarm } from '../../../shared/features/safety';
import { authorOf, type Event } from '../../../shared/kernel/event';
import { newId } from '../../../shared/kernel/ids';
import type { Channel } from '../../../shared/kernel/primitives';
import { toIso, type Queryable } from '../../kernel/db/types';
import { withEventLog } from '../../kernel/events/index';
import type { FeatureRoutes } from '../../kernel/http/routes';
import { surveyFormPage, surveyNotePage, SURVEY_PAGE_CSP } from './page';
import { openFollowUp } from './follow-ups';
import { hashToken, sendSurvey } from './send';

interface SurveyRow {
  id: string;
  case_id: string;
  customer_id: string;
  thread_id: string | null;
  channel: Channel;
  language: string;
  agent_id: string | null;
  expires_at: unknown;
  answered_at: unknown;
}

type Found = { state: 'invalid' } | { state: 'answered' | 'expired' | 'open'; row: SurveyRow };

async function find(q: Queryable, token: unknown, now: number, lock = false): Promise<Found> {
  const t = SurveyToken.safeParse(token);
  if (!t.success) return { state: 'invalid' };
  const { rows } = await q.query<SurveyRow>(
    `select id, case_id, customer_id, thread_id, channel, language, agent_id, expires_at, answered_at from surveys where token_hash = $1${lock ? ' for update' : ''}`,
    [hashToken(t.data)],
  );
  const row = rows[0];
  if (!row) return { state: 'invalid' };
  if (row.answered_at !== null) return { state: 'answered', row };
  if (Date.parse(toIso(row.expires_at)) < now) return { state: 'expired', row };
  return { state: 'open', row };
}

function page(reply: FastifyReply, status: number, html: string) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', SURVEY_PAGE_CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .send(html);
}

/** The page for a link that cannot be answered: not valid (404), already answered (409), closed (410). */
function closed(reply: FastifyReply, f: Exclude<Found, { state: 'open' }>) {
  const lang = f.state === 'invalid' ? 'en' : f.row.language;
  const t = surveyText(lang);
  if (f.state === 'invalid') return page(reply, 404, surveyNotePage(lang, t.invalid, 'error'));
  if (f.state === 'answered') return page(reply, 409, surveyNotePage(lang, t.answered, 'ok'));
  return page(reply, 410, surveyNotePage(lang, t.expired, 'error'));
}

/**
 * The customer's survey page (issue 18): `GET /s/:token` shows the form, `POST` records the answer once. A link that
 * is forged, expired or already answered is refused with a page that says which; an answer out of range is refused
 * with the form again. The scores become `survey.answered` on the case; a comment becomes a message from the
 * customer on the survey's conversation, through the safety detector like any inbound message. The token never
 * reaches a log (the route is logged by its pattern).
 */
export const surveyRoutes: FeatureRoutes = (app, { db, poke }) => {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 32 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    scope.get<{ Params: { token: string } }>(SURVEY_PATHS.page, async (req, reply) => {
      const f = await find(db, req.params.token, Date.now());
      if (f.state !== 'open') return closed(reply, f);
      return page(reply, 200, surveyFormPage(f.row.language, req.url));
    });

    scope.post<{ Params: { token: string } }>(SURVEY_PATHS.page, async (req, reply) => {
      const now = Date.now();
      const out = await withEventLog(db, poke, async (log) => {
        const f = await find(log.tx, req.params.token, now, true);
        if (f.state !== 'open') return { f } as const;
        const parsed = SurveyForm.safeParse(req.body ?? {});
        if (!parsed.success) return { f, problem: true } as const;
        const answer = parsed.data;
        await record(log, f.row, answer, now);
        return { f, answer } as const;
      });
      if (out.f.state !== 'open') {
        req.log.info({ outcome: out.f.state }, 'survey answer refused');
        return closed(reply, out.f);
      }
      const t = surveyText(out.f.row.language);
      if (!('answer' in out) || !out.answer) {
        req.log.info({ outcome: 'invalid' }, 'survey answer refused');
        return page(reply, 400, surveyFormPage(out.f.row.language, req.url, t.bad));
      }
      req.log.info({ surveyId: out.f.row.id, detractor: isDetractor(out.answer) }, 'survey answered');
      return page(reply, 200, surveyNotePage(out.f.row.language, isDetractor(out.answer) ? t.thanksDetractor : t.thanks, 'ok'));
    });
  });
};

/** The answer, once: the survey row, `survey.answered`, and the comment as the customer's message (with its flag if it reports harm). */
async function record(log: Parameters<Parameters<typeof withEventLog>[2]>[0], s: SurveyRow, a: SurveyAnswer, now: number): Promise<void> {
  const at = new Date(now).toISOString();
  const detractor = isDetractor(a);
  await log.tx.query('update surveys set answered_at = $2, answer = $3::jsonb, detractor = $4 where id = $1', [s.id, at, JSON.stringify(a), detractor]);
  const { rows } = await log.tx.query<{ name: string }>("select data->>'name' as name from customers where id = $1", [s.customer_id]);
  const customer = { type: 'customer' as const, id: s.customer_id, name: rows[0]?.name ?? null };
  const events: Event[] = [
    {
      id: newId(),
      seq: null,
      kind: 'survey.answered',
      customerId: s.customer_id,
      caseId: s.case_id,
      threadId: null,
      channel: 'internal',
      author: customer,
      body: null,
      occurredAt: at,
      meta: { surveyId: s.id, attributedTo: s.agent_id, csat: a.csat ?? null, nps: a.nps ?? null, ces: a.ces ?? null, dimensions: { ...a.dimensions }, detractor },
    },
  ];
  if (detractor) events.push(await openFollowUp(log, s, a, at));
  if (a.comment) {
    const messageId = newId();
    // the conversation the survey went on (after a call: an email of its own, while the survey counts as 'phone')
    const { rows: th } = s.thread_id ? await log.tx.query<{ channel: Channel }>('select channel from threads where id = $1', [s.thread_id]) : { rows: [] };
    const channel = th[0]?.channel ?? s.channel;
    events.push({
      id: messageId,
      seq: null,
      kind: 'message.received',
      customerId: s.customer_id,
      caseId: s.case_id,
      threadId: s.thread_id,
      channel,
      author: customer,
      body: a.comment,
      occurredAt: at,
      meta: { subject: surveyText(s.language).title, providerMessageId: `survey:${s.id}`, network: null },
    });
    // a comment is complaint intake (issue 18): a harm report opens the safety flow like any inbound message
    const harm = messageHarm(null, a.comment);
    if (harm.decision === 'harm') {
      events.push({
        id: newId(),
        seq: null,
        kind: 'safety.flagged',
        customerId: s.customer_id,
        caseId: s.case_id,
        threadId: s.thread_id,
        channel: 'internal',
        author: { type: 'system', id: null, name: 'Safety detector' },
        body: null,
        occurredAt: at,
        meta: { messageId, categories: harm.categories, evidence: harm.evidence, confidence: harm.confidence, source: 'detector', channel },
      });
    }
  }
  await log.append(events);
}

/** The resolved case an agent sends or skips the survey of: visible to them, and one they may act on. */
async function actionableCase(db: Queryable, me: Agent, rawId: string): Promise<Case> {
  const caseId = z.string().uuid().safeParse(rawId);
  if (!caseId.success) throw new OmnideskError('INVALID_ARGUMENT', 'not a case id');
  const { rows } = await db.query<{ data: Case }>('select data from cases where id = $1', [caseId.data]);
  const k = rows[0]?.data;
  if (!k || !canSeeTeam(me, k.teamId)) throw new OmnideskError('NOT_FOUND', 'no such case');
  const owner = k.assigneeId ? ((await db.query<Pick<Agent, 'id' | 'role'>>('select id, role from agents where id = $1', [k.assigneeId])).rows[0] ?? null) : null;
  if (!canActOnCase(me, k, owner)) throw new OmnideskError('FORBIDDEN', 'you may not act on this case');
  return k;
}

/**
 * `POST /api/surveys/cases/:caseId/send`: an agent who may act on the case sends its survey now; `…/skip`: they decide
 * it gets none, with a reason from a fixed list (issue 18). A skip after the survey went is refused (already_sent).
 */
export const surveySendRoutes: FeatureRoutes = (app, { db, poke, caller, publicUrl }) => {
  app.post<{ Params: { caseId: string } }>(SURVEY_PATHS.send, async (req): Promise<SurveySendResponse> => {
    const me = await caller(req);
    const k = await actionableCase(db, me, req.params.caseId);
    const r = await sendSurvey({ db, poke, publicUrl }, k.id, { manual: true });
    req.log.info({ caseId: k.id, sent: r.sent, reason: r.reason ?? null }, 'survey sent by hand');
    return { sent: r.sent, reason: r.sent ? null : (r.reason ?? null) };
  });

  app.post<{ Params: { caseId: string } }>(SURVEY_PATHS.skip, async (req): Promise<SurveySkipResponse> => {
    const me = await caller(req);
    const k = await actionableCase(db, me, req.params.caseId);
    const { reason } = parseOrThrow(SurveySkip, req.body ?? {}, 'survey skip');
    const out = await withEventLog(db, poke, async (log) => {
      await log.tx.query('select id from cases where id = $1 for update', [k.id]);
      if ((await log.tx.query('select 1 from surveys where case_id = $1', [k.id])).rows.length) return 'already_sent' as const;
      const { rows: added } = await log.tx.query('insert into survey_skips (case_id, reason, agent_id, skipped_at) values ($1, $2, $3, $4) on conflict (case_id) do nothing returning case_id', [
        k.id,
        reason,
        me.id,
        new Date().toISOString(),
      ]);
      if (!added.length) return 'already_skipped' as const;
      await log.append([
        { id: newId(), seq: null, kind: 'survey.skipped', customerId: k.customerId, caseId: k.id, threadId: null, channel: 'internal', author: authorOf(me), body: null, occurredAt: new Date().toISOString(), meta: { reason } },
      ]);
      return null;
    });
    req.log.info({ caseId: k.id, skipped: out === null, reason: out }, 'survey skipped by hand');
    return { skipped: out === null, reason: out };
  });
};
