import { ErrorBody, OmnideskError } from '../../../../shared/kernel/errors';
import type { HttpOptions } from './auth';

/** Where the server is and the session's current token: what a feature's online call needs. */
export interface ServerSession {
  serverUrl: string;
  token: string;
}

/**
 * One authenticated call to the server for a feature's online-only bridge methods (admin views, reports). The
 * server's own refusal (FORBIDDEN, INVALID_ARGUMENT with the field and reason, CONFLICT) comes back as it is;
 * no answer, a 5xx, 404 or 429 is UNAVAILABLE. Never logs: the caller's path may carry ids, never personal data.
 */
export async function callServer(s: ServerSession, path: string, http: HttpOptions, init: RequestInit = {}): Promise<Response> {
  const doFetch = http.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(`${s.serverUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${s.token}`, accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
      signal: AbortSignal.timeout(http.timeoutMs ?? 10_000),
    });
  } catch {
    throw new OmnideskError('UNAVAILABLE', 'cannot reach the Omnidesk server');
  }
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => null);
    const err = ErrorBody.safeParse((body as { error?: unknown } | null)?.error);
    if (res.status >= 500 || res.status === 404 || res.status === 429 || !err.success) throw new OmnideskError('UNAVAILABLE', `the server could not answer (HTTP ${res.status})`);
    throw new OmnideskError(err.data.code, err.data.message);
  }
  return res;
}

/** The answer's JSON checked against its contract: anything else is UNAVAILABLE (an older or broken server). */
export async function serverJson<T>(res: Response, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): Promise<T> {
  const parsed = schema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new OmnideskError('UNAVAILABLE', 'the server sent an invalid answer');
  return parsed.data;
}

/** A query string from defined values (`?a=1&b=x`, or nothing). */
export function queryString(q: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
