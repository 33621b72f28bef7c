/**
 * Stage 3, identity: who sent it (the rules are the identity feature's, reached through its index).
 * A known conversation names its customer (followed to the survivor of a merge); otherwise a strong
 * match joins, and several or weak matches make a new customer with merge suggestions. A self-declared
 * contact (`claims`) never joins: its holders are `unverified_identity` suggestions on a new customer.
 */
import { OmnideskError } from '../../../shared/kernel/errors';
import type { Customer } from '../../../shared/kernel/customer';
import { newId } from '../../../shared/kernel/ids';
import type { Language } from '../../../shared/kernel/primitives';
import { teamForInbound } from '../../../shared/features/routing/rules';
import { loadTeamRoutings } from '../../features/routing/settings';
import type { Queryable } from '../../kernel/db/types';
import { decideMatch, findStrong, findWeak, keyString, normaliseHandle, type Candidate, type SuggestionReason } from '../../features/identity';
import { customersInReach, SYSTEM, type IngestBatch, type Prepared } from './batch';

export interface Resolved {
  customer: Customer;
  /** created by this message */
  newCustomer: boolean;
  /** created with merge suggestions (several or weak candidates) */
  mergeSuggested: boolean;
}

/** Loads strong-key candidates of every fresh item (one query), then every customer the batch may touch. */
export async function loadIdentities(tx: Queryable, batch: IngestBatch): Promise<void> {
  batch.strong = await findStrong(tx, batch.fresh.flatMap((i) => [...i.keys, ...i.claims]));
  const ids = customersInReach(batch);
  if (!ids.length) return;
  const { rows } = await tx.query<{ data: Customer }>('select data from customers where id = any($1::uuid[])', [ids]);
  for (const r of rows) batch.customers.set(r.data.id, r.data);
}

/** The message's customer: the thread's (`threadCustomerId`) when still there, else matched or created. */
export async function resolveCustomer(tx: Queryable, batch: IngestBatch, item: Prepared, threadCustomerId: string | null): Promise<Resolved> {
  const { customers } = batch;
  let customerId = threadCustomerId;
  if (customerId && !customers.has(customerId)) customerId = null; // merged away meanwhile: resolve again
  if (customerId) {
    const c = customers.get(customerId) as Customer;
    if (c.mergedInto && customers.has(c.mergedInto)) customerId = c.mergedInto;
    return { customer: customers.get(customerId) as Customer, newCustomer: false, mergeSuggested: false };
  }

  const weak = item.keys.length === 0 || !item.keys.some((k) => batch.strong.has(keyString(k)))
    ? await findWeak(tx, { rawName: item.rawName, email: item.email })
    : [];
  const decision = decideMatch({ keys: item.keys, claims: item.claims, name: item.name, strong: batch.strong, weak });
  if (decision.kind === 'join' && customers.has(decision.customerId)) {
    return { customer: customers.get(decision.customerId) as Customer, newCustomer: false, mergeSuggested: false };
  }
  const suggestions = decision.kind === 'new' ? decision.suggestions.filter((s) => s.customerId) : [];
  return createCustomer(tx, batch, item, suggestions);
}

async function createCustomer(
  tx: Queryable,
  batch: IngestBatch,
  item: Prepared,
  suggestions: ReadonlyArray<{ customerId: string; reason: SuggestionReason }>,
): Promise<Resolved> {
  const { msg } = item;
  const at = item.occurredAt;
  // a suggestion is only actionable inside one team: prefer the candidates' team when they share one
  let team: string | null = null;
  if (!msg.teamHint && suggestions.length) {
    const { rows } = await tx.query<{ team_id: string }>('select distinct team_id from customers where id = any($1::uuid[])', [suggestions.map((s) => s.customerId)]);
    if (rows.length === 1) team = (rows[0] as { team_id: string }).team_id;
  }
  const language = languageOf(item);
  team ??= (await teamByRules(tx, item, language)) ?? (await teamFor(tx, batch, msg.teamHint));
  const c = newCustomerFrom(item, team, language);
  batch.customers.set(c.id, c);
  batch.events.push({ id: newId(), seq: null, customerId: c.id, caseId: null, threadId: null, channel: msg.channel, kind: 'customer.created', author: SYSTEM, body: null, occurredAt: at, meta: { customer: c } });
  // later items of the batch with the same keys join this customer
  for (const k of item.keys) {
    const list = batch.strong.get(keyString(k)) ?? [];
    list.push({ customerId: c.id, name: item.name } satisfies Candidate);
    batch.strong.set(keyString(k), list);
  }
  if (suggestions.length) {
    batch.events.push({
      id: newId(), seq: null, customerId: c.id, caseId: null, threadId: null, channel: 'internal', kind: 'customer.merge_suggested',
      author: SYSTEM, body: null, occurredAt: at, meta: { candidates: suggestions.slice(0, 20) },
    });
    for (const s of suggestions) batch.suggestionRows.push({ id: newId(), customer_id: c.id, candidate_id: s.customerId, reason: s.reason });
  }
  return { customer: c, newCustomer: true, mergeSuggested: suggestions.length > 0 };
}

/** The team of a new customer: the hint (id or name) if it names one, else the default team (looked up once per batch). */
async function teamFor(tx: Queryable, batch: IngestBatch, hint: string | null | undefined): Promise<string> {
  if (hint) {
    const { rows } = await tx.query<{ id: string }>(`select id from teams where id::text = $1 or lower(name) = lower($1) limit 1`, [hint]);
    if (rows[0]) return rows[0].id;
  }
  if (batch.defaultTeam === undefined) {
    const { rows } = await tx.query<{ id: string }>(
      `select id from teams where $1::text is null or id::text = $1 or lower(name) = lower($1) order by name, id limit 1`,
      [batch.defaultTeamId ?? null],
    );
    batch.defaultTeam = rows[0]?.id ?? null;
  }
  if (!batch.defaultTeam) throw new OmnideskError('UNAVAILABLE', 'no team to route new customers to');
  return batch.defaultTeam;
}

/** The language a new contact writes in: Chinese when the text has Han characters. */
function languageOf(item: Prepared): Language {
  return /[\u4e00-\u9fff]/.test(`${item.msg.subject ?? ''} ${item.body}`) ? 'zh' : 'en';
}

/** The team the routing rules give a new contact (issue 15): by channel, the address written to, and language. */
async function teamByRules(tx: Queryable, item: Prepared, language: Language): Promise<string | null> {
  const teams = [...(await loadTeamRoutings(tx)).values()];
  if (teams.length === 0) return null;
  return teamForInbound(teams, { channel: item.msg.channel, recipient: item.msg.recipient ?? null, language, product: null })?.teamId ?? null;
}

function newCustomerFrom(item: Prepared, teamId: string, language: Language): Customer {
  const emails = item.keys.filter((k) => k.kind === 'email').map((k) => k.value);
  const phones = item.keys.filter((k) => k.kind === 'phone').map((k) => k.value);
  const social = normaliseHandle(item.msg.identity.social ?? null);
  const name = item.rawName ?? emails[0] ?? phones[0] ?? (social ? `@${social.handle}` : null) ?? 'Unknown contact';
  const at = item.occurredAt;
  return {
    id: newId(),
    teamId,
    name: name.slice(0, 200),
    emails,
    phones,
    socialHandles: social ? [social] : [],
    language,
    segment: 'adult',
    vip: false,
    devices: [],
    createdAt: at,
    updatedAt: at,
  };
}
