import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncState, TimelineItem } from '../../../shared/contracts/bridge';
import type { Event } from '../../../shared/kernel/event';
import type { ScriptEntry } from '../../../shared/kernel/escalation';
import type { TFunction } from 'i18next';
import type { RoutingReason } from '../../../shared/kernel/routing';
import { OUTBOUND_SETUP } from '../../../shared/features/conversations/outbound';
import { splitMentions } from '../../../shared/features/routing';
import { useOutboundChannels, waitsForSetup } from './outbound';
import { ChannelBadge } from '../../kernel/components/badges';
import type { ErrorCode } from '../../../shared/kernel/errors';
import { useBridge } from '../../kernel/app/bridge-context';
import { errorCodeOf, errorKey } from '../../kernel/state/errors';
import { formatDateTime, formatDuration } from '../../kernel/i18n/format';
import { bodyShown, directionOf, showsDirection, pendingNotice, subjectOf, systemLine, type DeliveryInfo, type FailedFile, type StoredFile } from './timeline-model';
import { EmailHtml } from './EmailHtml';
import { ArticleUseLine } from '../knowledge';
import { MessageParts, PartFile } from './MessageParts';
import { FlagHarmButton, HighlightedBody, SafetyFlagBadge, type SafetyFlagInfo } from '../safety';
import { useEscalationNames, type EscalationNames } from '../escalation';

/** what an agent can flag by hand (the shared safety.flag decision accepts the same kinds) */
const FLAGGABLE: ReadonlySet<string> = new Set(['message.received', 'message.sent', 'note.added', 'call.ended']);
import { BounceReportView } from './BounceReportView';

/** Bodies longer than this are folded behind "Show more" (long emails). */
export const FOLD_CHARS = 1200;

export interface EntryProps {
  item: TimelineItem;
  /** agent id → display name */
  names: ReadonlyMap<string, string>;
  customerName: string;
  lang: string;
  /** pending replies say "will send when online" only while offline */
  syncState: SyncState | null;
  expanded: boolean;
  onToggleExpand(eventId: string): void;
  /** outbound messages: the latest delivery report (folded from message.delivery_updated), if any */
  delivery?: DeliveryInfo;
  /** emojis the customer reacted to this message with (folded from message.reacted) */
  reactions?: readonly string[];
  /** `${messageId}:${part}` → stored file (folded from message.attachment_stored), or why there is none */
  files?: ReadonlyMap<string, StoredFile | FailedFile>;
  /** the earlier message this one answers, when it is loaded */
  quote?: { eventId: string; text: string } | null;
  /** scrolls the timeline to an item (the quoted message) */
  onJump?(eventId: string): void;
  /** the message's safety flags (folded from safety.flagged), if it reports possible harm */
  safety?: SafetyFlagInfo;
}

/** A script record as a line of the timeline: every prompt answered, skipped or overridden stays visible (issue 13). */
function scriptLine(t: TFunction, who: string, e: ScriptEntry, n: EscalationNames): string {
  switch (e.type) {
    case 'started':
      return t('timeline.system.scriptStarted', { who, script: n.script(e.scriptId) });
    case 'answered':
      return t('timeline.system.scriptAnswered', { who, question: n.question(e.questionId), value: n.answer(e.questionId, e.value, (v) => t(v ? 'escalation.yes' : 'escalation.no')) });
    case 'skipped':
      return t('timeline.system.scriptSkipped', { who, question: n.question(e.questionId), reason: e.reason });
    case 'overridden':
      return t('timeline.system.scriptOverridden', { who, step: n.step(e.stepId), reason: e.reason });
    case 'advanced':
      return e.to === 'end' ? t('timeline.system.scriptEnded', { who }) : t('timeline.system.scriptAdvanced', { who, step: n.step(e.to) });
    case 'phrase_inserted':
      return t('timeline.system.scriptPhrase', { who, step: n.step(e.stepId) });
  }
}

/** The system's own authors, named in the interface's language ("Routing" is 路由 in Chinese, issue 15). */
const SYSTEM_AUTHORS: Readonly<Record<string, string>> = {
  Omnidesk: 'omnidesk',
  Routing: 'routing',
  CTI: 'cti',
  'Auto-close': 'autoClose',
  'Escalation rules': 'escalationRules',
};

function useAuthorName() {
  const { t } = useTranslation();
  return (e: Event, names: ReadonlyMap<string, string>, customerName: string): string => {
    const systemKey = e.author.type === 'system' && e.author.name ? SYSTEM_AUTHORS[e.author.name] : undefined;
    if (systemKey) return t(`common.systemAuthor.${systemKey}`);
    if (e.author.name) return e.author.name;
    if (e.author.type === 'customer') return customerName;
    if (e.author.type === 'system' || e.author.id === null) return t('common.system');
    return names.get(e.author.id) ?? t('common.unknownAgent');
  };
}

function LocalStateNotice({ item, syncState }: { item: TimelineItem; syncState: SyncState | null }) {
  const { t } = useTranslation();
  const notice = pendingNotice(item, syncState);
  if (notice) {
    return (
      <span className="tl-state tl-pending" data-testid="timeline-pending">
        {t(`timeline.${notice}`)}
      </span>
    );
  }
  if (item.localState === 'rejected') return <RejectedNotice item={item} />;
  return null;
}

/** A change the server refused: the reason, and the agent's way out (redo as a new change, or discard). */
function RejectedNotice({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<ErrorCode | null>(null);
  const code = item.error?.code ?? 'INTERNAL';
  const detail = item.error?.message ? `${t(errorKey(code))} (${item.error.message})` : t(errorKey(code));
  const act = (method: 'sync.redo' | 'sync.discard') => {
    setBusy(true);
    setFailed(null);
    bridge.call(method, { eventId: item.event.id }).then(
      () => setBusy(false),
      (err: unknown) => {
        setBusy(false);
        setFailed(errorCodeOf(err));
      },
    );
  };
  return (
    <span className="tl-state tl-rejected" data-testid="timeline-rejected" data-code={code} role="note">
      {t('timeline.rejected', { reason: detail })}{' '}
      <button type="button" className="link small" data-testid="timeline-redo" disabled={busy} onClick={() => act('sync.redo')}>
        {t('timeline.redo')}
      </button>{' '}
      <button type="button" className="link small" data-testid="timeline-discard" disabled={busy} onClick={() => act('sync.discard')}>
        {t('timeline.discard')}
      </button>
      {failed && (
        <span className="tl-redo-failed" data-testid="timeline-redo-failed" data-code={failed}>
          {' '}
          {t('timeline.redoFailed', { reason: t(errorKey(failed)) })}
        </span>
      )}
    </span>
  );
}

/**
 * Delivery status of an outbound message: queued / sent / delivered / read / failed (with the reason). A reply queued on
 * a channel the server cannot send on says so, and what an admin sets up (issue 15): it goes out once that is done.
 */
function DeliveryBadge({ status, error, channel }: { status: DeliveryInfo['status']; error: string | null; channel: string }) {
  const { t } = useTranslation();
  const outbound = useOutboundChannels(useBridge());
  const label = t(`timeline.delivery.${status}`);
  if (waitsForSetup(status, channel, outbound)) {
    return (
      <span className="tl-delivery delivery-unconfigured" data-testid="timeline-delivery" data-status={status} data-unconfigured="true">
        {t('timeline.deliveryNotConfigured', { channel: t(`channel.${channel}`), setup: OUTBOUND_SETUP[channel as keyof typeof OUTBOUND_SETUP] })}
      </span>
    );
  }
  return (
    <span className={`tl-delivery delivery-${status}`} data-testid="timeline-delivery" data-status={status} title={error ?? undefined}>
      {status === 'failed' && error ? t('timeline.deliveryFailedReason', { reason: error }) : label}
    </span>
  );
}

/** One timeline item. Bodies are customer input: rendered as text only (React escapes), never as HTML. */
export const TimelineEntry = memo(function TimelineEntry({
  item,
  names,
  customerName,
  lang,
  syncState,
  expanded,
  onToggleExpand,
  delivery,
  reactions,
  files,
  quote,
  onJump,
  safety,
}: EntryProps) {
  const { t } = useTranslation();
  const escalationNames = useEscalationNames(lang);
  const authorName = useAuthorName();
  const e = item.event;
  const who = authorName(e, names, customerName);
  const when = formatDateTime(e.occurredAt, lang);
  const common = {
    'data-testid': 'timeline-item',
    'data-event-id': e.id,
    'data-channel': e.channel,
    'data-kind': e.kind,
    'data-occurred-at': e.occurredAt,
    'data-local-state': item.localState,
  };

  const line = systemLine(e);
  if (line) {
    let text: string;
    switch (line.type) {
      case 'caseOpened':
        text = t('timeline.system.caseOpened', { subject: line.subject, priority: t(`priority.${line.priority}`) });
        break;
      case 'statusChanged':
        text = t('timeline.system.statusChanged', {
          from: t(`status.${line.from}`),
          to: t(`status.${line.to}`),
          who,
        });
        break;
      case 'assigned':
        text = line.routing
          ? t('timeline.system.routed', { to: names.get(line.to) ?? t('common.unknownAgent'), why: routingWhy(t, line.routing) })
          : line.reason
            ? t('timeline.system.reassignedWhy', { to: names.get(line.to) ?? t('common.unknownAgent'), who, reason: line.reason })
            : t('timeline.system.assigned', { to: names.get(line.to) ?? t('common.unknownAgent'), who });
        break;
      case 'offered':
        text = t('timeline.system.offered', { to: names.get(line.to) ?? t('common.unknownAgent'), why: routingWhy(t, line.reason) });
        break;
      case 'unassigned':
        text = t('timeline.system.unassigned', { who });
        break;
      case 'helpRequested':
        text = line.note ? t('timeline.system.helpRequestedWhy', { who, note: line.note }) : t('timeline.system.helpRequested', { who });
        break;
      case 'helpAnswered':
        text = t('timeline.system.helpAnswered', { who, reply: line.reply });
        break;
      case 'fastTracked':
        text = t('timeline.system.fastTracked', { who, reason: line.reason });
        break;
      case 'fastTrackReviewed':
        text = t('timeline.system.fastTrackReviewed', { who, note: line.note });
        break;
      case 'surveySent':
        text = t('timeline.system.surveySent', { channel: t(`channel.${line.channel}`) });
        break;
      case 'surveyAnswered':
        text = [
          t('timeline.system.surveyAnswered'),
          line.csat !== null ? `CSAT ${line.csat}/5` : '',
          line.nps !== null ? `NPS ${line.nps}/10` : '',
          line.ces !== null ? `CES ${line.ces}/7` : '',
          line.detractor ? t('timeline.system.surveyDetractor') : '',
        ]
          .filter(Boolean)
          .join(' · ');
        break;
      case 'surveySkipped':
        text = t('timeline.system.surveySkipped', { who, reason: t(`surveys.skipReason.${line.reason}`) });
        break;
      case 'followUpOpened':
        text = t('timeline.system.followUpOpened', { due: formatDateTime(line.dueAt, lang) });
        break;
      case 'followUpClosed':
        text = t(line.late ? 'timeline.system.followUpClosedLate' : 'timeline.system.followUpClosed', { who, outcome: t(`surveys.outcome.${line.outcome}`) });
        break;
      case 'tagsChanged':
        text = [
          line.added.length ? t('timeline.system.tagsAdded', { who, tags: line.added.join(', ') }) : '',
          line.removed.length ? t('timeline.system.tagsRemoved', { who, tags: line.removed.join(', ') }) : '',
        ]
          .filter(Boolean)
          .join(' · ');
        break;
      case 'priorityChanged':
        text = t('timeline.system.priorityChanged', {
          from: t(`priority.${line.from}`),
          to: t(`priority.${line.to}`),
          who,
        });
        break;
      case 'slaWarned':
      case 'slaBreached':
        text = t(`timeline.system.${line.type}`, { clock: t(`sla.clock.${line.clock}`) }) + (line.late ? ` ${t('timeline.system.slaLate')}` : '');
        break;
      case 'safetyConfirmed':
        text = t(line.opened ? 'timeline.system.safetyConfirmedOpened' : 'timeline.system.safetyConfirmed', { who, reason: line.reason });
        break;
      case 'safetyDismissed':
      case 'safetyDismissalProposed':
        text = t(`timeline.system.${line.type}`, { who, reason: line.reason });
        break;
      case 'complaintUpdated':
        text = t('timeline.system.complaintUpdated', { who, count: line.fields.length });
        break;
      case 'complaintDecided':
        text = t('timeline.system.complaintDecided', { who, reportability: t(`complaint.reportability.${line.reportability}`), rationale: line.rationale });
        break;
      case 'escalationFired':
        text = t('timeline.system.escalationFired', { rule: escalationNames.rule(line.ruleId) });
        break;
      case 'scriptRecorded':
        text = scriptLine(t, who, line.entry, escalationNames);
        break;
      case 'handedOff':
        text = t('timeline.system.handedOff', { who, to: t(`escalation.to.${line.to}`) });
        break;
      case 'approvalRequested':
        text = t('timeline.system.approvalRequested', { who, tier: t(`escalation.tier.${line.tier}`), note: line.note });
        break;
      case 'approvalDecided':
        text = t(line.approved ? 'timeline.system.approvalGranted' : 'timeline.system.approvalDeclined', { who, reason: line.reason });
        break;
    }
    return (
      <div {...common} className={`tl-system tl-local-${item.localState}`}>
        <span className="tl-system-text">{text}</span>
        <time dateTime={e.occurredAt}>{when}</time>
        {e.body && (
          <span className="tl-body" data-testid="timeline-body">
            {e.body}
          </span>
        )}
        <LocalStateNotice item={item} syncState={syncState} />
      </div>
    );
  }

  const direction = directionOf(e);
  const subject = subjectOf(e);
  const body = e.body ?? '';
  const folded = !expanded && body.length > FOLD_CHARS;
  // email HTML, sanitized on the server, is shown in a sandboxed frame (EmailHtml), never in this document
  const html = e.kind === 'message.received' && e.channel === 'email' && e.meta.html ? e.meta.html : null;

  return (
    <article {...common} className={`tl-item tl-dir-${direction} tl-local-${item.localState}`}>
      <header className="tl-head">
        <ChannelBadge channel={e.channel} />
        {showsDirection(e.channel, direction) && (
          <span className={`tl-direction dir-${direction}`}>
            {direction === 'system' ? t('common.system') : t(`timeline.direction.${direction}`)}
          </span>
        )}
        <span className="tl-author">{who}</span>
        <time className="tl-time" dateTime={e.occurredAt}>
          {when}
        </time>
        {e.kind === 'message.sent' && item.localState === 'synced' && (
          <DeliveryBadge status={delivery?.status ?? e.meta.deliveryStatus} error={delivery?.error ?? null} channel={e.channel} />
        )}
        {safety && <SafetyFlagBadge flag={safety} />}
      </header>
      {subject && <div className="tl-subject">{t('timeline.subject', { subject })}</div>}
      {e.kind === 'message.reacted' && (
        <div className="tl-body" data-testid="timeline-reaction-orphan">
          {t('timeline.reactedUnknown', { emoji: e.meta.emoji })}
        </div>
      )}
      {e.kind === 'message.received' && e.meta.quoted && (
        <button
          type="button"
          className="link small tl-quote"
          data-testid="timeline-quote"
          data-quoted-id={quote?.eventId ?? ''}
          disabled={!quote}
          onClick={() => quote && onJump?.(quote.eventId)}
        >
          {quote ? t('timeline.replyTo', { text: quote.text }) : t('timeline.replyToEarlier')}
        </button>
      )}
      {e.kind === 'call.started' && (
        <div className="tl-call">
          {e.meta.direction === 'in'
            ? t('timeline.callStartedIn', { from: e.meta.from })
            : t('timeline.callStartedOut', { to: e.meta.to })}
        </div>
      )}
      {e.kind === 'call.ended' && (
        <div className="tl-call" data-testid="timeline-call" data-outcome={e.meta.outcome}>
          {t('timeline.callEnded', {
            duration: formatDuration(e.meta.durationSec),
            outcome: t(`timeline.outcome.${e.meta.outcome}`),
          })}
        </div>
      )}
      {html !== null && <EmailHtml html={html} />}
      {e.body !== null && html === null && (bodyShown(e) || safety) && (
        <div className="tl-body" data-testid="timeline-body">
          {safety ? (
            <HighlightedBody body={folded ? `${body.slice(0, FOLD_CHARS)}…` : body} flag={safety} />
          ) : e.kind === 'note.added' ? (
            <WithMentions text={folded ? `${body.slice(0, FOLD_CHARS)}…` : body} />
          ) : folded ? (
            `${body.slice(0, FOLD_CHARS)}…`
          ) : (
            body
          )}
        </div>
      )}
      {e.kind === 'message.received' && e.meta.parts && e.meta.parts.length > 0 && <MessageParts e={e} parts={e.meta.parts} files={files} />}
      {e.kind === 'message.sent' && e.meta.articles && e.meta.articles.length > 0 && (
        <ul className="tl-articles muted small" data-testid="timeline-articles">
          {e.meta.articles.map((u, i) => (
            <ArticleUseLine key={i} use={u} />
          ))}
        </ul>
      )}
      {reactions && reactions.length > 0 && (
        <div className="tl-reactions" data-testid="timeline-reaction" aria-label={t('timeline.reactions')}>
          {reactions.map((r, i) => (
            <span key={i} className="tl-reaction">
              {r}
            </span>
          ))}
        </div>
      )}
      {e.kind === 'message.received' && e.meta.bounceReport && <BounceReportView report={e.meta.bounceReport} />}
      {e.kind === 'message.sent' && e.meta.cc && e.meta.cc.length > 0 && (
        <div className="tl-subject muted small" data-testid="timeline-cc">
          {t('timeline.cc', { list: e.meta.cc.join(', ') })}
        </div>
      )}
      {(e.kind === 'message.received' || e.kind === 'message.sent') && e.meta.attachments && e.meta.attachments.length > 0 && (
        <ul className="tl-attachments muted small" data-testid="timeline-attachments" aria-label={t('timeline.email.attachments')}>
          {e.meta.attachments.map((a) => (
            <li key={a.id}>
              <PartFile file={{ eventId: e.id, attachment: a }} />
            </li>
          ))}
        </ul>
      )}
      {html === null && body.length > FOLD_CHARS && (
        <button type="button" className="link small" onClick={() => onToggleExpand(e.id)} aria-expanded={expanded}>
          {expanded ? t('timeline.showLess') : t('timeline.showMore')}
        </button>
      )}
      {!safety && e.caseId !== null && FLAGGABLE.has(e.kind) && item.localState !== 'rejected' && <FlagHarmButton messageId={e.id} />}
      <LocalStateNotice item={item} syncState={syncState} />
    </article>
  );
});

/** Why the router chose the agent, in a few words: the language, their load on the channel, how long they had been idle. */
function routingWhy(t: TFunction, r: RoutingReason): string {
  return t('timeline.system.routingWhy', { language: t(`customer.languageName.${r.language}`), load: r.load, capacity: r.capacity, minutes: Math.round(r.idleMs / 60_000) });
}

/** A note's `@username` mentions stand out (the colleague named was notified). */
function WithMentions({ text }: { text: string }) {
  return (
    <>
      {splitMentions(text).map((p, i) =>
        p.mention ? (
          <span key={i} className="tl-mention" data-testid="timeline-mention">
            {p.text}
          </span>
        ) : (
          p.text
        ),
      )}
    </>
  );
}
