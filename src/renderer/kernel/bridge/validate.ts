import { bridgeEvents, bridgeMethods, type BridgeEventName, type BridgeMethod, type BridgeOutput } from '../../../shared/contracts/bridge';
import { OmnideskError, describeIssues } from '../../../shared/kernel/errors';

/** Checks a result against the method's output schema (both transports), so the UI never sees junk. */
export function validateOutput<M extends BridgeMethod>(method: M, value: unknown): BridgeOutput<M> {
  const spec = Object.prototype.hasOwnProperty.call(bridgeMethods, method) ? bridgeMethods[method] : undefined;
  if (!spec) throw new OmnideskError('INVALID_ARGUMENT', `unknown method: ${String(method).slice(0, 64)}`);
  const r = spec.output.safeParse(value);
  if (!r.success) throw new OmnideskError('INTERNAL', `${method}: invalid result (${describeIssues(r.error)})`);
  return r.data as BridgeOutput<M>;
}

export function isBridgeEventName(event: string): event is BridgeEventName {
  return Object.prototype.hasOwnProperty.call(bridgeEvents, event);
}
