import { ErrorBody, OmnideskError } from '../../../../shared/index';
import type { HttpOptions } from './auth';

/** Where the server is and the session's current bearer token: what a feature that calls the server online needs. */
export interface ServerSession {
  serverUrl: string;
  token: string;
}

export interface ServerCallOptions extends HttpOptions {
  /**
   * A 404 with an error body is the server's NOT_FOUND (no such agent, …). Off by default: a 404 then means the
   * server has no such route (an older server) and is UNAVAILABLE like any answer the desktop cannot use.
   */
  notFoundIsAnswer?: boolean;
}

/**
 * One authorised HTTP call to the server. Unreachable, 5xx, 429 and answers without an error body are
 * UNAVAILABLE; any other error answer keeps the server's code and message.
 */
export async function serverCall(s: ServerSession, path: string, http: ServerCallOptions, init: RequestInit = {}): Promise<Response> {
  const doFetch = http.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(`${s.serverUrl}${path}`, {
      ...init,
      // JSON bodies by default; a caller's own headers (an upload's content type and file name) win
      headers: { authorization: `Bearer ${s.token}`, accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}), ...((init.headers as Record<string, string> | undefined) ?? {}) },
      signal: AbortSignal.timeout(http.timeoutMs ?? 10_000),
    });
  } catch {
    throw new OmnideskError('UNAVAILABLE', 'cannot reach the Omnidesk server');
  }
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => null);
    const err = ErrorBody.safeParse((body as { error?: unknown } | null)?.error);
    const notFound = res.status === 404 && !http.notFoundIsAnswer;
    if (res.status >= 500 || notFound || res.status === 429 || !err.success) throw new OmnideskError('UNAVAILABLE', `the server could not answer (HTTP ${res.status})`);
    throw new OmnideskError(err.data.code, err.data.message);
  }
  return res;
}

/** The answer's JSON, validated; an answer that does not fit is UNAVAILABLE. */
export async function readJson<T>(res: Response, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): Promise<T> {
  const parsed = schema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new OmnideskError('UNAVAILABLE', 'the server sent an invalid answer');
  return parsed.data;
}

/** A query string from the defined values (`?a=1&b=x`, or nothing). */
export function queryString(q: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
