import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EscalationPanel as Panel, PromptView, RunView } from '../../../shared/features/escalation/bridge';
import { localize } from '../../../shared/features/escalation/text';
import type { Agent } from '../../../shared/kernel/agent';
import type { Case } from '../../../shared/kernel/case';
import type { Action, CompensationTier, HandoffSummary, HandoffTarget } from '../../../shared/kernel/escalation';
import { can } from '../../../shared/kernel/permissions';
import { useBridge } from '../../kernel/app/bridge-context';
import { useLanguage } from '../../kernel/app/hooks';
import { formatDateTime } from '../../kernel/i18n/format';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';
import { ScriptRun } from './ScriptRun';
import { ChoiceSelect } from '../../kernel/components/ChoiceSelect';
import { useEscalationPanel } from './use-escalation-panel';

const TIERS: readonly CompensationTier[] = ['basic', 'medium', 'severe'];

/** A rule's prompt: open its script, ask a lead to approve, or set it aside with a reason (recorded). */
function Prompt({ c, p, panel, onHandoff }: { c: Case; p: PromptView; panel: Panel; onHandoff(to: HandoffTarget, ruleId: string): void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const bridge = useBridge();
  const { busy, error, run } = useAction();
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const approval = p.actions.some((a) => a.type === 'request_approval');
  const route = p.actions.find((a) => a.type === 'route');
  const tier = (p.detail && (TIERS as readonly string[]).includes(p.detail) ? p.detail : 'medium') as CompensationTier;
  const asked = panel.approvals.some((a) => a.state === 'pending' || a.state === 'approved');
  return (
    <li className="escalation-prompt" data-testid="escalation-prompt" data-rule-id={p.ruleId}>
      <strong>{localize(p.name, lang)}</strong>
      <div className="row-buttons">
        {p.scriptId && (
          <button type="button" className="primary" data-testid="prompt-open" disabled={busy} onClick={() => void run(() => bridge.call('escalation.start', { caseId: c.id, scriptId: p.scriptId!, ruleId: p.ruleId }))}>
            {t('escalation.openScript')}
          </button>
        )}
        {approval && !asked && (
          <button type="button" data-testid="prompt-approval" disabled={busy} onClick={() => void run(() => bridge.call('approval.request', { caseId: c.id, tier, note: '' }))}>
            {t('escalation.askApproval', { tier: t(`escalation.tier.${tier}`) })}
          </button>
        )}
        {route?.type === 'route' && (
          <button type="button" data-testid="prompt-handoff" onClick={() => onHandoff(route.to, p.ruleId)}>
            {t('escalation.handTo', { to: t(`escalation.to.${route.to}`) })}
          </button>
        )}
        {p.scriptId && (
          <button type="button" className="ghost small" data-testid="prompt-dismiss" onClick={() => setDismissing((x) => !x)}>
            {t('escalation.setAside')}
          </button>
        )}
      </div>
      {dismissing && (
        <div className="row-buttons">
          <input aria-label={t('escalation.setAsideReason')} placeholder={t('escalation.setAsideReason')} data-testid="prompt-dismiss-reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
          <button type="button" data-testid="prompt-dismiss-save" disabled={busy || reason.trim() === ''} onClick={() => void run(() => bridge.call('escalation.dismiss', { caseId: c.id, ruleId: p.ruleId, reason: reason.trim() }))}>
            {t('escalation.setAside')}
          </button>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {t(errorKey(error))}
        </p>
      )}
    </li>
  );
}

/** One term of the summary, shown only when it has something to say. */
function Term({ label, show = true, children }: { label: string; show?: boolean; children: ReactNode }) {
  if (!show) return null;
  return (
    <>
      <dt>{label}</dt>
      {children}
    </>
  );
}

function Lines({ lines, testId }: { lines: readonly ReactNode[]; testId?: string }) {
  return (
    <dd>
      <ul data-testid={testId}>
        {lines.map((x, i) => (
          <li key={i}>{x}</li>
        ))}
      </ul>
    </dd>
  );
}

/** What the lead or specialist reads at a handoff. */
export function HandoffSummaryView({ summary }: { summary: HandoffSummary }) {
  const { t } = useTranslation();
  return (
    <dl className="handoff-summary" data-testid="handoff-summary">
      <Term label={t('escalation.summary.problem')}>
        <dd>{summary.problem}</dd>
      </Term>
      <Term label={t('escalation.summary.device')} show={summary.device !== null}>
        <dd>{summary.device}</dd>
      </Term>
      <Term label={t('escalation.summary.mood')} show={summary.mood !== null}>
        <dd data-testid="handoff-mood">{summary.mood && t(`escalation.mood.${summary.mood}`)}</dd>
      </Term>
      <Term label={t('escalation.summary.safety')} show={summary.safety}>
        <dd>{t('escalation.summary.safetyOpen')}</dd>
      </Term>
      <Term label={t('escalation.summary.tried')} show={summary.tried.length > 0}>
        <Lines lines={summary.tried} />
      </Term>
      <Term label={t('escalation.summary.answers')} show={summary.answers.length > 0}>
        <Lines
          testId="handoff-answers"
          lines={summary.answers.map((a) => (
            <>
              {a.question}: <strong>{a.answer}</strong>
            </>
          ))}
        />
      </Term>
      <Term label={t('escalation.summary.open')} show={summary.open.length > 0}>
        <Lines lines={summary.open} />
      </Term>
      <Term label={t('escalation.summary.note')} show={summary.note !== ''}>
        <dd data-testid="handoff-note">{summary.note}</dd>
      </Term>
    </dl>
  );
}

function HandoffForm({ c, to, ruleId, onDone }: { c: Case; to: HandoffTarget; ruleId: string | null; onDone(): void }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const { busy, error, run } = useAction();
  const [target, setTarget] = useState<HandoffTarget>(to);
  const [note, setNote] = useState('');
  return (
    <div className="handoff-form" data-testid="handoff-form">
      <ChoiceSelect
        label={t('escalation.handoffTo')}
        testId="handoff-target"
        value={target}
        choices={(['lead', 'specialist'] as const).map((x) => ({ value: x, label: t(`escalation.to.${x}`) }))}
        onChange={(v) => v !== '' && setTarget(v)}
      />
      <label className="field">
        <span>{t('escalation.handoffNote')}</span>
        <textarea rows={2} data-testid="handoff-note-input" value={note} maxLength={4000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="row-buttons">
        <button
          type="button"
          className="primary"
          data-testid="handoff-submit"
          disabled={busy}
          onClick={() => void run(() => bridge.call('escalation.handoff', { caseId: c.id, to: target, note: note.trim(), ruleId })).then((r) => r && onDone())}
        >
          {t('escalation.handTo', { to: t(`escalation.to.${target}`) })}
        </button>
        <button type="button" className="ghost" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {t(errorKey(error))}
        </p>
      )}
    </div>
  );
}

function Approvals({ c, panel, me }: { c: Case; panel: Panel; me: Agent }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const bridge = useBridge();
  const { busy, error, run } = useAction();
  const [reason, setReason] = useState('');
  const lead = can(me.role, 'cases.act.any');
  if (panel.approvals.length === 0) return null;
  return (
    <ul className="escalation-approvals" aria-label={t('escalation.approvals')}>
      {panel.approvals.map((a) => (
        <li key={a.id} data-testid="approval" data-state={a.state} data-tier={a.tier}>
          <span>
            {t('escalation.approvalLine', { tier: t(`escalation.tier.${a.tier}`), state: t(`escalation.approvalState.${a.state}`), time: formatDateTime(a.requestedAt, lang) })}
          </span>
          {a.note && <q className="small">{a.note}</q>}
          {a.reason && <span className="muted small">{a.reason}</span>}
          {a.state === 'pending' && lead && (
            <div className="row-buttons">
              <input aria-label={t('escalation.decisionReason')} placeholder={t('escalation.decisionReason')} data-testid="approval-reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
              <button type="button" className="primary" data-testid="approval-approve" disabled={busy} onClick={() => void run(() => bridge.call('approval.decide', { caseId: c.id, approvalId: a.id, approved: true, reason: reason.trim() }))}>
                {t('escalation.approve')}
              </button>
              <button type="button" data-testid="approval-decline" disabled={busy || reason.trim() === ''} onClick={() => void run(() => bridge.call('approval.decide', { caseId: c.id, approvalId: a.id, approved: false, reason: reason.trim() }))}>
                {t('escalation.decline')}
              </button>
            </div>
          )}
        </li>
      ))}
      {error && (
        <li className="form-error" role="alert">
          {t(errorKey(error))}
        </li>
      )}
    </ul>
  );
}

/**
 * The scripted escalation panel beside the timeline (issue 13): the prompts the rules raised, the running scripts,
 * compensation approvals and the handoff. It reads the desktop's cache, so it works offline; every step taken is a
 * timeline event and a link of the case's answer chain (its check is shown).
 */
export function EscalationPanel({ c, me }: { c: Case; me: Agent | null }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const { panel } = useEscalationPanel(c.id);
  const [handoff, setHandoff] = useState<{ to: HandoffTarget; ruleId: string | null } | null>(null);
  const { error, run } = useAction();
  if (!panel || !me) return null;
  const active = panel.runs.filter((r) => !r.done);
  const done = panel.runs.filter((r) => r.done);
  const onAction = (a: Action, r: RunView) => {
    if (a.type === 'route') setHandoff({ to: a.to, ruleId: r.ruleId });
    else if (a.type === 'request_approval') {
      const tierAnswer = Object.values(r.answers).find((v): v is CompensationTier => typeof v === 'string' && (TIERS as readonly string[]).includes(v));
      void run(() => bridge.call('approval.request', { caseId: c.id, tier: tierAnswer ?? 'medium', note: '' }));
    } else if (a.type === 'raise_priority') void run(() => bridge.call('case.setPriority', { caseId: c.id, priority: a.to }));
  };
  const empty = panel.prompts.length === 0 && panel.runs.length === 0 && panel.approvals.length === 0 && !panel.handoff;
  return (
    <section className="escalation-panel" data-testid="escalation-panel" aria-label={t('escalation.title')} data-chain={panel.chain.intact ? 'intact' : 'broken'}>
      <h3>{t('escalation.title')}</h3>
      {panel.tags.length > 0 && (
        <p className="escalation-tags" data-testid="escalation-tags">
          {panel.tags.map((x) => (
            <span key={x} className="tag">
              {x}
            </span>
          ))}
        </p>
      )}
      {empty && <p className="muted small">{t('escalation.none')}</p>}
      {panel.prompts.length > 0 && (
        // a prompt is announced when it appears (a live region), and stays a list item for assistive technology
        <ul className="escalation-prompts" aria-live="assertive">
          {panel.prompts.map((p) => (
            <Prompt key={p.ruleId} c={c} p={p} panel={panel} onHandoff={(to, ruleId) => setHandoff({ to, ruleId })} />
          ))}
        </ul>
      )}
      {active.length > 0 && (
        <ul className="script-runs">
          {active.map((r) => (
            <ScriptRun key={r.runId} caseId={c.id} run={r} customerLanguage={panel.language} onAction={onAction} />
          ))}
        </ul>
      )}
      <Approvals c={c} panel={panel} me={me} />
      {panel.handoff && (
        <div className="escalation-handoff" data-testid="escalation-handoff" data-to={panel.handoff.to}>
          <strong>{t('escalation.handedTo', { to: t(`escalation.to.${panel.handoff.to}`) })}</strong>
          <HandoffSummaryView summary={panel.handoff.summary} />
        </div>
      )}
      {handoff ? (
        <HandoffForm c={c} to={handoff.to} ruleId={handoff.ruleId} onDone={() => setHandoff(null)} />
      ) : (
        <button type="button" className="ghost small" data-testid="handoff-open" onClick={() => setHandoff({ to: 'lead', ruleId: null })}>
          {t('escalation.handOver')}
        </button>
      )}
      {done.length > 0 && (
        <ul className="script-runs done">
          {done.map((r) => (
            <ScriptRun key={r.runId} caseId={c.id} run={r} customerLanguage={panel.language} onAction={onAction} />
          ))}
        </ul>
      )}
      {panel.chain.records > 0 && (
        <p className={`muted small chain-${panel.chain.intact ? 'ok' : 'broken'}`} data-testid="escalation-chain">
          {panel.chain.intact ? t('escalation.chainOk', { count: panel.chain.records }) : t('escalation.chainBroken', { at: (panel.chain.breakAt ?? 0) + 1 })}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {t(errorKey(error))}
        </p>
      )}
    </section>
  );
}
