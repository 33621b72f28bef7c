import { AccessReport, AUDIT_PATHS, AuditExportQuery, auditToCsv, AuditListQuery, type AuditInput, type AuditListResponse, type AuditVerifyResponse } from '../../../shared/features/audit';
import type { Agent } from '../../../shared/kernel/agent';
import { parseOrThrow } from '../../../shared/kernel/errors';
import type { FeatureRoutes } from '../../kernel/http/routes';
import { exportAudit, listAudit, recordAudit, SEARCH_KEY_PURPOSE, searchHasher, verifyAudit } from './store';

/** One batch of a desktop's access report → chain entries: ONE entry listing the customers opened, one per search. */
export function accessEntries(agent: Pick<Agent, 'id' | 'role'>, report: AccessReport, hashSearch: (text: string) => string): AuditInput[] {
  const out: AuditInput[] = [];
  if (report.opened.length) {
    const ats = report.opened.map((o) => o.at).sort();
    const ids = [...new Set(report.opened.map((o) => o.customerId))];
    out.push({ actorId: agent.id, actorRole: agent.role, action: 'customer.opened', customerIds: ids, detail: { opens: report.opened.length, first: ats[0] ?? null, last: ats[ats.length - 1] ?? null } });
  }
  for (const s of report.searches) {
    out.push({ actorId: agent.id, actorRole: agent.role, action: 'customer.searched', at: s.at, detail: { queryHash: hashSearch(s.text), scope: s.scope } });
  }
  return out;
}

/**
 * The audit trail's routes. POST /api/audit/access (every signed-in agent reports what they opened and searched);
 * GET /api/audit, /api/audit/verify, /api/audit/export (audit.read: admins). The guard enforces the access
 * (ROUTE_PERMISSIONS); the handlers take the caller it authenticated. Reading the export is itself audited.
 */
export const auditRoutes: FeatureRoutes = (app, { db, caller, deriveKey }) => {
  const hashSearch = searchHasher(deriveKey(SEARCH_KEY_PURPOSE));
  {
    app.post(AUDIT_PATHS.access, async (req): Promise<{ recorded: number }> => {
      const agent = await caller(req);
      const report = parseOrThrow(AccessReport, req.body, 'access report');
      const entries = await recordAudit(db, accessEntries(agent, report, hashSearch));
      req.log.info({ agentId: agent.id, opened: report.opened.length, searches: report.searches.length }, 'audit access recorded');
      return { recorded: entries.length };
    });

    app.get(AUDIT_PATHS.list, async (req): Promise<AuditListResponse> => {
      await caller(req);
      return listAudit(db, parseOrThrow(AuditListQuery, req.query, 'audit list'));
    });

    app.get(AUDIT_PATHS.verify, async (req): Promise<AuditVerifyResponse> => {
      const agent = await caller(req);
      const res = await verifyAudit(db);
      req.log.info({ agentId: agent.id, ok: res.ok, checked: res.checked }, 'audit verified');
      return res;
    });

    app.get(AUDIT_PATHS.export, async (req, reply) => {
      const agent = await caller(req);
      const q = parseOrThrow(AuditExportQuery, req.query, 'audit export');
      const { format, ...filters } = q;
      const all = [];
      for await (const page of exportAudit(db, filters)) all.push(...page);
      await recordAudit(db, { actorId: agent.id, actorRole: agent.role, action: 'audit.exported', detail: { format, entries: all.length } });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      void reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="omnidesk-audit-${stamp}.${format}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(auditToCsv(all));
      return reply.type('application/json; charset=utf-8').send(JSON.stringify({ entries: all }));
    });
  }
};
