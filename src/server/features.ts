import { deliveryAppendHook } from './channels/delivery';
import { registerAppendHook } from './kernel/events/hooks';
import { mergeAppendHook } from './features/identity';

/**
 * The server's composition of features: what each registers with the kernel. The kernel never imports a
 * feature; createServer, the seed and tests that append without a server call this (idempotent).
 */
export function installServerFeatures(): void {
  registerAppendHook(mergeAppendHook);
  registerAppendHook(deliveryAppendHook);
}
