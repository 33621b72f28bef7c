import type { Agent } from '../../../../src/shared/kernel/agent';
import type { Case } from '../../../../src/shared/kernel/case';
import type { Customer } from '../../../../src/shared/kernel/customer';
import { deterministicId } from '../../../../src/shared/kernel/ids';
import { Rule, type RuleInput } from '../../../../src/shared/features/escalation';

/** A small world for the escalation tests: one team, a customer with a watch, a case assigned to an agent. */
export const T = Date.UTC(2026, 4, 1);
export const id = (n: number) => deterministicId(T, n);
export const TEAM = id(1);
export const agent = (n: number, role: Agent['role'], teamIds = [TEAM]): Agent => ({
  id: id(100 + n), username: `u${n}`, displayName: `Person ${n}`, role, teamIds, languages: ['en'], presence: 'online',
});
export const mei = agent(1, 'agent');
export const lena = agent(2, 'lead');
export const wang = agent(3, 'specialist');

export const customer: Customer = {
  id: id(10), teamId: TEAM, name: 'Test Customer', emails: ['t@example.com'], phones: [], socialHandles: [], language: 'zh', segment: 'elderly', vip: false,
  devices: [{ kind: 'smart_watch', model: 'Guardian Watch 2', serial: 'GW2-1', firmware: '2.9.3', warrantyUntil: '2026-12-31' }],
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};
export const baseCase: Case = {
  id: id(20), customerId: customer.id, teamId: TEAM, subject: 'Watch did not detect fall', status: 'open', priority: 'P2', assigneeId: mei.id,
  openedAt: '2026-05-01T00:00:00.000Z', updatedAt: '2026-05-01T00:00:00.000Z', firstResponseDueAt: '2026-05-01T00:30:00.000Z',
  resolutionDueAt: '2026-05-02T00:00:00.000Z', firstRespondedAt: null, resolvedAt: null,
};

const L = (en: string) => ({ en, 'zh-CN': `${en}（中文）` });
export function rule(r: Omit<RuleInput, 'name'> & { name?: RuleInput['name'] }): Rule {
  return Rule.parse({ name: L(r.id), ...r });
}
