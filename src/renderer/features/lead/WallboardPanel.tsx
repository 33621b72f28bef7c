import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseLine, FastTrackLine, HelpLine, Wallboard } from '../../../shared/features/lead';
import { Priority } from '../../../shared/kernel/priority';
import { useBridge, useNav, useSession } from '../../kernel/app/bridge-context';
import { ChoiceSelect } from '../../kernel/components/ChoiceSelect';
import { EnumSelect } from '../../kernel/components/EnumSelect';
import { formatCompact, formatDuration } from '../../kernel/i18n/format';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';
import { agentOrder, ageSec, healthTone, unsynced } from './console-model';
import { TextAction } from './TextAction';

const CHANNELS = ['chat', 'phone', 'email', 'social'] as const;

/** One team's live wallboard (issue 16): totals, the red line, channels × priorities, agents, safety and stuck work. */
export function WallboardPanel({ board, nowMs }: { board: Wallboard; nowMs: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const total = board.totals;
  const crossed = board.redLine.filter((l) => l.crossed);
  const [filter, setFilter] = useState<Filter>({});
  return (
    <section className="wallboard" data-testid="wallboard" data-team-id={board.teamId} aria-labelledby={`wb-${board.teamId}`}>
      <h2 id={`wb-${board.teamId}`}>{board.teamName}</h2>
      {crossed.length > 0 && (
        <p className="alert-banner red" role="alert" data-testid="red-line-alert">
          {crossed.map((l) => t('lead.redLine.crossed', { channel: t(`channel.${l.channel}`), seconds: Math.round(l.averageSec ?? 0) })).join(' · ')}
        </p>
      )}
      <dl className="tiles" data-testid="wallboard-totals">
        <Tile label={t('lead.totals.waiting')} value={total.waiting} testId="total-waiting" />
        <Tile label={t('lead.totals.open')} value={total.open} testId="total-open" />
        <Tile label={t('lead.totals.unassigned')} value={total.unassigned} testId="total-unassigned" />
        <Tile label={t('lead.totals.atRisk')} value={total.slaAtRisk} testId="total-at-risk" tone={total.slaAtRisk ? 'orange' : undefined} />
        <Tile label={t('lead.totals.breached')} value={total.slaBreached} testId="total-breached" tone={total.slaBreached ? 'red' : undefined} />
        <Tile label={t('lead.totals.oldestWait')} value={total.oldestWaitSince ? formatDuration(ageSec(total.oldestWaitSince, nowMs)) : '—'} testId="total-oldest" />
      </dl>

      <div className="wallboard-grid">
        <table className="data-table" data-testid="wallboard-channels">
          <caption>{t('lead.channels.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('lead.channels.channel')}</th>
              {Priority.options.map((p) => (
                <th scope="col" key={p}>
                  {p}
                </th>
              ))}
              <th scope="col">{t('lead.redLine.average')}</th>
            </tr>
          </thead>
          <tbody>
            {CHANNELS.map((c) => {
              const line = board.redLine.find((l) => l.channel === c);
              return (
                <tr key={c} data-testid={`channel-row-${c}`}>
                  <th scope="row">
                    <button type="button" className="link" data-testid={`channel-filter-${c}`} onClick={() => setFilter({ channel: c })}>
                      {t(`channel.${c}`)}
                    </button>
                  </th>
                  {Priority.options.map((p) => {
                    const cell = board.byChannel.find((x) => x.channel === c && x.priority === p);
                    return (
                      <td key={p} data-testid={`cell-${c}-${p}`}>
                        {cell ? (
                          <button type="button" className="link" onClick={() => setFilter({ channel: c, priority: p })}>
                            {t('lead.channels.cell', { waiting: cell.waiting, open: cell.open })}
                            <span className="sr-only"> {t('lead.waiting.show', { channel: t(`channel.${c}`), priority: p })}</span>
                          </button>
                        ) : (
                          '0 / 0'
                        )}
                      </td>
                    );
                  })}
                  <td className={line?.crossed ? 'tone-red' : undefined}>{line?.averageSec == null ? '—' : t('lead.redLine.seconds', { seconds: Math.round(line.averageSec) })}</td>
                </tr>
              );
            })}
          </tbody>
        </table>

        <table className="data-table" data-testid="wallboard-agents">
          <caption>{t('lead.agents.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('lead.agents.name')}</th>
              <th scope="col">{t('lead.agents.presence')}</th>
              <th scope="col">{t('lead.agents.load')}</th>
              <th scope="col">{t('lead.agents.handle')}</th>
              <th scope="col">{t('lead.agents.desktop')}</th>
              <th scope="col">{t('lead.message.column')}</th>
            </tr>
          </thead>
          <tbody>
            {agentOrder(board.agents).map((a) => {
              const tone = healthTone(a);
              return (
                <tr key={a.id} data-testid="console-agent" data-agent-id={a.id} data-online={a.desktop.online ? 'true' : 'false'} data-unsynced={unsynced(a)}>
                  <th scope="row">{a.name}</th>
                  <td>{t(`routing.presence.${a.presence}`)}</td>
                  <td>{a.load}</td>
                  <td>{a.handleSec === null ? '—' : formatDuration(a.handleSec)}</td>
                  <td className={`health-${tone}`} data-testid="agent-desktop">
                    {tone === 'offline'
                      ? a.desktop.offlineSince
                        ? t('lead.agents.offlineSince', { time: formatCompact(a.desktop.offlineSince, lang, nowMs) })
                        : t('lead.agents.neverConnected')
                      : t('lead.agents.online')}
                    {unsynced(a) > 0 && <span className="health-unsynced">{t('lead.agents.unsynced', { out: a.desktop.unsyncedOut, behind: a.desktop.behind })}</span>}
                  </td>
                  <td>
                    <MessageAgent agentId={a.id} name={a.name} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {board.flags.length > 0 && <Flags board={board} nowMs={nowMs} />}
      {board.fastTracks.length > 0 && <FastTracks board={board} />}

      {board.safety.length > 0 && (
        <section className="wallboard-safety" data-testid="wallboard-safety" aria-label={t('lead.safety.title')}>
          <h3>{t('lead.safety.title')}</h3>
          <ul>
            {board.safety.map((s) => (
              <li key={s.caseId}>
                <CaseLink customerId={s.customerId} caseId={s.caseId} label={`${s.customerName} — ${s.subject}`} />{' '}
                {s.dueAt ? t('lead.safety.due', { rule: s.rule ?? '', time: formatCompact(s.dueAt, lang, nowMs) }) : t('lead.safety.noDeadline')}
              </li>
            ))}
          </ul>
        </section>
      )}

      <CaseWork board={board} nowMs={nowMs} filter={filter} setFilter={setFilter} />
    </section>
  );
}

/** Agents' raised flags ("I need help"), the oldest first, each with its answer box. */
function Flags({ board, nowMs }: { board: Wallboard; nowMs: number }) {
  const { t } = useTranslation();
  return (
    <section className="wallboard-flags" data-testid="wallboard-flags" aria-labelledby={`flags-${board.teamId}`}>
      <h3 id={`flags-${board.teamId}`}>{t('lead.help.title', { count: board.flags.length })}</h3>
      <ul>
        {board.flags.map((f) => (
          <FlagLine key={f.requestId} flag={f} by={board.agents.find((a) => a.id === f.byId)?.name ?? t('common.unknownAgent')} nowMs={nowMs} />
        ))}
      </ul>
    </section>
  );
}

function FlagLine({ flag, by, nowMs }: { flag: HelpLine; by: string; nowMs: number }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  return (
    <li data-testid="wallboard-flag" data-case-id={flag.caseId}>
      <strong>{by}</strong> · <CaseLink customerId={flag.customerId} caseId={flag.caseId} label={`${flag.customerName} — ${flag.subject}`} /> · {formatDuration(ageSec(flag.at, nowMs))}
      {flag.note && <q className="flag-note">{flag.note}</q>}
      <TextAction
        className="flag-answer"
        label={t('lead.help.answerTo', { name: by })}
        labelHidden
        placeholder={t('lead.help.answerPlaceholder')}
        maxLength={2000}
        submit={t('lead.help.answer')}
        inputTestId="flag-reply"
        buttonTestId="flag-answer"
        onSubmit={(reply) => bridge.call('case.answerHelp', { caseId: flag.caseId, requestId: flag.requestId, reply })}
      />
    </li>
  );
}

/** Green-channel fast-tracks still to review: another lead (or an admin) says whether it was justified. */
function FastTracks({ board }: { board: Wallboard }) {
  const { t } = useTranslation();
  return (
    <section className="wallboard-fast-tracks" data-testid="wallboard-fast-tracks" aria-labelledby={`fast-${board.teamId}`}>
      <h3 id={`fast-${board.teamId}`}>{t('lead.fastTrack.toReview', { count: board.fastTracks.length })}</h3>
      <ul>
        {board.fastTracks.map((f) => (
          <FastTrackReview key={f.fastTrackId} line={f} by={board.agents.find((a) => a.id === f.byId)?.name ?? t('common.unknownAgent')} />
        ))}
      </ul>
    </section>
  );
}

function FastTrackReview({ line, by }: { line: FastTrackLine; by: string }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  return (
    <li data-testid="fast-track-line" data-case-id={line.caseId}>
      <strong>{by}</strong> · <CaseLink customerId={line.customerId} caseId={line.caseId} label={`${line.customerName} — ${line.subject}`} /> · <q>{line.reason}</q>
      <TextAction
        className="flag-answer"
        label={t('lead.fastTrack.reviewOf', { name: by })}
        labelHidden
        placeholder={t('lead.fastTrack.reviewPlaceholder')}
        maxLength={2000}
        submit={t('lead.fastTrack.review')}
        inputTestId="fast-track-note"
        buttonTestId="fast-track-review"
        onSubmit={(note) => bridge.call('case.reviewFastTrack', { caseId: line.caseId, fastTrackId: line.fastTrackId, note })}
      />
    </li>
  );
}

/** A message to one agent (live to their desktops; says whether one of them was connected). */
function MessageAgent({ agentId, name }: { agentId: string; name: string }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [sent, setSent] = useState<boolean | null>(null);
  return (
    <>
      <TextAction
        className="message-agent"
        label={t('lead.message.to', { name })}
        labelHidden
        placeholder={t('lead.message.placeholder')}
        maxLength={1000}
        submit={t('lead.message.send')}
        inputTestId="message-text"
        buttonTestId="message-send"
        onSubmit={async (text) => setSent((await bridge.call('lead.message', { agentId, text, caseId: null })).delivered)}
      />
      {sent !== null && (
        <span role="status" data-testid="message-sent">
          {t(sent ? 'lead.message.delivered' : 'lead.message.notConnected')}
        </span>
      )}
    </>
  );
}

function Tile({ label, value, testId, tone }: { label: string; value: number | string; testId: string; tone?: 'orange' | 'red' }) {
  return (
    <div className={`tile${tone ? ` tone-${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

function CaseLink({ customerId, caseId, label }: { customerId: string; caseId: string; label: string }) {
  const go = useNav((s) => s.go);
  return (
    // the console looks on: read-only, nothing marked seen; the view offers to work on it
    <button type="button" className="link" onClick={() => go({ name: 'customer', customerId, caseId, readOnly: true })}>
      {label}
    </button>
  );
}

interface Filter {
  channel?: string;
  priority?: string;
}

/**
 * The cases the lead acts on: those waiting on an agent (filtered by a click on the channel table) and the 10 stuck
 * longest at their stage. Select some and reassign them with a reason (each a `case.assign` with the reason on the
 * event), or change a priority.
 */
function CaseWork({ board, nowMs, filter, setFilter }: { board: Wallboard; nowMs: number; filter: Filter; setFilter(f: Filter): void }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<number | null>(null);
  const { busy, error, run } = useAction();
  const targets = board.agents.filter((a) => a.role !== 'admin').map((a) => ({ value: a.id, label: a.name }));
  const waiting = board.waiting.filter((c) => (!filter.channel || c.channel === filter.channel) && (!filter.priority || c.priority === filter.priority));
  const toggle = (caseId: string, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(caseId);
    else next.delete(caseId);
    setPicked(next);
  };
  const reassign = () =>
    run(async () => {
      const ids = [...picked];
      for (const caseId of ids) await bridge.call('case.assign', { caseId, assigneeId: to, reason: reason.trim() });
      setDone(ids.length);
      setPicked(new Set());
      setReason('');
    });
  const me = useSession((x) => x.session?.agent ?? null);
  const takeOver = (caseId: string) => void run(async () => me && bridge.call('case.assign', { caseId, assigneeId: me.id, reason: t('lead.takeOver.reason') }));
  const filterLabel = [filter.channel ? t(`channel.${filter.channel}`, { defaultValue: filter.channel }) : null, filter.priority ?? null].filter(Boolean).join(' · ');

  return (
    <section className="wallboard-work">
      <h3 id={`waiting-${board.teamId}`}>
        {t('lead.waiting.title')}
        {filterLabel && ` — ${filterLabel}`}
      </h3>
      {filterLabel && (
        <button type="button" className="ghost" data-testid="waiting-all" onClick={() => setFilter({})}>
          {t('lead.waiting.all')}
        </button>
      )}
      <CaseTable testId="wallboard-waiting" labelledBy={`waiting-${board.teamId}`} lines={waiting} since={(c) => c.waitingSince ?? c.openedAt} board={board} nowMs={nowMs} picked={picked} toggle={toggle} onPriority={(caseId, p) => void run(() => bridge.call('case.setPriority', { caseId, priority: p }))} onTakeOver={takeOver} />
      <h3 id={`stuck-${board.teamId}`}>{t('lead.stuck.title')}</h3>
      <CaseTable testId="wallboard-stuck" labelledBy={`stuck-${board.teamId}`} lines={board.stuck} since={(c) => c.stageSince} board={board} nowMs={nowMs} picked={picked} toggle={toggle} onPriority={(caseId, p) => void run(() => bridge.call('case.setPriority', { caseId, priority: p }))} onTakeOver={takeOver} showStage />
      <form
        className="reassign"
        data-testid="reassign-form"
        onSubmit={(e) => {
          e.preventDefault();
          void reassign();
        }}
      >
        <ChoiceSelect label={t('lead.reassign.to')} testId="reassign-to" value={to} choices={targets} emptyLabel={t('lead.reassign.choose')} onChange={setTo} />
        <label className="field">
          <span>{t('lead.reassign.reason')}</span>
          <input data-testid="reassign-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="submit" data-testid="reassign-submit" disabled={busy || picked.size === 0 || !to || reason.trim() === ''}>
          {t('lead.reassign.submit', { count: picked.size })}
        </button>
        {done !== null && !error && (
          <span role="status" data-testid="reassign-done">
            {t('lead.reassign.done', { count: done })}
          </span>
        )}
        {error && (
          <span role="alert" className="error">
            {t(errorKey(error))}
          </span>
        )}
      </form>
    </section>
  );
}

function CaseTable(p: {
  testId: string;
  labelledBy: string;
  lines: readonly CaseLine[];
  since(c: CaseLine): string;
  board: Wallboard;
  nowMs: number;
  picked: ReadonlySet<string>;
  toggle(caseId: string, on: boolean): void;
  onPriority(caseId: string, priority: Priority): void;
  onTakeOver(caseId: string): void;
  showStage?: boolean;
}) {
  const { t } = useTranslation();
  const name = (id: string | null) => p.board.agents.find((a) => a.id === id)?.name ?? (id ? '…' : t('lead.stuck.nobody'));
  if (p.lines.length === 0) return <p className="empty" data-testid={`${p.testId}-empty`}>{t('lead.waiting.none')}</p>;
  return (
    <table className="data-table" data-testid={p.testId} aria-labelledby={p.labelledBy}>
      <thead>
        <tr>
          <th scope="col">
            <span className="sr-only">{t('lead.stuck.pick')}</span>
          </th>
          <th scope="col">{t('lead.stuck.case')}</th>
          {p.showStage && <th scope="col">{t('lead.stuck.stage')}</th>}
          <th scope="col">{t('lead.stuck.for')}</th>
          <th scope="col">{t('lead.stuck.owner')}</th>
          <th scope="col">{t('lead.stuck.priority')}</th>
          <th scope="col">
            <span className="sr-only">{t('lead.takeOver.column')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {p.lines.map((s) => (
          <tr key={s.caseId} data-testid="console-case" data-case-id={s.caseId}>
            <td>
              <input type="checkbox" data-testid="console-case-pick" aria-label={t('lead.stuck.pickOne', { subject: `${s.customerName} — ${s.subject}` })} checked={p.picked.has(s.caseId)} onChange={(e) => p.toggle(s.caseId, e.target.checked)} />
            </td>
            <td>
              <CaseLink customerId={s.customerId} caseId={s.caseId} label={`${s.customerName} — ${s.subject}`} />
            </td>
            {p.showStage && <td>{t(`lead.stage.${s.stage}`)}</td>}
            <td>{formatDuration(ageSec(p.since(s), p.nowMs))}</td>
            <td data-testid="console-case-owner">{name(s.assigneeId)}</td>
            <td>
              <EnumSelect
                label={t('lead.stuck.priorityOf', { subject: s.subject })}
                labelHidden
                testId="console-case-priority"
                value={s.priority}
                options={Priority.options}
                optionLabel={(x) => x}
                onChange={(x) => x && p.onPriority(s.caseId, x)}
              />
            </td>
            <td>
              <button type="button" className="ghost" data-testid="console-case-take" onClick={() => p.onTakeOver(s.caseId)}>
                {t('lead.takeOver.button')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
