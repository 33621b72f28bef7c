import type { CustomerSearchQuery, CustomerSearchResponse } from '../../../shared/contracts/http';
import type { Agent } from '../../../shared/kernel/agent';
import type { Queryable } from '../../kernel/db/types';

/** `%…%` for ILIKE with the caller's text taken literally (no wildcards of theirs). */
function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The customers `agent` may see (their teams; admins all) that match `q` by name, email, social handle
 * or — when q has 4+ digits — phone digits. Merged-away customers are left out (reads go to the target).
 * The query text is never logged: it is personal data.
 */
export async function searchCustomers(q: Queryable, agent: Agent, query: CustomerSearchQuery): Promise<CustomerSearchResponse> {
  const digits = query.q.replace(/\D/g, '');
  const params: unknown[] = [containsPattern(query.q), digits.length >= 4 ? `%${digits}%` : null, query.limit];
  const team = agent.role === 'admin' ? '' : `and c.team_id = any($${params.push(agent.teamIds)}::uuid[])`;
  const { rows } = await q.query<{ id: string; name: string; team_id: string; vip: boolean }>(
    `select c.id, c.name, c.team_id, c.vip from customers c
     where c.data ->> 'mergedInto' is null ${team}
       and (c.name ilike $1
            or exists (select 1 from customer_identities i where i.customer_id = c.id and i.kind in ('email', 'social') and i.value ilike $1)
            or ($2::text is not null and exists (select 1 from customer_identities i
                  where i.customer_id = c.id and i.kind = 'phone' and regexp_replace(i.value, '\\D', '', 'g') like $2)))
     order by c.name, c.id
     limit $3`,
    params,
  );
  return { customers: rows.map((r) => ({ id: r.id, name: r.name, teamId: r.team_id, vip: r.vip })) };
}
