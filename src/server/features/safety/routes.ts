import { ComplaintExportQuery, complaintExportFilename, SAFETY_PATHS } from '../../../shared/features/safety';
import { OmnideskError, parseOrThrow } from '../../../shared/kernel/errors';
import { Id } from '../../../shared/kernel/primitives';
import type { FeatureRoutes } from '../../kernel/http/routes';
import { recordAudit } from '../audit';
import { complaintPdf } from './complaint-pdf';
import { loadComplaintExport, NO_COMPLAINT } from './export';

/**
 * GET /api/safety/complaints/:caseId/export?format=json|pdf — the complaint / adverse-event record as a file (issue 12).
 * `safety.review` (the guard, ROUTE_PERMISSIONS); the case's team (admins all): another team's case, an unknown one
 * and one without a record are the same 404. Each export is audited (`complaint.exported`: ids and the format). The
 * file holds the verbatim message and the complainant's contacts: never cached, never logged (ids and sizes only).
 */
export const safetyRoutes: FeatureRoutes = (app, { db, caller }) => {
  app.get(SAFETY_PATHS.complaintExport, async (req, reply) => {
    const agent = await caller(req);
    const { format } = parseOrThrow(ComplaintExportQuery, req.query, 'complaint export');
    const caseId = Id.safeParse((req.params as { caseId?: unknown } | null)?.caseId);
    if (!caseId.success) throw new OmnideskError('NOT_FOUND', NO_COMPLAINT);
    const x = await db.transaction((tx) => loadComplaintExport(tx, agent, caseId.data, new Date()));
    const body = format === 'pdf' ? await complaintPdf(x) : Buffer.from(JSON.stringify(x), 'utf8');
    await recordAudit(db, {
      actorId: agent.id,
      actorRole: agent.role,
      action: 'complaint.exported',
      customerIds: [...new Set([x.complainant.id, x.record.customerId])],
      detail: { caseId: x.case.id, complaintId: x.record.id, format },
    });
    req.log.info({ agentId: agent.id, caseId: x.case.id, complaintId: x.record.id, format, bytes: body.length }, 'complaint exported');
    void reply
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename="${complaintExportFilename(x.case.id, format)}"`)
      .type(format === 'pdf' ? 'application/pdf' : 'application/json; charset=utf-8');
    return reply.send(body);
  });
};
