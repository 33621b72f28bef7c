import { mergePullApplier } from './features/identity';
import { erasurePullApplier } from './features/privacy';
import { registerPulledEventApplier } from './kernel/store/pull-appliers';

/**
 * The desktop core's composition of features: what each registers with the kernel (the server's counterpart is
 * src/server/features.ts). The kernel never imports a feature; DesktopCore and tests that apply pulled pages to a
 * bare Store call this (idempotent).
 */
export function installDesktopFeatures(): void {
  registerPulledEventApplier(mergePullApplier);
  registerPulledEventApplier(erasurePullApplier);
}
