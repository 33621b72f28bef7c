import { CustomerSearchQuery, HTTP_PATHS, type CustomerSearchResponse } from '../../../shared/contracts/http';
import { parseOrThrow } from '../../../shared/kernel/errors';
import type { FeatureRoutes } from '../../kernel/http/routes';
import { recordAudit, SEARCH_KEY_PURPOSE, searchHasher } from '../audit';
import { searchCustomers } from './customer-search';

/** GET /api/customers?q=: the customer directory for customers outside a desktop's cache (the query is never logged). */
export const identityRoutes: FeatureRoutes = (app, { db, caller, deriveKey }) => {
  const hashSearch = searchHasher(deriveKey(SEARCH_KEY_PURPOSE));
  app.get(HTTP_PATHS.customers, async (req): Promise<CustomerSearchResponse> => {
    const agent = await caller(req);
    const query = parseOrThrow(CustomerSearchQuery, req.query, 'customer search');
    const res = await searchCustomers(db, agent, query);
    // the audit trail keeps a keyed hash of the search, never its text (issue 9)
    await recordAudit(db, { actorId: agent.id, actorRole: agent.role, action: 'customer.searched', detail: { queryHash: hashSearch(query.q), scope: 'server', found: res.customers.length } });
    req.log.info({ agentId: agent.id, found: res.customers.length }, 'customer search');
    return res;
  });
};
