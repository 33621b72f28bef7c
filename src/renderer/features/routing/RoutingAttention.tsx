import { useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttentionItem, Offer, OfferEnded } from '../../../shared/features/routing';
import { useBridge, useNav, useSync } from '../../kernel/app/bridge-context';
import { ChannelBadge } from '../../kernel/components/badges';
import { browserNotifications, webNotifier } from '../../kernel/notify/web-notifier';
import { errorCodeOf } from '../../kernel/state/errors';
import { isShortcut } from '../../kernel/shell/shortcuts';
import type { CallIncoming } from '../../../shared/contracts/bridge';
import {
  addOffers,
  addUnseen,
  attentionCount,
  attentionNoticeKeys,
  callNoticeKeys,
  dropExpired,
  EMPTY_ATTENTION,
  endOffer,
  markSeen,
  secondsLeft,
  titleWithCount,
  type AttentionState,
  type NoticeKeys,
} from './attention-model';
import { chime } from './sound';

type Action =
  | { type: 'offers'; offers: readonly Offer[]; now: number }
  | { type: 'ended'; ended: Pick<OfferEnded, 'offerId'> }
  | { type: 'unseen'; items: readonly AttentionItem[] }
  | { type: 'seen'; customerId: string }
  | { type: 'tick'; now: number };

function reduce(s: AttentionState, a: Action): AttentionState {
  switch (a.type) {
    case 'offers':
      return addOffers(s, a.offers, a.now);
    case 'ended':
      return endOffer(s, a.ended);
    case 'unseen':
      return addUnseen(s, a.items);
    case 'seen':
      return markSeen(s, a.customerId);
    case 'tick':
      return dropExpired(s, a.now);
  }
}

/** The window is not in front: the agent is in another app or tab, so the OS has to tell them. */
const inBackground = () => document.hidden || !document.hasFocus();

/**
 * What wants the agent now (issue 15): the cases the router offers them, with Accept / Decline and the seconds
 * left, customers writing on their own cases, rules escalating them, colleagues mentioning them and calls put through. Each new one rings (unless muted), raises a notification while the
 * window is in the background (never naming the customer: a lock screen is public; a click opens the case), and
 * counts in the window title until answered or opened.
 */
export function RoutingAttention() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const go = useNav((s) => s.go);
  const route = useNav((s) => s.route);
  const online = useSync((s) => s.status?.state === 'online');
  const [state, dispatch] = useReducer(reduce, EMPTY_ATTENTION);
  const [now, setNow] = useState(() => Date.now());
  const [failed, setFailed] = useState<string | null>(null);
  const answerRef = useRef<((o: Offer, accept: boolean) => void) | null>(null);

  useEffect(() => {
    const notifyOffer = webNotifier<Offer & { eventId: string }>({
      api: browserNotifications(),
      hidden: inBackground,
      notice: (offers) => {
        const o = offers[0];
        return o ? { title: t('routing.offers.noticeTitle'), body: t('routing.offers.notice', { channel: t(`channel.${o.channel}`) }), alert: o } : null;
      },
      open: (o) => go({ name: 'customer', customerId: o.customerId, caseId: o.caseId }),
      focus: () => window.focus(),
    });
    const words = (k: NoticeKeys) => ({ title: t(k.title), body: t(k.body, { ...k.params, ...(typeof k.params?.channel === 'string' ? { channel: t(k.params.channel) } : {}) }) });
    const notifyMessage = webNotifier<AttentionItem>({
      api: browserNotifications(),
      hidden: inBackground,
      notice: (items) => {
        const k = attentionNoticeKeys(items);
        const last = items[items.length - 1];
        return k && last ? { ...words(k), alert: last } : null;
      },
      open: (i) => go({ name: 'customer', customerId: i.customerId, caseId: i.caseId }),
      focus: () => window.focus(),
    });
    const notifyCall = webNotifier<CallIncoming & { eventId: string }>({
      api: browserNotifications(),
      hidden: inBackground,
      notice: (calls) => {
        const c = calls[calls.length - 1];
        return c ? { ...words(callNoticeKeys(c)), alert: c } : null;
      },
      open: (c) => go({ name: 'customer', customerId: c.customerId, caseId: null }),
      focus: () => window.focus(),
    });
    const offOffer = bridge.on('routing.offer', (o) => {
      dispatch({ type: 'offers', offers: [o], now: Date.now() });
      chime('offer');
      notifyOffer([{ ...o, eventId: o.offerId }]);
    });
    const offEnded = bridge.on('routing.offerEnded', (e) => dispatch({ type: 'ended', ended: e }));
    const offCall = bridge.on('call.incoming', (c) => {
      chime('offer');
      notifyCall([{ ...c, eventId: c.callId }]);
    });
    const offAttention = bridge.on('routing.attention', ({ items }) => {
      dispatch({ type: 'unseen', items });
      chime('message');
      notifyMessage(items);
    });
    return () => {
      offOffer();
      offEnded();
      offCall();
      offAttention();
    };
  }, [bridge, go, t]);

  // what was offered while this window was closed or the connection was down
  useEffect(() => {
    if (!online) return;
    bridge.call('routing.offers', {}).then(
      ({ offers }) => dispatch({ type: 'offers', offers, now: Date.now() }),
      () => undefined, // signed in offline or signed out meanwhile: nothing to show
    );
  }, [bridge, online]);

  // opening a customer is seeing their messages (looking on read-only from the console is not)
  const openCustomer = route.name === 'customer' && !route.readOnly ? route.customerId : null;
  useEffect(() => {
    if (openCustomer) dispatch({ type: 'seen', customerId: openCustomer });
  }, [openCustomer, state.unseen]);

  // the countdown, while there is something to count down
  const counting = state.offers.length > 0;
  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(() => {
      const n = Date.now();
      setNow(n);
      dispatch({ type: 'tick', now: n });
    }, 1000);
    return () => clearInterval(timer);
  }, [counting]);

  // Alt+A accepts the first offer, Alt+D declines it, wherever the agent is in the app
  const first = state.offers[0] ?? null;
  useEffect(() => {
    if (!first) return;
    const onKey = (e: KeyboardEvent) => {
      const accept = isShortcut(e, 'KeyA');
      if (!accept && !isShortcut(e, 'KeyD')) return;
      e.preventDefault();
      answerRef.current?.(first, accept);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [first]);

  const count = attentionCount(state);
  useEffect(() => {
    document.title = titleWithCount(t('app.name'), count);
  }, [count, t]);

  const answer = (o: Offer, accept: boolean) => {
    setFailed(null);
    bridge.call(accept ? 'routing.accept' : 'routing.decline', { offerId: o.offerId }).then(
      () => {
        dispatch({ type: 'ended', ended: o });
        if (accept) go({ name: 'customer', customerId: o.customerId, caseId: o.caseId });
      },
      (err: unknown) => {
        // no longer open (taken, expired): it goes; anything else stays to try again
        if (errorCodeOf(err) === 'CONFLICT' || errorCodeOf(err) === 'NOT_FOUND') dispatch({ type: 'ended', ended: o });
        setFailed(o.offerId);
      },
    );
  };
  answerRef.current = answer;
  if (state.offers.length === 0) return null;
  return (
    <section className="routing-offers" aria-label={t('routing.offers.region')} data-testid="routing-offers">
      {state.offers.map((o) => (
        <div key={o.offerId} className="routing-offer" role="alert" data-testid="routing-offer" data-case-id={o.caseId} data-offer-id={o.offerId}>
          <div className="routing-offer-text">
            <ChannelBadge channel={o.channel} />
            <strong>{t('routing.offers.title', { channel: t(`channel.${o.channel}`) })}</strong>
            <span className="routing-offer-who">{o.customerName}</span>
            <span className="routing-offer-subject">{o.subject}</span>
            <span className="routing-offer-left" data-testid="routing-offer-left">
              {t('routing.offers.expiresIn', { seconds: secondsLeft(o, now) })}
            </span>
          </div>
          <div className="routing-offer-actions">
            <button type="button" className="primary" data-testid="routing-accept" aria-keyshortcuts="Alt+A" onClick={() => answer(o, true)}>
              {t('routing.offers.accept')}
            </button>
            <button type="button" className="ghost" data-testid="routing-decline" aria-keyshortcuts="Alt+D" onClick={() => answer(o, false)}>
              {t('routing.offers.decline')}
            </button>
          </div>
          {failed === o.offerId && <span className="error small">{t('routing.offers.failed')}</span>}
        </div>
      ))}
    </section>
  );
}
