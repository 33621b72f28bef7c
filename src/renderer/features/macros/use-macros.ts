import { useEffect, useState } from 'react';
import type { MacroListItem, Signature } from '../../../shared/features/macros';
import { useBridge } from '../../kernel/app/bridge-context';

/** The macros this agent may use and their signature, read from the cache once per customer opened (offline too). */
export function useMacros(customerId: string | null): { macros: MacroListItem[]; signature: Signature | null } {
  const bridge = useBridge();
  const [macros, setMacros] = useState<MacroListItem[]>([]);
  const [signature, setSignature] = useState<Signature | null>(null);
  useEffect(() => {
    if (!customerId) return;
    let live = true;
    bridge.call('macros.list', {}).then(
      (r) => live && setMacros(r.macros),
      () => live && setMacros([]),
    );
    bridge.call('macros.signature', {}).then(
      (s) => live && setSignature(s),
      () => live && setSignature(null),
    );
    return () => {
      live = false;
    };
  }, [bridge, customerId]);
  return { macros, signature };
}
