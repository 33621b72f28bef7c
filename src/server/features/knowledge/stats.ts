import type { ArticleStats } from '../../../shared/index';
import type { Queryable } from '../../kernel/db/types';

/**
 * What the lead sees per article (issue 14), counted from the log: replies that carried it (`message.sent` with
 * `meta.articles`), the cases among them now resolved or closed, and agents' verdicts (`knowledge.feedback`). Counts
 * only: no text, no customer.
 */
export async function articleStats(q: Queryable): Promise<ArticleStats[]> {
  const { rows } = await q.query<{ slug: string; uses: string; resolved: string; helpful: string; not_helpful: string; wrong: string }>(
    `with used as (
       select a->>'slug' as slug, count(*) as uses, count(distinct e.case_id) filter (where c.status in ('resolved', 'closed')) as resolved
       from events e cross join lateral jsonb_array_elements(e.meta->'articles') a
       left join cases c on c.id = e.case_id
       where e.kind = 'message.sent' and jsonb_typeof(e.meta->'articles') = 'array'
       group by 1
     ), verdicts as (
       select meta->>'slug' as slug,
              count(*) filter (where meta->>'verdict' = 'helpful') as helpful,
              count(*) filter (where meta->>'verdict' = 'not_helpful') as not_helpful,
              count(*) filter (where meta->>'verdict' = 'wrong') as wrong
       from events where kind = 'knowledge.feedback' group by 1
     )
     select coalesce(u.slug, v.slug) as slug, coalesce(u.uses, 0) as uses, coalesce(u.resolved, 0) as resolved,
            coalesce(v.helpful, 0) as helpful, coalesce(v.not_helpful, 0) as not_helpful, coalesce(v.wrong, 0) as wrong
     from used u full join verdicts v on v.slug = u.slug
     order by 1`,
  );
  return rows.map((r) => ({
    slug: r.slug,
    uses: Number(r.uses),
    resolvedCases: Number(r.resolved),
    helpful: Number(r.helpful),
    notHelpful: Number(r.not_helpful),
    wrong: Number(r.wrong),
  }));
}
