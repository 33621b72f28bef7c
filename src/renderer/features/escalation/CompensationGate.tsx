import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompensationTier } from '../../../shared/kernel/escalation';
import { useBridge } from '../../kernel/app/bridge-context';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';
import { useEscalationPanel } from './use-escalation-panel';

export interface Gate {
  caseId: string | null;
  /** the tier the last refused draft offered, while it waits */
  blocked: CompensationTier | null;
  /** true when the reply may go: no compensation above the agent's tier in it, or a lead approved it */
  allows(draft: string): Promise<boolean>;
  clear(): void;
}

/**
 * Compensation above the agent's authority waits for a lead (issue 13, DOMAIN.md tiers): before a reply is sent, the
 * desktop reads the draft for an offer (a refund, an exchange, damages) and holds it until a lead approved that tier
 * on the case. Decided on the desktop, offline too; the server's rules see the sent reply as well.
 */
export function useCompensationGate(caseId: string | null): Gate {
  const bridge = useBridge();
  const [blocked, setBlocked] = useState<CompensationTier | null>(null);
  const allows = useCallback(
    async (draft: string) => {
      if (!caseId) return true;
      const r = await bridge.call('escalation.check', { caseId, draft });
      if (r.needsApproval && !r.approved && r.tier) {
        setBlocked(r.tier);
        return false;
      }
      setBlocked(null);
      return true;
    },
    [bridge, caseId],
  );
  return { caseId, blocked, allows, clear: () => setBlocked(null) };
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
