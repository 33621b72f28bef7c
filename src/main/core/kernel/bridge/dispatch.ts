import type { z } from 'zod';
import {
  OmnideskError,
  bridgeMethods,
  describeIssues,
  type BridgeMethod,
  type BridgeOutput,
  type BridgeResult,
} from '../../../../shared/index';
import { errorFacts, silentLogger, type Logger } from '../logger';

/** What a handler receives: the method's input after zod parsing (defaults applied, strings trimmed). */
export type BridgeHandlerInput<M extends BridgeMethod> = z.output<(typeof bridgeMethods)[M]['input']>;

/** One handler per bridge method. */
export type BridgeHandlers = { [M in BridgeMethod]: (input: BridgeHandlerInput<M>) => Promise<BridgeOutput<M>> };

export type Dispatcher = (method: string, input: unknown) => Promise<BridgeResult>;

export function isBridgeMethod(method: string): method is BridgeMethod {
  return Object.prototype.hasOwnProperty.call(bridgeMethods, method);
}

/**
 * The one place every bridge call goes through, for both transports (Electron IPC and web-host):
 * unknown method / invalid input → INVALID_ARGUMENT (paths and problems, never values); an OmnideskError
 * from the handler → its {code, message}; anything else → INTERNAL, logged without data; the handler's
 * output is checked against the method's output schema before it leaves.
 * Never throws.
 */
export function createDispatcher(handlers: BridgeHandlers, opts: { logger?: Logger } = {}): Dispatcher {
  const log = opts.logger ?? silentLogger;
  return async (method, input) => {
    if (typeof method !== 'string' || !isBridgeMethod(method)) {
      return fail('INVALID_ARGUMENT', `unknown method: ${String(method).slice(0, 64)}`);
    }
    const spec = bridgeMethods[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) return fail('INVALID_ARGUMENT', `${method}: ${describeIssues(parsed.error)}`);

    let value: unknown;
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      value = await handler(parsed.data);
    } catch (err) {
      if (err instanceof OmnideskError) return { ok: false, error: err.toBody() };
      log.error({ method, ...errorFacts(err) }, 'bridge handler failed');
      return fail('INTERNAL', `${method} failed unexpectedly`);
    }

    const out = (spec.output as z.ZodType).safeParse(value);
    if (!out.success) {
      log.error({ method, issues: out.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.code}`) }, 'bridge output invalid');
      return fail('INTERNAL', `${method} produced an invalid result`);
    }
    return { ok: true, value: out.data };
  };
}

function fail(code: OmnideskError['code'], message: string): BridgeResult {
  return { ok: false, error: { code, message } };
}
