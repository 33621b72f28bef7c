import type { ArticleLocale, ArticleStats, GapReport, KnowledgeGap } from '../../../shared/index';
import { gapQuery } from '../../../shared/index';
import { toIso, type Queryable } from '../../kernel/db/types';

/**
 * What the lead sees per language version of an article (issue 14), counted from the log: replies that carried it
 * (`message.sent` with `meta.articles`), the cases among them now resolved or closed, and agents' verdicts
 * (`knowledge.feedback`). Counts only: no text, no customer.
 */
export async function articleStats(q: Queryable): Promise<ArticleStats[]> {
  const { rows } = await q.query<{ slug: string; locale: ArticleLocale; uses: string; resolved: string; helpful: string; not_helpful: string; wrong: string }>(
    `with used as (
       select a->>'slug' as slug, a->>'locale' as locale, count(*) as uses,
              count(distinct e.case_id) filter (where c.status in ('resolved', 'closed')) as resolved
       from events e cross join lateral jsonb_array_elements(e.meta->'articles') a
       left join cases c on c.id = e.case_id
       where e.kind = 'message.sent' and jsonb_typeof(e.meta->'articles') = 'array'
       group by 1, 2
     ), verdicts as (
       select meta->>'slug' as slug, meta->>'locale' as locale,
              count(*) filter (where meta->>'verdict' = 'helpful') as helpful,
              count(*) filter (where meta->>'verdict' = 'not_helpful') as not_helpful,
              count(*) filter (where meta->>'verdict' = 'wrong') as wrong
       from events where kind = 'knowledge.feedback' group by 1, 2
     )
     select coalesce(u.slug, v.slug) as slug, coalesce(u.locale, v.locale) as locale, coalesce(u.uses, 0) as uses, coalesce(u.resolved, 0) as resolved,
            coalesce(v.helpful, 0) as helpful, coalesce(v.not_helpful, 0) as not_helpful, coalesce(v.wrong, 0) as wrong
     from used u full join verdicts v on v.slug = u.slug and v.locale = u.locale
     order by 1, 2`,
  );
  return rows.map((r) => ({
    slug: r.slug,
    locale: r.locale,
    uses: Number(r.uses),
    resolvedCases: Number(r.resolved),
    helpful: Number(r.helpful),
    notHelpful: Number(r.not_helpful),
    wrong: Number(r.wrong),
  }));
}

/** How many gaps per language the lead sees (the most searched), over how many days. */
export const GAPS_PER_LOCALE = 30;
export const GAP_DAYS = 90;

/**
 * Knowledge gaps (issue 14): what agents searched for that found no article, per language, most searched first,
 * over the last 90 days. The query is shown to the lead: that is its purpose; it is never logged.
 */
export async function knowledgeGaps(q: Queryable): Promise<KnowledgeGap[]> {
  const { rows } = await q.query<{ locale: ArticleLocale; query: string; searches: string; agents: string; last_at: unknown }>(
    `select locale, query, searches, agents, last_at from (
       select locale, query, sum(count) as searches, count(distinct agent_id) as agents, max(at) as last_at,
              row_number() over (partition by locale order by sum(count) desc, max(at) desc) as n
       from knowledge_gaps where at > now() - $1::double precision * interval '1 day'
       group by locale, query
     ) g where n <= $2 order by locale, searches desc, last_at desc`,
    [GAP_DAYS, GAPS_PER_LOCALE],
  );
  return rows.map((r) => ({ locale: r.locale, query: r.query, searches: Number(r.searches), agents: Number(r.agents), lastAt: toIso(r.last_at) }));
}

/**
 * Records a desktop's batch of gaps, each once by its id (a batch re-sent after a lost answer counts nothing twice).
 * The query is normalized again here: a desktop is not trusted to have done it. Returns how many were new.
 */
export async function recordGaps(q: Queryable, agentId: string, report: GapReport): Promise<number> {
  const rows = report.gaps.flatMap((g) => {
    const query = gapQuery(g.query);
    return query ? [{ id: g.id, locale: g.locale, query, count: g.count, at: g.at }] : [];
  });
  if (rows.length === 0) return 0;
  const r = await q.query<{ id: string }>(
    `insert into knowledge_gaps (id, agent_id, locale, query, count, at)
     select x.id, $1, x.locale, x.query, x.count, least(x.at, now())
     from jsonb_to_recordset($2::text::jsonb) as x(id uuid, locale text, query text, count integer, at timestamptz)
     on conflict (id) do nothing
     returning id`,
    [agentId, JSON.stringify(rows)],
  );
  return r.rows.length;
}
