import { SurveyAnswer, type SurveyFact } from '../../../shared/features/surveys';
import { Segment } from '../../../shared/kernel/customer';
import type { Queryable } from '../../kernel/db/types';

/**
 * The surveys some teams sent in [from, to), with what the report groups by: the team, the agent the answer counts
 * for, the channel, the case's product (the read model's device kind) and the customer's segment. An index range read.
 */
export async function surveyFacts(q: Queryable, teamIds: readonly string[], from: number, to: number): Promise<SurveyFact[]> {
  const { rows } = await q.query<{ team_id: string; agent_id: string | null; channel: string; product: string | null; segment: string | null; sent: number; answered: number | null; answer: unknown }>(
    `select s.team_id, s.agent_id, s.channel, f.product, c.data->>'segment' as segment,
            (extract(epoch from s.sent_at) * 1000)::float8 as sent, (extract(epoch from s.answered_at) * 1000)::float8 as answered, s.answer
       from surveys s
       left join lead_case_facts f on f.case_id = s.case_id
       left join customers c on c.id = s.customer_id
      where s.team_id = any($1::uuid[]) and s.sent_at >= $2 and s.sent_at < $3`,
    [teamIds, new Date(from).toISOString(), new Date(to).toISOString()],
  );
  return rows.map((r) => {
    const answer = r.answer === null ? null : SurveyAnswer.safeParse(r.answer);
    const segment = Segment.safeParse(r.segment);
    return {
      teamId: r.team_id,
      agentId: r.agent_id,
      channel: r.channel,
      product: r.product,
      segment: segment.success ? segment.data : null,
      sentAt: Number(r.sent),
      answeredAt: r.answered === null ? null : Number(r.answered),
      answer: answer?.success ? answer.data : null,
    };
  });
}
