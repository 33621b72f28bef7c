import { AccessReportResponse, AUDIT_PATHS, AuditListResponse, AuditVerifyResponse, type AccessReport } from '../../../../shared/features/audit';
import type { BridgeHandlers } from '../../kernel/bridge/dispatch';
import type { HttpOptions } from '../../kernel/session/auth';
import { queryString, readJson, serverCall, type ServerSession } from '../../kernel/session/server-api';

/** What the audit feature needs of the session: where the server is and the current token. */
export type AuditSession = ServerSession;

/** POST /api/audit/access: one batch of opened customers and searches. */
export async function sendAccessReport(s: AuditSession, report: AccessReport, http: HttpOptions): Promise<void> {
  await readJson(await serverCall(s, AUDIT_PATHS.access, http, { method: 'POST', body: JSON.stringify(report) }), AccessReportResponse);
}


/** Bridge handlers of the audit feature: reading the trail on the server (admins; the server refuses others). */
export function auditHandlers(ctx: { session(): AuditSession; http: HttpOptions }): Pick<BridgeHandlers, 'audit.list' | 'audit.verify' | 'audit.export'> {
  return {
    'audit.list': async (input) => readJson(await serverCall(ctx.session(), `${AUDIT_PATHS.list}${queryString(input)}`, ctx.http), AuditListResponse),
    'audit.verify': async () => readJson(await serverCall(ctx.session(), AUDIT_PATHS.verify, ctx.http), AuditVerifyResponse),
    'audit.export': async (input) => {
      const res = await serverCall(ctx.session(), `${AUDIT_PATHS.export}${queryString(input)}`, { ...ctx.http, timeoutMs: Math.max(ctx.http.timeoutMs ?? 0, 60_000) });
      const disposition = res.headers.get('content-disposition') ?? '';
      const filename = /filename="([^"]{1,200})"/.exec(disposition)?.[1] ?? `omnidesk-audit.${input.format}`;
      return { filename, mimeType: input.format === 'csv' ? 'text/csv' : 'application/json', content: await res.text() };
    },
  };
}
