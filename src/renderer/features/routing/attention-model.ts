import type { CallIncoming } from '../../../shared/contracts/bridge';
import type { AttentionItem, Offer, OfferEnded } from '../../../shared/features/routing';

/** What wants this agent now: offers to answer, and their own cases customers wrote on since they last looked. */
export interface AttentionState {
  offers: Offer[];
  /** caseId → the newest unseen message on it */
  unseen: Record<string, AttentionItem>;
}

export const EMPTY_ATTENTION: AttentionState = { offers: [], unseen: {} };

/** New offers join in the order they came; one already shown is not doubled (a reconnect re-reads them). */
export function addOffers(s: AttentionState, offers: readonly Offer[], now: number): AttentionState {
  const known = new Set(s.offers.map((o) => o.offerId));
  const fresh = offers.filter((o) => !known.has(o.offerId) && Date.parse(o.expiresAt) > now);
  return fresh.length ? { ...s, offers: [...s.offers, ...fresh] } : s;
}

export function endOffer(s: AttentionState, ended: Pick<OfferEnded, 'offerId'>): AttentionState {
  return s.offers.some((o) => o.offerId === ended.offerId) ? { ...s, offers: s.offers.filter((o) => o.offerId !== ended.offerId) } : s;
}

/** Offers past their time are gone from the screen even before the server says so. */
export function dropExpired(s: AttentionState, now: number): AttentionState {
  const live = s.offers.filter((o) => Date.parse(o.expiresAt) > now);
  return live.length === s.offers.length ? s : { ...s, offers: live };
}

export function addUnseen(s: AttentionState, items: readonly AttentionItem[]): AttentionState {
  const unseen = { ...s.unseen };
  for (const i of items) unseen[i.caseId] = i;
  return { ...s, unseen };
}

/** The agent opened the customer: their cases' messages are seen. */
export function markSeen(s: AttentionState, customerId: string): AttentionState {
  const left = Object.fromEntries(Object.entries(s.unseen).filter(([, i]) => i.customerId !== customerId));
  return Object.keys(left).length === Object.keys(s.unseen).length ? s : { ...s, unseen: left };
}

export function attentionCount(s: AttentionState): number {
  return s.offers.length + Object.keys(s.unseen).length;
}

/** The window title with the count in front, as mail and chat apps do: "(3) Omnidesk". */
export function titleWithCount(base: string, count: number): string {
  return count > 0 ? `(${count}) ${base}` : base;
}

/** Whole seconds left to accept, never below 0. */
export function secondsLeft(offer: Pick<Offer, 'expiresAt'>, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(offer.expiresAt) - now) / 1000));
}

/** A notification's words as i18n keys (the component translates): never the customer, the number or the text. */
export interface NoticeKeys {
  title: string;
  body: string;
  params?: Record<string, string | number>;
}

/** What a batch of attention items says: the newest decides (the lead, a rule, a colleague), customers' messages are counted. */
export function attentionNoticeKeys(items: readonly AttentionItem[]): NoticeKeys | null {
  const i = items[items.length - 1];
  if (!i) return null;
  switch (i.from) {
    case 'lead':
      return { title: 'routing.attention.leadTitle', body: 'routing.attention.leadBody' };
    case 'escalation':
      return { title: 'routing.attention.escalationTitle', body: 'routing.attention.escalationBody' };
    case 'mention':
      return { title: 'routing.attention.mentionTitle', body: 'routing.attention.mentionBody' };
    case 'customer': {
      const cases = new Set(items.filter((x) => x.from === 'customer').map((x) => x.caseId)).size;
      return cases > 1
        ? { title: 'routing.attention.noticeTitle', body: 'routing.attention.noticeMany', params: { count: cases } }
        : { title: 'routing.attention.noticeTitle', body: 'routing.attention.notice', params: { channel: `channel.${i.channel}` } };
    }
  }
}

/** A call put through to this agent: told while the window is in the background, so they look at the call pop. */
export function callNoticeKeys(call: Pick<CallIncoming, 'newCaller'>): NoticeKeys {
  return { title: 'routing.attention.callTitle', body: call.newCaller ? 'routing.attention.callNew' : 'routing.attention.callKnown' };
}
