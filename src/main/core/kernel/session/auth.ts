import {
  CustomerSearchResponse,
  DirectoryResponse,
  ErrorBody,
  HTTP_PATHS,
  LoginResponse,
  OmnideskError,
  type LoginRequest,
} from '../../../../shared/index';

export interface HttpOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Accepts http(s) URLs only; returns the origin-and-path form without a trailing slash. */
export function normalizeServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OmnideskError('INVALID_ARGUMENT', 'serverUrl: not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OmnideskError('INVALID_ARGUMENT', 'serverUrl: must be http or https');
  }
  if (url.username || url.password) throw new OmnideskError('INVALID_ARGUMENT', 'serverUrl: must not carry credentials');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** POST /api/auth/login. Unreachable → UNAVAILABLE; 401 → UNAUTHENTICATED; a bad answer → UNAVAILABLE. */
export async function authenticate(serverUrl: string, creds: LoginRequest, opts: HttpOptions = {}): Promise<LoginResponse> {
  const res = await send(serverUrl, HTTP_PATHS.login, opts, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username: creds.username, password: creds.password }),
  });
  if (res.status === 401) throw new OmnideskError('UNAUTHENTICATED', 'wrong username or password');
  return readAnswer(res, LoginResponse, 'login');
}

/** POST /api/auth/refresh: the next access token and refresh token. 401 → UNAUTHENTICATED (the session ended). */
export async function refreshSession(serverUrl: string, refreshToken: string, opts: HttpOptions = {}): Promise<LoginResponse> {
  const res = await send(serverUrl, HTTP_PATHS.refresh, opts, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ refreshToken }),
  });
  if (res.status === 401) throw new OmnideskError('UNAUTHENTICATED', 'the session has expired: sign in again');
  return readAnswer(res, LoginResponse, 'refresh');
}

/** POST /api/auth/password: the signed-in agent changes their password. */
export async function changePassword(serverUrl: string, token: string, body: { currentPassword: string; newPassword: string }, opts: HttpOptions = {}): Promise<void> {
  const res = await send(serverUrl, HTTP_PATHS.password, opts, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status === 204) return;
  const raw: unknown = await res.json().catch(() => null);
  const err = ErrorBody.safeParse((raw as { error?: unknown } | null)?.error);
  if (err.success && res.status < 500) throw new OmnideskError(err.data.code, err.data.message);
  throw new OmnideskError('UNAVAILABLE', `the server could not change the password (HTTP ${res.status})`);
}

/** POST /api/auth/logout: ends the session on the server (best effort: the caller signs out locally anyway). */
export async function endServerSession(serverUrl: string, token: string, opts: HttpOptions = {}): Promise<void> {
  const res = await send(serverUrl, HTTP_PATHS.logout, opts, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  await res.body?.cancel();
}

/** GET /api/directory with the session's bearer token. */
export async function fetchDirectory(serverUrl: string, token: string, opts: HttpOptions = {}): Promise<DirectoryResponse> {
  const res = await send(serverUrl, HTTP_PATHS.directory, opts, {
    method: 'GET',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  if (res.status === 401) throw new OmnideskError('UNAUTHENTICATED', 'the session has expired: sign in again');
  return readAnswer(res, DirectoryResponse, 'directory');
}

/** GET /api/customers?q=: the server's customer directory (what the caller may see). */
export async function searchServerCustomers(
  serverUrl: string,
  token: string,
  query: { q: string; limit: number },
  opts: HttpOptions = {},
): Promise<CustomerSearchResponse> {
  const params = new URLSearchParams({ q: query.q, limit: String(query.limit) });
  const res = await send(serverUrl, `${HTTP_PATHS.customers}?${params.toString()}`, opts, {
    method: 'GET',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  if (res.status === 401) throw new OmnideskError('UNAUTHENTICATED', 'the session has expired: sign in again');
  return readAnswer(res, CustomerSearchResponse, 'customer search');
}

async function send(serverUrl: string, path: string, opts: HttpOptions, init: RequestInit): Promise<Response> {
  const doFetch = opts.fetch ?? fetch;
  try {
    return await doFetch(`${serverUrl}${path}`, { ...init, signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
  } catch {
    throw new OmnideskError('UNAVAILABLE', `cannot reach the Omnidesk server at ${serverUrl}`);
  }
}

async function readAnswer<T>(
  res: Response,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  what: string,
): Promise<T> {
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = ErrorBody.safeParse((body as { error?: unknown } | null)?.error);
    // 429 RATE_LIMITED is the server's answer, never "unreachable": answering it offline would bypass the limits
    if (res.status === 429 && err.success) throw new OmnideskError('RATE_LIMITED', err.data.message);
    if (res.status >= 500 || res.status === 404 || res.status === 429 || !err.success) {
      throw new OmnideskError('UNAVAILABLE', `the server could not answer the ${what} request (HTTP ${res.status})`);
    }
    throw new OmnideskError(err.data.code, err.data.message);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new OmnideskError('UNAVAILABLE', `the server sent an invalid ${what} answer`);
  return parsed.data;
}
