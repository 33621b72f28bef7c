import type { BridgeEventName, BridgeEventPayload, BridgeInput, BridgeMethod, BridgeOutput, OmnideskBridge } from '../../../shared/contracts/bridge';
import { bridgeEvents } from '../../../shared/contracts/bridge';
import { toOmnideskError } from './errors';
import { isBridgeEventName, validateOutput } from './validate';

/**
 * The renderer's view of what Electron's preload exposed as `window.omnidesk`: rejections become
 * OmnideskErrors with their code again (contextBridge keeps only an error's message), results and event
 * payloads are validated like over the WebSocket transport.
 */
export function adaptExposedBridge(exposed: OmnideskBridge): OmnideskBridge {
  return {
    async call<M extends BridgeMethod>(method: M, input: BridgeInput<M>): Promise<BridgeOutput<M>> {
      let value: unknown;
      try {
        value = await exposed.call(method, input);
      } catch (err) {
        throw toOmnideskError(err);
      }
      return validateOutput(method, value);
    },
    on<E extends BridgeEventName>(event: E, listener: (payload: BridgeEventPayload<E>) => void): () => void {
      if (!isBridgeEventName(event)) return () => undefined;
      return exposed.on(event, (payload) => {
        const r = bridgeEvents[event].safeParse(payload);
        if (r.success) listener(r.data as BridgeEventPayload<E>);
      });
    },
  };
}
