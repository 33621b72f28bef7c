import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompensationTier } from '../../../shared/kernel/escalation';
import { useBridge } from '../../kernel/app/bridge-context';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';
import { useEscalationPanel } from './use-escalation-panel';

export interface Gate {
  caseId: string | null;
  /** the tier of compensation the draft offers above the agent's authority (approved or not), else null */
  blocked: CompensationTier | null;
  /** the draft may not go yet: its offer waits for a lead's approval */
  holds: boolean;
  /** the authoritative check at send time: true when the reply may go */
  allows(draft: string): Promise<boolean>;
}

const CHECK_DELAY_MS = 300;

/**
 * Compensation above the agent's authority waits for a lead (issue 13, DOMAIN.md tiers): as the agent types, the
 * desktop reads the draft for an offer (a refund, an exchange, damages) and holds it until a lead approved that tier
 * on the case — re-checked when the case changes, so the lead's answer releases the reply live. Decided on the
 * desktop, offline too; the server's rules see the sent reply as well.
 */
export function useCompensationGate(caseId: string | null, draft: string): Gate {
  const bridge = useBridge();
  const [state, setState] = useState<{ tier: CompensationTier | null; holds: boolean }>({ tier: null, holds: false });
  const [changed, setChanged] = useState(0);
  useEffect(() => {
    if (!caseId) return;
    return bridge.on('data.changed', (c) => {
      if (c.all || c.caseIds.includes(caseId)) setChanged((n) => n + 1);
    });
  }, [bridge, caseId]);
  const check = useCallback(
    async (text: string) => {
      if (!caseId || text.trim() === '') return { tier: null, holds: false };
      const r = await bridge.call('escalation.check', { caseId, draft: text });
      return { tier: r.needsApproval ? r.tier : null, holds: r.needsApproval && !r.approved };
    },
    [bridge, caseId],
  );
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      check(draft).then(
        (s) => live && setState(s),
        () => undefined,
      );
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [check, draft, changed]);
  const allows = useCallback(
    async (text: string) => {
      const s = await check(text);
      setState(s);
      return !s.holds;
    },
    [check],
  );
  return { caseId, blocked: state.tier, holds: state.holds, allows };
}

/** The held reply's notice: ask a lead, then wait; the lead's answer arrives live and the reply can go. */
export function CompensationGate({ gate, draft }: { gate: Gate; draft: string }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const { panel } = useEscalationPanel(gate.blocked ? gate.caseId : null);
  const { busy, error, run } = useAction();
  if (!gate.blocked || !gate.caseId) return null;
  const caseId = gate.caseId;
  const tier = gate.blocked;
  const mine = panel?.approvals.filter((a) => a.tier === tier || a.state === 'pending') ?? [];
  const pending = mine.find((a) => a.state === 'pending');
  const decided = [...mine].reverse().find((a) => a.state !== 'pending');
  return (
    <div className="banner banner-warn compensation-gate" role="status" data-testid="compensation-gate" data-tier={tier} data-state={pending ? 'pending' : (decided?.state ?? 'none')}>
      <span>{t('escalation.gate.held', { tier: t(`escalation.tier.${tier}`) })}</span>
      {pending && <span data-testid="compensation-pending">{t('escalation.gate.waiting')}</span>}
      {!pending && decided?.state === 'approved' && <span data-testid="compensation-approved">{t('escalation.gate.approved')}</span>}
      {!pending && decided?.state === 'declined' && (
        <span data-testid="compensation-declined">{t('escalation.gate.declined', { reason: decided.reason ?? '' })}</span>
      )}
      {!pending && decided?.state !== 'approved' && (
        <button
          type="button"
          data-testid="compensation-request"
          disabled={busy}
          onClick={() => void run(() => bridge.call('approval.request', { caseId, tier, note: draft.trim().slice(0, 1000) }))}
        >
          {t('escalation.gate.ask')}
        </button>
      )}
      {error && (
        <span className="form-error" role="alert">
          {t(errorKey(error))}
        </span>
      )}
    </div>
  );
}
