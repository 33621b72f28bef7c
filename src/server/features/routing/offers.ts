import { z } from 'zod';
import { chooseAgent, newId, type Channel, OmnideskError, type Agent, type Author, type Event, type Offer, type OfferEnded, type OfferOutcome, type RoutingReason } from '../../../shared/index';
import { toIso, type Queryable } from '../../kernel/db/types';
import type { EventLogTx } from '../../kernel/events/index';
import { enqueueMany, type NewJob } from '../../kernel/jobs/index';
import { teamRouting } from './settings';
import { candidates, insertOffer, touchIdle, waitingWork, type OfferRow } from './store';

export const DISPATCH_KIND = 'routing.dispatch';
export const EXPIRE_KIND = 'routing.offer_expire';
export const DispatchPayload = z.object({ teamId: z.uuid() });
export const ExpirePayload = z.object({ offerId: z.uuid() });

export const SYSTEM: Author = { type: 'system', id: null, name: null };

/** What to tell desktops once the transaction committed. */
export interface Notices {
  offers: Offer[];
  /** offer id → the agent it was made to */
  offerAgents: Map<string, string>;
  ended: Array<{ agentId: string; ended: OfferEnded }>;
}
export const noNotices = (): Notices => ({ offers: [], offerAgents: new Map(), ended: [] });

/** A dispatch of `teamId`'s waiting work, soon (after this transaction commits). `why` keeps one job per cause. */
export function dispatchJob(teamId: string, why: string): NewJob {
  return { kind: DISPATCH_KIND, key: `${teamId}@${why}`, payload: { teamId } };
}

/**
 * One routing pass over a team (issue 15), inside the event-log unit of work: the waiting cases, most urgent first,
 * each to the agent `chooseAgent` picks with the load already given out in this pass. Live channels get an offer
 * (`case.offered`, expiring after the team's timeout); the others, when the team routes them round robin, are
 * assigned at once (`case.assigned` with the reason). Returns what to tell the chosen agents' desktops.
 */
export async function dispatchTeam(log: EventLogTx, teamId: string, now: number): Promise<Notices> {
  const { tx } = log;
  const notices = noNotices();
  const settings = await teamRouting(tx, teamId);
  const live = new Set(settings.liveChannels);
  const channels: readonly Channel[] = settings.nonLive === 'round_robin' ? ['chat', 'phone', 'social', 'email'] : settings.liveChannels;
  // who could take anything first: with no available agent that has room on a channel, its waiting work is not even read
  const agents = await candidates(tx, teamId, { availableOnly: true });
  const room = new Map<Channel, number>();
  for (const c of channels) room.set(c, agents.filter((a) => (a.load[c] ?? 0) < settings.capacity[c]).length);
  const at = new Date(now).toISOString();
  const events: Event[] = [];
  const offers: OfferRow[] = [];
  const jobs: NewJob[] = [];
  const decided = new Set<string>();
  // a page a few times the free slots, most urgent first; read further only while agents have room and cases were
  // skipped (no one with the language, passed on), and only on the channels someone still has room on
  const slots = [...room.values()].reduce((n, r) => n + r, 0);
  const limit = Math.min(100, Math.max(20, slots * 4));
  let channelsRead = '';
  let offset = 0;
  for (;;) {
    const open = channels.filter((c) => (room.get(c) ?? 0) > 0);
    if (open.length === 0) break;
    if (open.join() !== channelsRead) {
      channelsRead = open.join();
      offset = 0;
    }
    const work = await waitingWork(tx, teamId, open, { limit, offset });
    offset += limit;
    for (const w of work) {
      if ((room.get(w.channel) ?? 0) === 0 || decided.has(w.caseId)) continue;
      const d = chooseAgent(w, agents, settings.capacity, now);
      if (!d.agentId) continue;
      decided.add(w.caseId);
      const a = agents.find((x) => x.agentId === d.agentId)!;
      a.load = { ...a.load, [w.channel]: (a.load[w.channel] ?? 0) + 1 };
      if ((a.load[w.channel] ?? 0) >= settings.capacity[w.channel]) room.set(w.channel, (room.get(w.channel) ?? 1) - 1);
      a.idleSince = now;
      await touchIdle(tx, a.agentId, at);
      if (live.has(w.channel)) {
        const o: OfferRow = { id: newId(), caseId: w.caseId, agentId: a.agentId, teamId, channel: w.channel, reason: d.reason, offeredAt: at, expiresAt: new Date(now + settings.offerTimeoutSeconds * 1000).toISOString() };
        offers.push(o);
        events.push(routingEvent(w.customerId, w.caseId, 'case.offered', { offerId: o.id, agentId: o.agentId, channel: o.channel, expiresAt: o.expiresAt, reason: o.reason }, SYSTEM, at));
        jobs.push({ kind: EXPIRE_KIND, key: o.id, payload: { offerId: o.id }, runAt: new Date(o.expiresAt) });
      } else {
        events.push(routingEvent(w.customerId, w.caseId, 'case.assigned', { from: null, to: a.agentId, routing: d.reason }, SYSTEM, at));
      }
    }
    if (work.length < limit) break;
  }
  for (const o of offers) await insertOffer(tx, o);
  if (events.length) await log.append(events);
  await enqueueMany(tx, jobs);
  notices.offers = await offerNotices(tx, offers);
  for (const o of offers) notices.offerAgents.set(o.id, o.agentId);
  return notices;
}

function routingEvent(customerId: string, caseId: string, kind: 'case.offered' | 'case.offer_ended' | 'case.assigned', meta: unknown, author: Author, at: string): Event {
  return { id: newId(), seq: null, kind, customerId, caseId, threadId: null, channel: 'internal', author, body: null, occurredAt: at, meta } as Event;
}

/** The live payloads of new offers: the case's customer and subject, for the agent to decide. */
async function offerNotices(tx: Queryable, offers: readonly OfferRow[]): Promise<Offer[]> {
  if (offers.length === 0) return [];
  const { rows } = await tx.query<{ id: string; customer_id: string; name: string; subject: string | null; priority: Offer['priority'] }>(
    `select c.id, c.customer_id, cu.name, c.data->>'subject' as subject, c.priority from cases c join customers cu on cu.id = c.customer_id where c.id = any($1::uuid[])`,
    [offers.map((o) => o.caseId)],
  );
  const byCase = new Map(rows.map((r) => [r.id, r]));
  return offers.flatMap((o) => {
    const c = byCase.get(o.caseId);
    return c ? [{ offerId: o.id, caseId: o.caseId, customerId: c.customer_id, customerName: c.name, channel: o.channel, subject: c.subject ?? '', priority: c.priority, offeredAt: o.offeredAt, expiresAt: o.expiresAt }] : [];
  });
}

interface StoredOffer {
  id: string;
  case_id: string;
  agent_id: string;
  team_id: string;
  reason: RoutingReason;
  customer_id: string;
  state: string;
  expires_at: unknown;
  assignee_id: string | null;
}

async function lockOffer(tx: Queryable, offerId: string): Promise<StoredOffer | null> {
  const { rows } = await tx.query<StoredOffer>(
    `select o.id, o.case_id, o.agent_id, o.team_id, o.reason, o.state, o.expires_at, c.customer_id, c.assignee_id
       from routing_offers o join cases c on c.id = o.case_id where o.id = $1 for update of o`,
    [offerId],
  );
  return rows[0] ?? null;
}

/** The `case.offer_ended` of one offer: how it ended, in whose name. */
export function offerEndedEvent(o: Pick<StoredOffer, 'id' | 'case_id' | 'agent_id' | 'customer_id'>, outcome: OfferOutcome, author: Author, at: string): Event {
  return routingEvent(o.customer_id, o.case_id, 'case.offer_ended', { offerId: o.id, agentId: o.agent_id, outcome }, author, at);
}

async function endOffer(log: EventLogTx, o: StoredOffer, outcome: OfferOutcome, author: Author, at: string): Promise<void> {
  await log.tx.query(`update routing_offers set state = $2, ended_at = $3 where id = $1`, [o.id, outcome, at]);
  await log.append([offerEndedEvent(o, outcome, author, at)]);
}

/** The offered agent takes the case: the offer ends accepted and the case is theirs, with the router's reason. */
export async function acceptOffer(log: EventLogTx, me: Agent, offerId: string, now: number): Promise<{ caseId: string; customerId: string; notices: Notices }> {
  const o = await lockOffer(log.tx, offerId);
  if (!o || o.agent_id !== me.id) throw new OmnideskError('NOT_FOUND', 'no such offer');
  if (o.state !== 'pending') throw new OmnideskError('CONFLICT', `the offer was ${o.state}`);
  const at = new Date(now).toISOString();
  const author: Author = { type: 'agent', id: me.id, name: me.displayName };
  if (o.assignee_id) {
    await endOffer(log, o, 'withdrawn', SYSTEM, at);
    throw new OmnideskError('CONFLICT', 'the case was taken meanwhile');
  }
  await endOffer(log, o, 'accepted', author, at);
  await log.append([routingEvent(o.customer_id, o.case_id, 'case.assigned', { from: null, to: me.id, routing: o.reason }, author, at)]);
  return { caseId: o.case_id, customerId: o.customer_id, notices: noNotices() };
}

/** The agent passes: the case goes to the next agent (not back to them). */
export async function declineOffer(log: EventLogTx, me: Agent, offerId: string, now: number): Promise<void> {
  const o = await lockOffer(log.tx, offerId);
  if (!o || o.agent_id !== me.id) throw new OmnideskError('NOT_FOUND', 'no such offer');
  if (o.state !== 'pending') throw new OmnideskError('CONFLICT', `the offer was ${o.state}`);
  await endOffer(log, o, 'declined', { type: 'agent', id: me.id, name: me.displayName }, new Date(now).toISOString());
  await enqueueMany(log.tx, [dispatchJob(o.team_id, `declined:${o.id}`)]);
}

/** The expiry job: an offer nobody answered in time ends `expired` and the case goes to the next agent. */
export async function expireOffer(log: EventLogTx, offerId: string, now: number): Promise<Notices> {
  const notices = noNotices();
  const o = await lockOffer(log.tx, offerId);
  if (!o || o.state !== 'pending') return notices;
  // a job run early (clock skew between instances) waits for its instant
  if (Date.parse(toIso(o.expires_at)) > now + 1000) throw new OmnideskError('UNAVAILABLE', 'offer not expired yet');
  await endOffer(log, o, 'expired', SYSTEM, new Date(now).toISOString());
  await enqueueMany(log.tx, [dispatchJob(o.team_id, `expired:${o.id}`)]);
  notices.ended.push({ agentId: o.agent_id, ended: { offerId: o.id, caseId: o.case_id, outcome: 'expired' } });
  return notices;
}

/**
 * Ends the pending offers matching `where` as withdrawn (their agent went away or offline; their case was taken)
 * and queues a new pass for their teams.
 */
export async function withdrawOffers(log: EventLogTx, where: { agentId?: string; caseIds?: readonly string[] }, now: number): Promise<Notices> {
  const notices = noNotices();
  const { rows } = await log.tx.query<{ id: string }>(
    `select id from routing_offers where state = 'pending' and ($1::uuid is null or agent_id = $1) and ($2::uuid[] is null or case_id = any($2::uuid[]))`,
    [where.agentId ?? null, where.caseIds ?? null],
  );
  const at = new Date(now).toISOString();
  for (const r of rows) {
    const o = await lockOffer(log.tx, r.id);
    if (!o || o.state !== 'pending') continue;
    await endOffer(log, o, 'withdrawn', SYSTEM, at);
    await enqueueMany(log.tx, [dispatchJob(o.team_id, `withdrawn:${o.id}`)]);
    notices.ended.push({ agentId: o.agent_id, ended: { offerId: o.id, caseId: o.case_id, outcome: 'withdrawn' } });
  }
  return notices;
}

/** This agent's offers still open, for a desktop that (re)connects. */
export async function pendingOffers(db: Queryable, agentId: string): Promise<Offer[]> {
  const { rows } = await db.query<{ id: string; case_id: string; customer_id: string; name: string; channel: Offer['channel']; subject: string | null; priority: Offer['priority']; offered_at: unknown; expires_at: unknown }>(
    `select o.id, o.case_id, c.customer_id, cu.name, o.channel, c.data->>'subject' as subject, c.priority, o.offered_at, o.expires_at
       from routing_offers o join cases c on c.id = o.case_id join customers cu on cu.id = c.customer_id
      where o.agent_id = $1 and o.state = 'pending' order by o.offered_at`,
    [agentId],
  );
  return rows.map((r) => ({ offerId: r.id, caseId: r.case_id, customerId: r.customer_id, customerName: r.name, channel: r.channel, subject: r.subject ?? '', priority: r.priority, offeredAt: toIso(r.offered_at), expiresAt: toIso(r.expires_at) }));
}
