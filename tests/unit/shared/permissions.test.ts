import { describe, expect, it } from 'vitest';
import { MUTATION_PERMISSIONS, ROUTE_PERMISSIONS, routeAccess, socketAccess } from '../../../src/shared/contracts/permissions';
import { Role, type Agent } from '../../../src/shared/kernel/agent';
import type { Priority } from '../../../src/shared/kernel/case';
import { can, canActOnCase, canAssign, canSetPriority, Permission, rolesWith } from '../../../src/shared/kernel/permissions';
import { MUTATION_NAMES } from '../../../src/shared/mutations';

/** The pure permission rules (src/shared/kernel/permissions.ts), as tables of cases. */
const ROLES = Role.options;

describe('the permission table', () => {
  const expected: Record<Permission, Role[]> = {
    'cases.act.own': ['agent', 'lead', 'specialist', 'admin'],
    'cases.act.specialist': ['lead', 'specialist', 'admin'],
    'cases.act.any': ['lead', 'admin'],
    'safety.review': ['lead', 'specialist', 'admin'],
    'cases.priority.p0': ['lead', 'admin'],
    'cases.greenChannel': ['lead', 'admin'],
    'customers.vip': ['lead', 'admin'],
    'customers.merge': ['lead', 'admin'],
    'console.read': ['lead', 'admin'],
    'customers.export': ['admin'],
    'customers.erase': ['admin'],
    'console.act': ['lead', 'admin'],
    'agents.manage': ['admin'],
    'lockouts.lift': ['lead', 'admin'],
    'audit.read': ['admin'],
    'sla.report': ['lead', 'admin'],
    'sla.configure': ['admin'],
    'escalation.configure': ['admin'],
    'knowledge.write': ['specialist', 'lead', 'admin'],
    'knowledge.publish': ['lead', 'admin'],
    'routing.configure': ['lead', 'admin'],
    'surveys.configure': ['admin'],
  };
  it.each(Permission.options)('%s', (p) => {
    expect(rolesWith(p).sort()).toEqual([...expected[p]].sort());
    for (const r of ROLES) expect(can(r, p), `${r} ${p}`).toBe(expected[p].includes(r));
  });
});

const who = (id: string, role: Role): Pick<Agent, 'id' | 'role'> => ({ id, role });
const me = (role: Role) => who('me', role);
const other = who('other', 'agent');
const spec = who('spec', 'specialist');

describe('canActOnCase: agents their own and unassigned cases, specialists also the specialist queue, leads any', () => {
  const cases: Array<[Role, 'own' | 'none' | 'other' | 'specialist', boolean]> = [
    ['agent', 'own', true], ['agent', 'none', true], ['agent', 'other', false], ['agent', 'specialist', false],
    ['specialist', 'own', true], ['specialist', 'none', true], ['specialist', 'other', false], ['specialist', 'specialist', true],
    ['lead', 'own', true], ['lead', 'none', true], ['lead', 'other', true], ['lead', 'specialist', true],
    ['admin', 'other', true], ['admin', 'specialist', true],
  ];
  it.each(cases)('%s on a case assigned to %s → %s', (role, whose, allowed) => {
    const assignee = whose === 'own' ? me(role) : whose === 'none' ? null : whose === 'other' ? other : spec;
    expect(canActOnCase(me(role), { assigneeId: assignee?.id ?? null }, assignee)).toBe(allowed);
  });
});

describe('canAssign(actor, case, from, target)', () => {
  const cases: Array<[Role, 'own' | 'none' | 'other', 'self' | 'nobody' | 'other' | 'specialist', boolean]> = [
    ['agent', 'none', 'self', true], // take an unassigned case
    ['agent', 'own', 'nobody', true], // release one's own
    ['agent', 'own', 'specialist', true], // hand over to the specialist queue
    ['agent', 'own', 'other', false], // reassign to a colleague: a lead's
    ['agent', 'other', 'self', false], // take someone else's case
    ['agent', 'other', 'nobody', false],
    ['specialist', 'none', 'self', true],
    ['specialist', 'other', 'self', false],
    ['lead', 'other', 'other', true],
    ['lead', 'other', 'nobody', true],
    ['admin', 'other', 'specialist', true],
  ];
  it.each(cases)('%s, case of %s → %s: %s', (role, whose, to, allowed) => {
    const actor = me(role);
    const from = whose === 'own' ? actor : whose === 'none' ? null : other;
    const target = to === 'self' ? actor : to === 'nobody' ? null : to === 'other' ? who('colleague', 'agent') : spec;
    expect(canAssign(actor, { assigneeId: from?.id ?? null }, from, target)).toBe(allowed);
  });
});

describe('canSetPriority: P0 is a lead decision', () => {
  const cases: Array<[Role, Priority, boolean]> = [
    ['agent', 'P0', false], ['agent', 'P1', true], ['agent', 'P3', true],
    ['specialist', 'P0', false], ['specialist', 'P2', true],
    ['lead', 'P0', true], ['admin', 'P0', true],
  ];
  it.each(cases)('%s → %s: %s', (role, p, allowed) => expect(canSetPriority(role, p)).toBe(allowed));
});

describe('route and socket tables', () => {
  it('matches exact entries, families and HEAD as GET; anything else is undefined (the guard refuses it)', () => {
    expect(routeAccess('POST', '/api/auth/login')).toBe('public');
    expect(routeAccess('HEAD', '/api/me')).toBe('authenticated');
    expect(routeAccess('GET', '/api/audit')).toBe('audit.read');
    expect(routeAccess('GET', '/api/agents')).toBe('agents.manage');
    expect(routeAccess('PATCH', '/api/agents/:id/role')).toBe('agents.manage');
    expect(routeAccess('DELETE', '/api/auth/lockouts/:id')).toBe('lockouts.lift');
    expect(routeAccess('GET', '/api/agentsX')).toBeUndefined();
    expect(routeAccess('POST', '/api/me')).toBeUndefined();
    expect(routeAccess('GET', '/api/nothing')).toBeUndefined();
    expect(socketAccess('/', 'sync:push')).toBe('authenticated');
    expect(socketAccess('/', 'chat:message')).toBeUndefined();
    expect(socketAccess('/chat', 'sync:pull')).toBeUndefined();
    expect(socketAccess('/admin', 'x')).toBeUndefined();
  });
  it('every entry names a known access (a typo would be a permission nobody has)', () => {
    for (const [key, access] of Object.entries(ROUTE_PERMISSIONS)) {
      expect(key, key).toMatch(/^(\*|GET|POST|PUT|PATCH|DELETE) \/\S*$/);
      expect(['public', 'authenticated', ...Permission.options], key).toContain(access);
    }
  });
  it('every mutation has an entry', () => {
    expect(Object.keys(MUTATION_PERMISSIONS).sort()).toEqual([...MUTATION_NAMES].sort());
  });
});
