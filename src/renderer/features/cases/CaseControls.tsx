import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../shared/kernel/errors';
import { CaseStatus, Priority, type Case } from '../../../shared/kernel/case';
import { canActOnCase, canAssign, canSetPriority } from '../../../shared/kernel/permissions';
import { useSession } from '../../kernel/app/bridge-context';
import { useCustomer } from '../conversations';
import { useDirectory } from '../directory';
import { useLanguage } from '../../kernel/app/hooks';
import { PriorityBadge } from '../../kernel/components/badges';
import { EnumSelect } from '../../kernel/components/EnumSelect';
import { ChoiceSelect } from '../../kernel/components/ChoiceSelect';
import { CaseSlaClocks } from '../sla';
import { CaseSafetyPanel } from '../safety';
import { EscalationPanel } from '../escalation';
import { FastTrack, HelpRequest } from '../lead';
import { CaseTags } from './CaseTags';
import { SurveySend } from '../surveys';
import type { Device } from '../../../shared/kernel/customer';

const NO_DEVICES: readonly Device[] = [];
import { errorCodeOf, errorKey } from '../../kernel/state/errors';
import { formatDateTime } from '../../kernel/i18n/format';
import { isShortcut } from '../../kernel/shell/shortcuts';

/**
 * A select whose change goes through the bridge: shows the chosen value until the case reflects it
 * (the core applies changes to its cache at once, offline too), or the call fails.
 */
function usePendingChange<T>(actual: T, caseId: string) {
  const [pending, setPending] = useState<{ caseId: string; value: T } | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  useEffect(() => {
    if (pending && (pending.caseId !== caseId || pending.value === actual)) setPending(null);
  }, [pending, actual, caseId]);
  useEffect(() => setError(null), [caseId]);
  const value = pending && pending.caseId === caseId ? pending.value : actual;
  async function change(next: T, call: () => Promise<void>) {
    setPending({ caseId, value: next });
    setError(null);
    try {
      await call();
    } catch (err) {
      setPending(null);
      setError(errorCodeOf(err));
    }
  }
  return { value, busy: pending !== null, error, change };
}

function Controls({ c }: { c: Case }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const agents = useDirectory((s) => s.agents);
  const setStatus = useCustomer((s) => s.setStatus);
  const assign = useCustomer((s) => s.assign);
  const setPriority = useCustomer((s) => s.setPriority);
  const status = usePendingChange<CaseStatus>(c.status, c.id);
  const assignee = usePendingChange<string | null>(c.assigneeId, c.id);
  const priority = usePendingChange<Priority>(c.priority, c.id);

  const me = useSession((s) => s.session?.agent ?? null);
  const devices = useCustomer((s) => s.view?.customer.devices ?? NO_DEVICES);
  const teamAgents = agents.filter((a) => a.teamIds.includes(c.teamId));
  // what this role may do here (src/shared/kernel/permissions): the server refuses the rest, so the UI does not offer it
  const owner = c.assigneeId ? (agents.find((a) => a.id === c.assigneeId) ?? null) : null;
  const mayAct = me !== null && canActOnCase(me, c, owner);
  const candidates = (teamAgents.length > 0 ? teamAgents : agents).filter((a) => me !== null && (a.id === c.assigneeId || canAssign(me, c, owner, a)));
  const mayUnassign = me !== null && canAssign(me, c, owner, null);
  const p0Allowed = me !== null && canSetPriority(me.role, 'P0');
  const priorities = Priority.options.filter((p) => p0Allowed || p !== 'P0' || c.priority === 'P0');
  const unknownAssignee = assignee.value !== null && !candidates.some((a) => a.id === assignee.value);
  const error = status.error ?? assignee.error ?? priority.error;
  // "Take": an unowned case becomes mine in one click, or Alt+T anywhere on the customer (issue 15)
  const mayTake = me !== null && assignee.value === null && canAssign(me, c, null, me);
  const take = () => {
    if (me && mayTake) void assignee.change(me.id, () => assign(c.id, me.id));
  };
  useEffect(() => {
    if (!mayTake) return;
    const onKey = (e: KeyboardEvent) => {
      if (isShortcut(e, 'KeyT')) {
        e.preventDefault();
        take();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="case-controls-body" data-case-id={c.id}>
      <p className="case-subject">{c.subject}</p>
      <div className="case-priority-line">
        <PriorityBadge priority={priority.value} />
        <span className="muted small">{t(`priority.description.${priority.value}`)}</span>
      </div>

      <EnumSelect
        label={t('case.status')}
        testId="case-status"
        disabled={!mayAct}
        value={status.value}
        options={CaseStatus.options}
        optionLabel={(v) => t(`status.${v}`)}
        onChange={(v) => {
          if (v !== '') void status.change(v, () => setStatus(c.id, v));
        }}
      />

      {mayTake && (
        <button type="button" className="primary small" data-testid="case-take" title={t('case.takeHint')} aria-keyshortcuts="Alt+T" onClick={take}>
          {t('case.take')}
        </button>
      )}
      <ChoiceSelect
        label={t('case.assignee')}
        testId="case-assignee"
        disabled={!mayAct || (candidates.length === 0 && !mayUnassign)}
        value={assignee.value ?? ''}
        emptyLabel={t('common.unassigned')}
        choices={[
          ...(unknownAssignee && assignee.value !== null ? [{ value: assignee.value, label: t('common.unknownAgent') }] : []),
          ...candidates.map((a) => ({ value: a.id, label: a.displayName })),
        ]}
        onChange={(v) => {
          const next = v === '' ? null : v;
          void assignee.change(next, () => assign(c.id, next));
        }}
      />

      <EnumSelect
        label={t('case.priority')}
        testId="case-priority"
        disabled={!mayAct || (c.priority === 'P0' && !p0Allowed)}
        value={priority.value}
        options={priorities}
        optionLabel={(v) => `${t(`priority.${v}`)} · ${t(`priority.description.${v}`)}`}
        onChange={(v) => {
          if (v !== '') void priority.change(v, () => setPriority(c.id, v));
        }}
      />

      <CaseTags c={c} mayAct={mayAct} />
      <SurveySend c={c} mayAct={mayAct} />

      {(status.busy || assignee.busy || priority.busy) && <p className="muted small">{t('case.saving')}</p>}
      {error && (
        <p className="form-error" role="alert" data-testid="case-error">
          {t(errorKey(error))}
        </p>
      )}

      <CaseSafetyPanel c={c} me={me} devices={devices} />
      <EscalationPanel c={c} me={me} />
      <HelpRequest c={c} me={me} />
      <FastTrack c={c} me={me} />
      <CaseSlaClocks caseId={c.id} />
      <p className="muted small">{t('case.opened', { time: formatDateTime(c.openedAt, lang) })}</p>
    </div>
  );
}

/** Status, assignee and priority of the selected case. */
export function CaseControls() {
  const { t } = useTranslation();
  const view = useCustomer((s) => s.view);
  const selectedCaseId = useCustomer((s) => s.selectedCaseId);
  const selectCase = useCustomer((s) => s.selectCase);
  const cases = view?.cases ?? [];
  const c = cases.find((x) => x.id === selectedCaseId) ?? null;

  return (
    <aside className="case-controls" aria-label={t('case.controls')}>
      <h2>{t('case.controls')}</h2>
      {cases.length > 1 && (
        <ChoiceSelect
          label={t('case.select')}
          labelHidden
          testId="case-select"
          value={selectedCaseId ?? ''}
          choices={cases.map((x) => ({ value: x.id, label: `${x.priority} · ${x.subject}` }))}
          onChange={(id) => {
            if (id !== '') selectCase(id);
          }}
        />
      )}
      {c ? <Controls key={c.id} c={c} /> : <p className="muted">{t('case.none')}</p>}
    </aside>
  );
}
