import { useCallback, useEffect, useState } from 'react';
import type { EscalationPanel } from '../../../shared/features/escalation/bridge';
import { useBridge } from '../../kernel/app/bridge-context';

/** The case's escalation panel from the desktop core, re-read when the cache changes (a pull, a local change). */
export function useEscalationPanel(caseId: string | null): { panel: EscalationPanel | null; reload(): void } {
  const bridge = useBridge();
  const [panel, setPanel] = useState<EscalationPanel | null>(null);
  const reload = useCallback(() => {
    if (!caseId) return setPanel(null);
    bridge.call('escalation.panel', { caseId }).then(setPanel, () => setPanel(null));
  }, [bridge, caseId]);
  useEffect(() => {
    reload();
    return bridge.on('data.changed', (c) => {
      if (c.all || caseId === null || c.caseIds.includes(caseId)) reload();
    });
  }, [bridge, reload, caseId]);
  return { panel, reload };
}
