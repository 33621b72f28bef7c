import { ErrorCode } from '../../../shared/kernel/errors';

/**
 * The code of whatever a bridge call rejected with. The error may have crossed a process boundary
 * (contextBridge, WebSocket) and lost its class, so this duck-types `.code`; anything else is INTERNAL.
 */
export function errorCodeOf(err: unknown): ErrorCode {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const parsed = ErrorCode.safeParse((err as { code: unknown }).code);
    if (parsed.success) return parsed.data;
  }
  return 'INTERNAL';
}

export type LoginErrorKey =
  | 'login.error.wrongCredentials'
  | 'login.error.unreachable'
  | 'login.error.badServerUrl'
  | 'login.error.rateLimited'
  | 'login.error.generic';

/** The message the login form shows for a failed sign-in (`withServerUrl`: the agent typed an address). */
export function loginErrorKey(code: ErrorCode, withServerUrl = false): LoginErrorKey {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 'login.error.wrongCredentials';
    case 'UNAVAILABLE':
      return 'login.error.unreachable';
    case 'RATE_LIMITED':
      return 'login.error.rateLimited';
    case 'INVALID_ARGUMENT':
      return withServerUrl ? 'login.error.badServerUrl' : 'login.error.generic';
    default:
      return 'login.error.generic';
  }
}

/** The general translated message for an error code (outside the login form). */
export function errorKey(code: ErrorCode): `errors.${ErrorCode}` {
  return `errors.${code}`;
}
