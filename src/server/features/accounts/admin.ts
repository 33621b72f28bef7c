import type { Agent } from '../../../shared/kernel/agent';
import { OmnideskError } from '../../../shared/kernel/errors';
import { can } from '../../../shared/kernel/permissions';

/** FORBIDDEN unless the caller may manage agents and teams (the route guard checks it first; this keeps each handler honest). */
export function adminOnly(me: Agent): void {
  if (!can(me.role, 'agents.manage')) throw new OmnideskError('FORBIDDEN', 'only an admin manages agents');
}
