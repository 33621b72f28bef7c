import { AccessReportResponse, AUDIT_PATHS, AuditListResponse, AuditVerifyResponse, type AccessReport } from '../../../../shared/features/audit';
import { ErrorBody, OmnideskError } from '../../../../shared/kernel/errors';
import type { BridgeHandlers } from '../../kernel/bridge/dispatch';
import type { HttpOptions } from '../../kernel/session/auth';

/** What the audit feature needs of the session: where the server is and the current token. */
export interface AuditSession {
  serverUrl: string;
  token: string;
}

async function call(s: AuditSession, path: string, http: HttpOptions, init: RequestInit = {}): Promise<Response> {
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

async function json<T>(res: Response, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): Promise<T> {
  const parsed = schema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new OmnideskError('UNAVAILABLE', 'the server sent an invalid answer');
  return parsed.data;
}

/** POST /api/audit/access: one batch of opened customers and searches. */
export async function sendAccessReport(s: AuditSession, report: AccessReport, http: HttpOptions): Promise<void> {
  await json(await call(s, AUDIT_PATHS.access, http, { method: 'POST', body: JSON.stringify(report) }), AccessReportResponse);
}

const query = (q: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

/** Bridge handlers of the audit feature: reading the trail on the server (admins; the server refuses others). */
export function auditHandlers(ctx: { session(): AuditSession; http: HttpOptions }): Pick<BridgeHandlers, 'audit.list' | 'audit.verify' | 'audit.export'> {
  return {
    'audit.list': async (input) => json(await call(ctx.session(), `${AUDIT_PATHS.list}${query(input)}`, ctx.http), AuditListResponse),
    'audit.verify': async () => json(await call(ctx.session(), AUDIT_PATHS.verify, ctx.http), AuditVerifyResponse),
    'audit.export': async (input) => {
      const res = await call(ctx.session(), `${AUDIT_PATHS.export}${query(input)}`, { ...ctx.http, timeoutMs: Math.max(ctx.http.timeoutMs ?? 0, 60_000) });
      const disposition = res.headers.get('content-disposition') ?? '';
      const filename = /filename="([^"]{1,200})"/.exec(disposition)?.[1] ?? `omnidesk-audit.${input.format}`;
      return { filename, mimeType: input.format === 'csv' ? 'text/csv' : 'application/json', content: await res.text() };
    },
  };
}
