import { z } from 'zod';
import { Id } from '../../kernel/primitives';

/**
 * Who else has a customer open (issue 16, the collision warning): each desktop says which customer and case its agent
 * views and whether they are writing a reply (`live:viewing`); everyone viewing that customer gets the list
 * (`live:viewers`). Live only, never stored; names only of agents of the customer's team.
 */
export const VIEWERS_LIVE = { viewing: 'live:viewing', viewers: 'live:viewers' } as const;

export const Viewing = z
  .object({
    /** null: the agent left the customer */
    customerId: Id.nullable(),
    caseId: Id.nullable(),
    replying: z.boolean(),
  })
  .strict();
export type Viewing = z.infer<typeof Viewing>;

export const Viewer = z.object({ agentId: Id, name: z.string().max(200), caseId: Id.nullable(), replying: z.boolean() });
export type Viewer = z.infer<typeof Viewer>;
export const Viewers = z.object({ customerId: Id, viewers: z.array(Viewer).max(100) });
export type Viewers = z.infer<typeof Viewers>;

/**
 * The others on this customer (another case of theirs does not collide), one line per agent (several windows: replying
 * if any is), the ones replying first — the collision that matters — then by name.
 */
export function othersViewing(list: readonly Viewer[], me: string, caseId: string | null): Viewer[] {
  const byAgent = new Map<string, Viewer>();
  for (const v of list) {
    if (v.agentId === me) continue;
    if (caseId !== null && v.caseId !== null && v.caseId !== caseId) continue;
    const had = byAgent.get(v.agentId);
    byAgent.set(v.agentId, had ? { ...had, replying: had.replying || v.replying } : v);
  }
  return [...byAgent.values()].sort((a, b) => Number(b.replying) - Number(a.replying) || a.name.localeCompare(b.name));
}
