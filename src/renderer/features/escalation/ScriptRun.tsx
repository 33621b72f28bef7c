import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunView } from '../../../shared/features/escalation/bridge';
import type { Question } from '../../../shared/features/escalation/script';
import { localize } from '../../../shared/features/escalation/text';
import type { Action, AnswerValue, ScriptEntry } from '../../../shared/kernel/escalation';
import { useBridge } from '../../kernel/app/bridge-context';
import { useLanguage } from '../../kernel/app/hooks';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';
import { useReplyDraft } from '../conversations';
import { ChoiceSelect } from '../../kernel/components/ChoiceSelect';

type Record = (entry: ScriptEntry) => Promise<unknown>;

function shown(q: Question, v: AnswerValue | undefined, lang: string, t: (k: string) => string): string {
  if (v === undefined) return '';
  if (typeof v === 'boolean') return t(v ? 'escalation.yes' : 'escalation.no');
  const o = q.options?.find((x) => x.id === v);
  return o ? localize(o.label, lang) : String(v);
}

/** One question of the current step: its answer recorded at once (yes/no, a choice) or with Record (number, date, text); or skipped with a reason. */
function QuestionField({ q, run, record, busy }: { q: Question; run: RunView; record: Record; busy: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [text, setText] = useState('');
  const [skipping, setSkipping] = useState(false);
  const [reason, setReason] = useState('');
  const answer = run.answers[q.id];
  const base = { runId: run.runId, stepId: run.stepId, questionId: q.id };
  const id = `q-${run.runId}-${q.id}`;
  const commitText = () => {
    const v = q.type === 'number' ? Number(text) : text.trim();
    if ((q.type === 'number' && (text.trim() === '' || Number.isNaN(v))) || v === '') return;
    void record({ type: 'answered', ...base, value: v }).then(() => setText(''));
  };
  return (
    <li className="script-question" data-testid="script-question" data-question-id={q.id} data-answered={answer !== undefined} data-required={q.required}>
      {q.type !== 'choice' && (
        <label htmlFor={id}>
          {localize(q.prompt, lang)}
          {q.required && <span aria-hidden="true"> *</span>}
        </label>
      )}
      {q.type === 'yesno' && (
        <div className="row-buttons" role="group" aria-labelledby={id}>
          <button id={id} type="button" aria-pressed={answer === true} data-testid="answer-yes" disabled={busy} onClick={() => void record({ type: 'answered', ...base, value: true })}>
            {t('escalation.yes')}
          </button>
          <button type="button" aria-pressed={answer === false} data-testid="answer-no" disabled={busy} onClick={() => void record({ type: 'answered', ...base, value: false })}>
            {t('escalation.no')}
          </button>
        </div>
      )}
      {q.type === 'choice' && (
        <ChoiceSelect
          label={`${localize(q.prompt, lang)}${q.required ? ' *' : ''}`}
          testId="answer-choice"
          value={typeof answer === 'string' ? answer : ''}
          emptyLabel={t('escalation.choose')}
          disabled={busy}
          choices={(q.options ?? []).map((o) => ({ value: o.id, label: localize(o.label, lang) }))}
          onChange={(v) => {
            if (v !== '') void record({ type: 'answered', ...base, value: v });
          }}
        />
      )}
      {(q.type === 'text' || q.type === 'number' || q.type === 'date') && (
        <div className="row-buttons">
          <input
            id={id}
            data-testid="answer-input"
            type={q.type === 'text' ? 'text' : q.type}
            value={text}
            maxLength={2000}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                commitText();
              }
            }}
          />
          <button type="button" data-testid="answer-save" disabled={busy || text.trim() === ''} onClick={commitText}>
            {t('escalation.record')}
          </button>
        </div>
      )}
      {answer !== undefined && (
        <span className="muted small" data-testid="answer-shown">
          {t('escalation.answered', { value: shown(q, answer, lang, t) })}
        </span>
      )}
      {run.skipped[q.id] !== undefined && <span className="muted small">{t('escalation.skippedBecause', { reason: run.skipped[q.id] })}</span>}
      {answer === undefined && run.skipped[q.id] === undefined && (
        <>
          {!skipping && (
            <button type="button" className="ghost small" data-testid="answer-skip" onClick={() => setSkipping(true)}>
              {t('escalation.skip')}
            </button>
          )}
          {skipping && (
            <div className="row-buttons">
              <input aria-label={t('escalation.skipReason')} placeholder={t('escalation.skipReason')} data-testid="skip-reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
              <button type="button" className="small" data-testid="skip-save" disabled={busy || (q.required && reason.trim() === '')} onClick={() => void record({ type: 'skipped', ...base, reason: reason.trim() })}>
                {t('escalation.skip')}
              </button>
            </div>
          )}
        </>
      )}
    </li>
  );
}

/** The step's own actions, as buttons the agent presses (each one a recorded change of its own). */
function StepActions({ actions, onAction }: { actions: readonly Action[]; onAction(a: Action): void }) {
  const { t } = useTranslation();
  const shownActions = actions.filter((a) => a.type === 'route' || a.type === 'request_approval' || a.type === 'raise_priority');
  if (shownActions.length === 0) return null;
  return (
    <div className="row-buttons script-actions">
      {shownActions.map((a, i) => (
        <button key={i} type="button" className="secondary" data-testid={`step-action-${a.type}`} onClick={() => onAction(a)}>
          {a.type === 'route' ? t('escalation.handTo', { to: t(`escalation.to.${a.to}`) }) : a.type === 'request_approval' ? t('escalation.gate.ask') : t('escalation.raiseTo', { priority: a.type === 'raise_priority' ? a.to : '' })}
        </button>
      ))}
    </div>
  );
}

/**
 * A running script (issue 13): the current step's guidance, phrases to insert into the reply in the customer's
 * language, its questions and what comes next. Moving on needs every required question answered or skipped with a
 * reason; leaving the path (another step, or ending) is an override with a reason. Every click is a recorded entry.
 */
export function ScriptRun({ caseId, run, customerLanguage, onAction }: { caseId: string; run: RunView; customerLanguage: string; onAction(a: Action, run: RunView): void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const bridge = useBridge();
  const insert = useReplyDraft((s) => s.insert);
  const { busy, error, run: act } = useAction();
  const [overriding, setOverriding] = useState(false);
  const [to, setTo] = useState('end');
  const [reason, setReason] = useState('');
  const record: Record = (entry) => act(() => bridge.call('escalation.record', { caseId, entry }));
  const step = run.script.steps.find((s) => s.id === run.stepId);
  const title = localize(run.script.title, lang);
  if (run.done || !step) {
    return (
      <li className="script-run done" data-testid="script-run" data-script-id={run.script.id} data-done="true">
        {t('escalation.finished', { title })}
      </li>
    );
  }
  const position = run.script.steps.findIndex((s) => s.id === step.id) + 1;
  return (
    <li className="script-run" data-testid="script-run" data-script-id={run.script.id} data-step-id={step.id} data-done="false">
      <h4>
        {title} <span className="muted small">{t('escalation.stepOf', { n: position, total: run.script.steps.length })}</span>
      </h4>
      <h5 data-testid="script-step-title">{localize(step.title, lang)}</h5>
      {step.guidance && <p className="script-guidance">{localize(step.guidance, lang)}</p>}
      {step.say.length > 0 && (
        <ul className="script-phrases" aria-label={t('escalation.phrases')}>
          {step.say.map((p, i) => (
            <li key={i} data-testid="script-phrase">
              <q>{localize(p, customerLanguage)}</q>{' '}
              <button
                type="button"
                className="small"
                data-testid="phrase-insert"
                onClick={() => {
                  insert(localize(p, customerLanguage));
                  void record({ type: 'phrase_inserted', runId: run.runId, stepId: step.id, index: i });
                }}
              >
                {t('escalation.insert')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {step.questions.length > 0 && (
        <ul className="script-questions">
          {step.questions.map((q) => (
            <QuestionField key={q.id} q={q} run={run} record={record} busy={busy} />
          ))}
        </ul>
      )}
      {step.articles.length > 0 && (
        <p className="muted small">
          {t('escalation.articles')}: {step.articles.join(', ')}
        </p>
      )}
      <StepActions actions={step.actions} onAction={(a) => onAction(a, run)} />
      <div className="row-buttons">
        <button
          type="button"
          className="primary"
          data-testid="script-next"
          disabled={busy || run.missing.length > 0}
          title={run.missing.length > 0 ? t('escalation.answerFirst') : undefined}
          onClick={() => void record({ type: 'advanced', runId: run.runId, stepId: step.id, to: run.next })}
        >
          {run.next === 'end' ? t('escalation.finish') : t('escalation.next')}
        </button>
        <button type="button" className="ghost small" data-testid="script-override" onClick={() => setOverriding((x) => !x)}>
          {t('escalation.override')}
        </button>
      </div>
      {overriding && (
        <div className="script-override-form">
          <ChoiceSelect
            label={t('escalation.overrideTo')}
            testId="override-to"
            value={to}
            choices={[{ value: 'end', label: t('escalation.endScript') }, ...run.script.steps.filter((s) => s.id !== step.id).map((s) => ({ value: s.id, label: localize(s.title, lang) }))]}
            onChange={(v) => v !== '' && setTo(v)}
          />
          <input aria-label={t('escalation.overrideReason')} placeholder={t('escalation.overrideReason')} data-testid="override-reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
          <button
            type="button"
            data-testid="override-save"
            disabled={busy || reason.trim() === ''}
            onClick={() => void record({ type: 'overridden', runId: run.runId, stepId: step.id, to, reason: reason.trim() }).then(() => setOverriding(false))}
          >
            {t('escalation.override')}
          </button>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="script-error">
          {t(errorKey(error))}
        </p>
      )}
    </li>
  );
}
