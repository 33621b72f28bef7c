import { followUpClock, followUpDue, type FollowUp, type FollowUpOutcome, type FollowUpsQuery, type SurveyAnswer } from '../../../shared/features/surveys';
import type { Agent } from '../../../shared/kernel/agent';
import { canSeeTeam } from '../../../shared/kernel/agent';
import { OmnideskError } from '../../../shared/kernel/errors';
import { authorOf, type Event } from '../../../shared/kernel/event';
import { newId } from '../../../shared/kernel/ids';
import { toIso, type Db, type Queryable } from '../../kernel/db/types';
import { withEventLog, type EventLogTx, type Poke } from '../../kernel/events/index';

interface FollowUpRow {
  id: string;
  survey_id: string;
  case_id: string;
  customer_id: string;
  team_id: string;
  agent_id: string | null;
  opened_at: unknown;
  due_at: unknown;
  state: 'open' | 'done';
  closed_at: unknown;
  closed_by: string | null;
  outcome: FollowUpOutcome | null;
  nps: number | null;
  csat: number | null;
  ces: number | null;
}
const COLUMNS = 'id, survey_id, case_id, customer_id, team_id, agent_id, opened_at, due_at, state, closed_at, closed_by, outcome, nps, csat, ces';

const toFollowUp = (r: FollowUpRow): FollowUp => ({
  id: r.id,
  surveyId: r.survey_id,
  caseId: r.case_id,
  customerId: r.customer_id,
  teamId: r.team_id,
  agentId: r.agent_id,
  openedAt: toIso(r.opened_at),
  dueAt: toIso(r.due_at),
  state: r.state,
  closedAt: r.closed_at === null ? null : toIso(r.closed_at),
  closedBy: r.closed_by,
  outcome: r.outcome,
  nps: r.nps,
  csat: r.csat,
  ces: r.ces,
});

export interface AnsweredSurvey {
  id: string;
  case_id: string;
  customer_id: string;
  agent_id: string | null;
}

/**
 * A detractor's answer opens the lead's follow-up (issue 18), due 48 h after the answer, in the answer's transaction;
 * the `survey.followup_opened` event puts it on the case's timeline. One per survey.
 */
export async function openFollowUp(log: EventLogTx, s: AnsweredSurvey, a: SurveyAnswer, at: string): Promise<Event> {
  const { rows } = await log.tx.query<{ team_id: string }>('select team_id from cases where id = $1', [s.case_id]);
  const id = newId();
  const dueAt = new Date(followUpDue(Date.parse(at))).toISOString();
  await log.tx.query(
    `insert into survey_followups (id, survey_id, case_id, customer_id, team_id, agent_id, opened_at, due_at, nps, csat, ces)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [id, s.id, s.case_id, s.customer_id, rows[0]!.team_id, s.agent_id, at, dueAt, a.nps ?? null, a.csat ?? null, a.ces ?? null],
  );
  return {
    id: newId(),
    seq: null,
    kind: 'survey.followup_opened',
    customerId: s.customer_id,
    caseId: s.case_id,
    threadId: null,
    channel: 'internal',
    author: { type: 'system', id: null, name: 'Omnidesk survey' },
    body: null,
    occurredAt: at,
    meta: { followUpId: id, surveyId: s.id, dueAt },
  };
}

/** The follow-ups of some teams, open ones by due time first (the most urgent on top). */
export async function listFollowUps(q: Queryable, teamIds: readonly string[], state: FollowUpsQuery['state']): Promise<FollowUp[]> {
  const { rows } = await q.query<FollowUpRow>(
    `select ${COLUMNS} from survey_followups where team_id = any($1::uuid[]) ${state === 'open' ? "and state = 'open'" : ''}
      order by (state = 'open') desc, due_at asc limit 500`,
    [teamIds],
  );
  return rows.map(toFollowUp);
}

/** The lead closes a follow-up with its outcome (once: closing a closed one is a conflict); the case's timeline says so. */
export async function closeFollowUp(db: Db, poke: Poke, me: Agent, id: string, outcome: FollowUpOutcome, now = Date.now()): Promise<FollowUp> {
  return withEventLog(db, poke, async (log) => {
    const { rows } = await log.tx.query<FollowUpRow>(`select ${COLUMNS} from survey_followups where id = $1 for update`, [id]);
    const row = rows[0];
    if (!row || !canSeeTeam(me, row.team_id)) throw new OmnideskError('NOT_FOUND', 'no such follow-up in your teams');
    if (row.state === 'done') throw new OmnideskError('CONFLICT', 'this follow-up is already closed');
    const at = new Date(now).toISOString();
    const { rows: done } = await log.tx.query<FollowUpRow>(
      `update survey_followups set state = 'done', closed_at = $2, closed_by = $3, outcome = $4 where id = $1 returning ${COLUMNS}`,
      [id, at, me.id, outcome],
    );
    const f = toFollowUp(done[0]!);
    const clock = followUpClock(f, now);
    await log.append([
      {
        id: newId(),
        seq: null,
        kind: 'survey.followup_closed',
        customerId: f.customerId,
        caseId: f.caseId,
        threadId: null,
        channel: 'internal',
        author: authorOf(me),
        body: null,
        occurredAt: at,
        meta: { followUpId: f.id, outcome, late: clock.state === 'done' && clock.late },
      },
    ]);
    return f;
  });
}
