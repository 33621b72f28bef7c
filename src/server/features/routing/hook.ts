import { teamForInbound, type Channel, type DeviceKind, type Event, type Language } from '../../../shared/index';
import type { Queryable } from '../../kernel/db/types';
import { appendEvents, type AppendHook } from '../../kernel/events/index';
import { enqueueMany, type NewJob } from '../../kernel/jobs/index';
import { dispatchJob, offerEndedEvent, SYSTEM } from './offers';
import { loadTeamRoutings } from './settings';

const CHANNELS: ReadonlySet<string> = new Set(['email', 'chat', 'social', 'phone']);

/**
 * Routing after every append (issue 15), in the appending transaction: a case that opens gets its routing facts
 * (channel, the customer's language and first device, the tier its team's rule asks for); then a routing pass of the
 * team is queued whenever work or room may have appeared — a case opened or reopened, released, resolved, an offer
 * declined, expired or withdrawn. A case assigned by hand withdraws its offer (recorded here; the agent's desktop
 * drops it when the event reaches it).
 */
export const routingAppendHook: AppendHook = {
  name: 'routing',
  async afterAppend(tx, stored: readonly Event[]) {
    const opened = stored.filter((e): e is Extract<Event, { kind: 'case.opened' }> => e.kind === 'case.opened' && CHANNELS.has(e.channel));
    if (opened.length) await recordWork(tx, opened);
    const teams = new Set<string>();
    for (const e of opened) teams.add(e.meta.case.teamId);
    // the router's own assignments are not a cause: its pass already gave out what it could
    const moved = stored.filter(
      (e) => e.caseId && (e.kind === 'case.status_changed' || (e.kind === 'case.assigned' && !e.meta.routing) || (e.kind === 'case.offer_ended' && e.meta.outcome !== 'accepted')),
    );
    const takenByHand = stored.filter((e) => e.kind === 'case.assigned' && !e.meta.routing && e.meta.to).map((e) => e.caseId!);
    if (takenByHand.length) await withdrawTaken(tx, takenByHand);
    if (moved.length) {
      const { rows } = await tx.query<{ team_id: string }>('select distinct team_id from cases where id = any($1::uuid[])', [[...new Set(moved.map((e) => e.caseId!))]]);
      for (const r of rows) teams.add(r.team_id);
    }
    if (teams.size === 0) return;
    const first = stored[0]?.seq ?? 0;
    const jobs: NewJob[] = [...teams].map((t) => dispatchJob(t, `seq:${first}`));
    await enqueueMany(tx, jobs);
  },
};

/** Offers of cases someone took by hand end `withdrawn`; the event reaches the offered agent's desktop, which drops it. */
async function withdrawTaken(tx: Queryable, caseIds: readonly string[]): Promise<void> {
  const { rows } = await tx.query<{ id: string; case_id: string; agent_id: string; customer_id: string }>(
    `update routing_offers o set state = 'withdrawn', ended_at = now() from cases c
      where c.id = o.case_id and o.state = 'pending' and o.case_id = any($1::uuid[])
      returning o.id, o.case_id, o.agent_id, c.customer_id`,
    [caseIds],
  );
  if (rows.length === 0) return;
  const at = new Date().toISOString();
  await appendEvents(tx, rows.map((r) => offerEndedEvent(r, 'withdrawn', SYSTEM, at)));
}

async function recordWork(tx: Queryable, opened: ReadonlyArray<Extract<Event, { kind: 'case.opened' }>>): Promise<void> {
  const { rows } = await tx.query<{ id: string; language: Language; product: DeviceKind | null }>(
    `select id, language, data->'devices'->0->>'kind' as product from customers where id = any($1::uuid[])`,
    [[...new Set(opened.map((e) => e.customerId))]],
  );
  const customers = new Map(rows.map((r) => [r.id, r]));
  const teams = await loadTeamRoutings(tx);
  const work = opened.map((e) => {
    const c = customers.get(e.customerId);
    const language: Language = c?.language ?? 'en';
    const product = c?.product ?? null;
    const team = teams.get(e.meta.case.teamId);
    // the tier the case's own team asks for on such work (a rule of its team that matches)
    const match = team ? teamForInbound([team], { channel: e.channel as Channel, recipient: null, language, product }) : null;
    return { case_id: e.meta.case.id, team_id: e.meta.case.teamId, channel: e.channel, language, product, min_tier: match?.rule.minTier ?? 1 };
  });
  await tx.query(
    `insert into routing_work (case_id, team_id, channel, language, product, min_tier)
     select x.case_id, x.team_id, x.channel, x.language, x.product, x.min_tier
       from jsonb_to_recordset($1::text::jsonb) as x(case_id uuid, team_id uuid, channel text, language text, product text, min_tier integer)
     on conflict (case_id) do nothing`,
    [JSON.stringify(work)],
  );
}
