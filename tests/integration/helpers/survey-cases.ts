import type { Queryable } from '../../../src/server/kernel/db/types';

/**
 * One open email case per customer of a team, without a safety flag: cases a survey may follow once resolved (each
 * of another customer, so the 14-day cooldown of one does not hold back the next).
 */
export async function surveyableEmailCases(db: Queryable, teamId: string): Promise<Array<{ case_id: string; customer_id: string }>> {
  const { rows } = await db.query<{ case_id: string; customer_id: string }>(
    `select distinct on (c.customer_id) c.id as case_id, c.customer_id from cases c
      where c.team_id = $1 and c.status not in ('resolved', 'closed') and coalesce(jsonb_array_length(c.data->'safety'->'flags'), 0) = 0
        and exists (select 1 from threads t where t.case_id = c.id and t.channel = 'email')
      order by c.customer_id, c.opened_at`,
    [teamId],
  );
  return rows;
}
