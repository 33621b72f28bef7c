import { ErrorCode, OmnideskError } from '../../../shared/kernel/errors';

/**
 * Electron's contextBridge copies an Error as a plain Error with only its message, so the preload puts the
 * code in the message as "[CODE] message"; this turns any rejection back into an OmnideskError.
 */
const CODED = /^\[([A-Z_]+)\] ([\s\S]*)$/;

export function toOmnideskError(err: unknown): OmnideskError {
  if (err instanceof OmnideskError) return new OmnideskError(err.code, stripCode(err.message));
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : 'bridge call failed';
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && ErrorCode.safeParse(code).success) return new OmnideskError(code as ErrorCode, stripCode(message));
  const m = CODED.exec(message);
  if (m && ErrorCode.safeParse(m[1]).success) return new OmnideskError(m[1] as ErrorCode, m[2]!);
  return new OmnideskError('INTERNAL', message);
}

function stripCode(message: string): string {
  const m = CODED.exec(message);
  return m && ErrorCode.safeParse(m[1]).success ? m[2]! : message;
}
