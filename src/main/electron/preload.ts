/**
 * The preload (sandboxed, context-isolated): exposes exactly `window.omnidesk = { call, on }` over IPC and
 * nothing else — no ipcRenderer, no Node. Results are checked on the main side (dispatcher) and again in
 * the renderer (src/renderer/kernel/bridge/ipc-adapter.ts).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  IPC_CHANNELS,
  type BridgeEventName,
  type BridgeEventPayload,
  type BridgeInput,
  type BridgeMethod,
  type BridgeOutput,
  type BridgeResult,
  type OmnideskBridge,
} from '../../shared/contracts/bridge';
import { OmnideskError } from '../../shared/kernel/errors';

export type IpcRendererLike = Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createPreloadApi(ipc: IpcRendererLike): OmnideskBridge {
  return {
    async call<M extends BridgeMethod>(method: M, input: BridgeInput<M>): Promise<BridgeOutput<M>> {
      const result = (await ipc.invoke(IPC_CHANNELS.call, { method, input })) as BridgeResult | undefined;
      if (result?.ok === true) return result.value as BridgeOutput<M>;
      const error = result?.ok === false ? result.error : { code: 'INTERNAL' as const, message: 'no answer from the main process' };
      // contextBridge copies only an Error's message, so the code travels in it too ("[CODE] message").
      throw new OmnideskError(error.code, `[${error.code}] ${error.message}`);
    },
    on<E extends BridgeEventName>(event: E, listener: (payload: BridgeEventPayload<E>) => void): () => void {
      const handler = (_e: IpcRendererEvent, n: unknown) => {
        const note = n as { event?: unknown; payload?: unknown } | null;
        if (note?.event === event) listener(note.payload as BridgeEventPayload<E>);
      };
      ipc.on(IPC_CHANNELS.event, handler);
      return () => {
        ipc.removeListener(IPC_CHANNELS.event, handler);
      };
    },
  };
}

const api = createPreloadApi(ipcRenderer);
contextBridge.exposeInMainWorld('omnidesk', { call: api.call, on: api.on });
