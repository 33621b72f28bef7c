import { HTTP_PATHS, type CustomerExport, type EraseResponse } from '../../../shared/contracts/http';
import type { Agent } from '../../../shared/kernel/agent';
import { can } from '../../../shared/kernel/permissions';
import { OmnideskError } from '../../../shared/kernel/errors';
import { Id } from '../../../shared/kernel/primitives';
import { recordAudit } from '../audit';
import type { FeatureRoutes } from '../../kernel/http/routes';
import { eraseCustomerData } from './erase';
import { exportCustomer } from './export';

/**
 * Export and erasure are admin actions. The one place this feature decides it: when the shared permission
 * table (issue 9, "Permissions by role") lands, this check becomes a lookup in it.
 */
function requireAdmin(agent: Agent, permission: 'customers.export' | 'customers.erase'): void {
  if (!can(agent.role, permission)) throw new OmnideskError('FORBIDDEN', 'only an admin may export or erase a customer');
}

function customerIdOf(params: unknown): string {
  const id = Id.safeParse((params as { id?: unknown } | null)?.id);
  if (!id.success) throw new OmnideskError('NOT_FOUND', 'no such customer');
  return id.data;
}

/** GET /api/admin/customers/:id/export and POST /api/admin/customers/:id/erase (ids only in the log). */
export const privacyRoutes: FeatureRoutes = (app, { db, caller, poke }) => {
  app.get(HTTP_PATHS.customerExport, async (req, reply): Promise<CustomerExport> => {
    const agent = await caller(req);
    requireAdmin(agent, 'customers.export');
    const customerId = customerIdOf(req.params);
    const res = await exportCustomer(db, customerId);
    void reply.header('cache-control', 'no-store');
    await recordAudit(db, { actorId: agent.id, actorRole: agent.role, action: 'customer.exported', customerIds: [customerId], detail: { events: res.events.length } });
    req.log.info({ agentId: agent.id, customerId, events: res.events.length }, 'customer exported');
    return res;
  });
  app.post(HTTP_PATHS.customerErase, async (req): Promise<EraseResponse> => {
    const agent = await caller(req);
    requireAdmin(agent, 'customers.erase');
    const customerId = customerIdOf(req.params);
    const res = await eraseCustomerData(db, poke, agent, customerId);
    // the personal data is gone; the trail keeps that it was erased, by whom, when (ids only)
    await recordAudit(db, { actorId: agent.id, actorRole: agent.role, action: 'customer.erased', customerIds: [customerId], detail: { erasureId: res.erasureId } });
    req.log.info({ agentId: agent.id, customerId, erasureId: res.erasureId, seq: res.seq }, 'customer erased');
    return res;
  });
};
