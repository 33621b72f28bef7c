import { deliveryAppendHook } from './channels/delivery';
import { registerAppendHook } from './kernel/events/hooks';
import { accountRoutes } from './features/accounts';
import { directoryRoutes } from './features/directory';
import { identityRoutes, mergeAppendHook } from './features/identity';
import type { FeatureRoutes } from './kernel/http/routes';

/**
 * The server's composition of features: what each registers with the kernel. The kernel never imports a
 * feature; createServer, the seed and tests that append without a server call this (idempotent).
 */
/** The features' HTTP routes, registered by createServer after the kernel's (login, me, health). */
export const FEATURE_ROUTES: readonly FeatureRoutes[] = [directoryRoutes, identityRoutes, accountRoutes];

export function installServerFeatures(): void {
  registerAppendHook(mergeAppendHook);
  registerAppendHook(deliveryAppendHook);
}
