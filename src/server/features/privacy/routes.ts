import { HTTP_PATHS, type CustomerExport, type EraseResponse } from '../../../shared/contracts/http';
import type { Agent } from '../../../shared/kernel/agent';
import { OmnideskError } from '../../../shared/kernel/errors';
import { Id } from '../../../shared/kernel/primitives';
import type { FeatureRoutes } from '../../kernel/http/routes';
import { eraseCustomerData } from './erase';
import { exportCustomer } from './export';

/**
 * Export and erasure are admin actions. The one place this feature decides it: when the shared permission
 * table (issue 9, "Permissions by role") lands, this check becomes a lookup in it.
 */
function requireAdmin(agent: Agent): void {
  if (agent.role !== 'admin') throw new OmnideskError('FORBIDDEN', 'only an admin may export or erase a customer');
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
    requireAdmin(agent);
    const customerId = customerIdOf(req.params);
    const res = await exportCustomer(db, customerId);
    void reply.header('cache-control', 'no-store');
    req.log.info({ agentId: agent.id, customerId, events: res.events.length }, 'customer exported');
    return res;
  });
  app.post(HTTP_PATHS.customerErase, async (req): Promise<EraseResponse> => {
    const agent = await caller(req);
    requireAdmin(agent);
    const customerId = customerIdOf(req.params);
    const res = await eraseCustomerData(db, poke, agent, customerId);
    req.log.info({ agentId: agent.id, customerId, erasureId: res.erasureId, seq: res.seq }, 'customer erased');
    return res;
  });
};
