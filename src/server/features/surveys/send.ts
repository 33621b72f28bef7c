import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { decideSurvey, DEFAULT_SURVEY_SETTINGS, earliestDelayHours, settingsFor, surveyPath, surveyText, type SurveyChannel, type SurveySettings } from '../../../shared/features/surveys';
import type { Case, Thread } from '../../../shared/kernel/case';
import type { Customer } from '../../../shared/kernel/customer';
import type { Event } from '../../../shared/kernel/event';
import { newId } from '../../../shared/kernel/ids';
import type { Db } from '../../kernel/db/types';
import { withEventLog, type Poke } from '../../kernel/events/index';
import { enqueue, type JobDefinition } from '../../kernel/jobs/index';
import { teamSurveySettings } from './settings';

export const SURVEY_SEND_KIND = 'surveys.send';
export const SurveySendPayload = z.object({ caseId: z.string().uuid() });

const SURVEYS = { type: 'system', id: null, name: 'Omnidesk survey' } as const;
const DAY = 86_400_000;

export interface SurveyDeps {
  db: Db;
  poke: Poke;
  /** the base of the links customers open (the server's public address) */
  publicUrl(): string;
  /** delay, cooldown, answer window, channels (DEFAULT_SURVEY_SETTINGS; per team is issue 18's next step) */
  settings?: SurveySettings;
  now?: () => number;
}

/** A link's token (24 random bytes) and what is stored of it (its SHA-256): the database never holds a working link. */
export function newSurveyToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashToken(token) };
}
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Queues the survey of a case resolved at `resolvedAt`, due after the soonest delay of its team's rules (the job
 * decides again for the case's channel when it runs, and waits if that is later).
 */
export async function scheduleSurvey(tx: Parameters<typeof enqueue>[0], caseId: string, resolvedAt: string, settings: SurveySettings = DEFAULT_SURVEY_SETTINGS): Promise<void> {
  const { rows } = await tx.query<{ team_id: string }>('select team_id from cases where id = $1', [caseId]);
  const team = rows[0] ? await teamSurveySettings(tx, rows[0].team_id) : null;
  const runAt = new Date(Date.parse(resolvedAt) + earliestDelayHours(settings, team) * 3_600_000);
  await enqueue(tx, { kind: SURVEY_SEND_KIND, key: caseId, payload: { caseId }, runAt });
}

/**
 * Sends the survey of one case if the rules (shared `decideSurvey`) still say so when it is due: a survey row with
 * the token's hash, `survey.sent` on the case, and the message with the link on the case's latest customer channel
 * (a `message.sent` the delivery worker sends like any reply). A case reopened meanwhile, a safety flag raised, a
 * survey sent to the customer within the cooldown: nothing goes.
 */
export async function sendSurvey(deps: SurveyDeps, caseId: string, opts: { manual?: boolean } = {}): Promise<{ sent: boolean; reason?: string; token?: string }> {
  const now = (deps.now ?? Date.now)();
  return withEventLog(deps.db, deps.poke, async (log) => {
    const { tx } = log;
    const c = (await tx.query<{ data: Case }>('select data from cases where id = $1 for update', [caseId])).rows[0]?.data;
    if (!c) return { sent: false, reason: 'no_case' };
    const customer = (await tx.query<{ data: Customer }>('select data from customers where id = $1', [c.customerId])).rows[0]?.data;
    if (!customer) return { sent: false, reason: 'no_customer' };
    const written = (await tx.query<{ data: Thread }>("select data from threads where case_id = $1 and channel <> 'phone' order by opened_at desc limit 1", [caseId])).rows[0]?.data ?? null;
    // a case of calls only: the survey is "a text after the call", on the channel 'phone' for the rules and the figures;
    // with no SMS gateway it goes as an email to the customer's address, on a conversation of its own
    const called = !written && (await tx.query("select 1 from threads where case_id = $1 and channel = 'phone' limit 1", [caseId])).rows.length > 0;
    const afterCall = called && customer.emails.length > 0;
    const surveyChannel: SurveyChannel | null = written ? (written.channel as SurveyChannel) : afterCall ? 'phone' : null;
    const { rows: lastIn } = await tx.query<{ bounce: unknown }>(
      "select meta->'bounceReport' as bounce from events where case_id = $1 and kind = 'message.received' order by seq desc limit 1",
      [caseId],
    );
    const { rows: prior } = await tx.query<{ sent_at: Date | string; case_id: string }>('select sent_at, case_id from surveys where customer_id = $1 order by sent_at desc limit 1', [c.customerId]);
    const already = (await tx.query('select 1 from surveys where case_id = $1', [caseId])).rows.length > 0;
    // the defaults (configuration), the team's own rules over them, the channel's delay over the team's
    const settings = settingsFor(deps.settings ?? DEFAULT_SURVEY_SETTINGS, await teamSurveySettings(tx, c.teamId), surveyChannel);
    const skipped = (await tx.query('select 1 from survey_skips where case_id = $1', [caseId])).rows.length > 0;
    const decision = decideSurvey(
      {
        caseStatus: c.status,
        resolvedAt: c.resolvedAt,
        openSafetyFlag: (c.safety?.flags ?? []).some((f) => f.state === 'open' || f.state === 'dismissal_proposed'),
        channel: surveyChannel,
        lastInboundAutomated: lastIn[0]?.bounce != null,
        vendor: customer.vendor === true,
        lastSurveyAt: prior[0] ? new Date(prior[0].sent_at).toISOString() : null,
        alreadySent: already,
        skipped,
      },
      settings,
      now,
      opts.manual,
    );
    if (!decision.send) return { sent: false, reason: decision.reason };
    if (Date.parse(decision.at) > now) {
      // its own key: this job (key = the case) is still running and would swallow a second one
      await enqueue(tx, { kind: SURVEY_SEND_KIND, key: `${caseId}:${decision.at}`, payload: { caseId }, runAt: new Date(decision.at) });
      return { sent: false, reason: 'later' };
    }
    // the answer counts for who resolved it (the last resolve by an agent), else the case's owner
    const { rows: resolver } = await tx.query<{ id: string | null }>(
      `select author->>'id' as id from events where case_id = $1 and kind = 'case.status_changed' and meta->>'to' in ('resolved', 'closed') and author->>'type' = 'agent'
        order by seq desc limit 1`,
      [caseId],
    );
    const attributedTo = resolver[0]?.id ?? c.assigneeId;
    const surveyId = newId();
    const { token, hash } = newSurveyToken();
    const at = new Date(now).toISOString();
    const texts = surveyText(customer.language);
    const opened: Event[] = [];
    let thread = written;
    if (!thread) {
      thread = { id: newId(), customerId: c.customerId, caseId, channel: 'email', subject: texts.title, externalRef: null, openedAt: at };
      opened.push({ seq: null, id: newId(), customerId: c.customerId, caseId, threadId: thread.id, channel: 'email', kind: 'thread.opened', author: SURVEYS, body: null, occurredAt: at, meta: { thread } });
    }
    await tx.query(
      `insert into surveys (id, case_id, customer_id, team_id, thread_id, channel, language, agent_id, token_hash, sent_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [surveyId, caseId, c.customerId, c.teamId, thread.id, surveyChannel, customer.language, attributedTo, hash, at, new Date(now + settings.acceptDays * DAY).toISOString()],
    );
    const link = `${deps.publicUrl().replace(/\/+$/, '')}${surveyPath(token)}`;
    const base = { seq: null, customerId: c.customerId, caseId, occurredAt: at, author: SURVEYS } as const;
    const events: Event[] = [
      ...opened,
      { ...base, id: newId(), threadId: null, channel: 'internal', kind: 'survey.sent', body: null, meta: { surveyId, channel: surveyChannel!, attributedTo, manual: !!opts.manual } },
      {
        ...base,
        id: newId(),
        threadId: thread.id,
        channel: thread.channel,
        kind: 'message.sent',
        body: texts.message(link),
        meta: { subject: thread.channel === 'email' && !written ? texts.title : null, deliveryStatus: 'queued', survey: { id: surveyId, link } },
      },
    ];
    await log.append(events);
    return { sent: true, token };
  });
}

export function surveySendJob(deps: SurveyDeps): JobDefinition<{ caseId: string }> {
  return {
    kind: SURVEY_SEND_KIND,
    payload: SurveySendPayload,
    maxAttempts: 5,
    backoff: { baseMs: 1_000, maxMs: 60_000 },
    async handler({ caseId }) {
      await sendSurvey(deps, caseId);
    },
  };
}
