import { complaintExportFilename, complaintExportPath, type ComplaintExportFormat } from '../../../../shared/features/safety';
import { OmnideskError } from '../../../../shared/kernel/errors';
import type { BridgeHandlers } from '../../kernel/bridge/dispatch';
import type { HttpOptions } from '../../kernel/session/auth';
import { queryString, serverCall, type ServerSession } from '../../kernel/session/server-api';

/** What the safety feature needs of the signed-in session. */
export interface SafetySession extends ServerSession {
  /** signed in from this workstation's remembered credentials while the server was unreachable */
  offline: boolean;
}

const MIME: Record<ComplaintExportFormat, string> = { json: 'application/json', pdf: 'application/pdf' };

/**
 * The complaint record's export (issue 12). The server
 * builds the file (it reads the verbatim message and the complainant where they live, and audits the export); the
 * desktop only carries it to the renderer to save, never keeps it, never logs it. Online only.
 */
export function complaintExportHandlers(ctx: { session(): SafetySession; http: HttpOptions }): Pick<BridgeHandlers, 'complaint.export'> {
  return {
    'complaint.export': async ({ caseId, format }) => {
      const s = ctx.session();
      if (s.offline) throw new OmnideskError('UNAVAILABLE', 'exporting a complaint record needs the server: signed in offline');
      // a 404 is the server's answer (no record, or not this caller's team), not a missing route
      const http = { ...ctx.http, notFoundIsAnswer: true, timeoutMs: Math.max(ctx.http.timeoutMs ?? 0, 60_000) };
      const res = await serverCall(s, `${complaintExportPath(caseId)}${queryString({ format })}`, http);
      if (!(res.headers.get('content-type') ?? '').startsWith(MIME[format])) throw new OmnideskError('UNAVAILABLE', 'the server sent an invalid answer');
      const bytes = Buffer.from(await res.arrayBuffer());
      const named = /filename="([\w.-]{1,200})"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
      return { filename: named ?? complaintExportFilename(caseId, format), mimeType: MIME[format], base64: bytes.toString('base64') };
    },
  };
}
