import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newId, ReferenceItem, referenceKind, ReferenceResponse } from '../../../src/shared';
import { agentReference, DIRECTORY_AGENT, DIRECTORY_TEAM, teamReference } from '../../../src/shared/features/directory/reference';
import { directoryVisibleTo } from '../../../src/shared/features/directory/visible';
import type { Agent } from '../../../src/shared/kernel/agent';

const agent = (over: Partial<Agent>): Agent => ({ id: newId(), username: 'a', displayName: 'A', role: 'agent', teamIds: [], languages: ['en'], presence: 'offline', ...over });

describe('reference contract', () => {
  it('a live item has data, a deleted one has none', () => {
    const base = { kind: 'directory.team', id: newId(), version: 1, teamIds: [] };
    expect(ReferenceItem.safeParse({ ...base, data: { x: 1 }, deleted: false }).success).toBe(true);
    expect(ReferenceItem.safeParse({ ...base, data: null, deleted: true }).success).toBe(true);
    expect(ReferenceItem.safeParse({ ...base, data: null, deleted: false }).success).toBe(false);
    expect(ReferenceItem.safeParse({ ...base, data: { x: 1 }, deleted: true }).success).toBe(false);
    expect(ReferenceItem.safeParse({ ...base, version: 0, data: {}, deleted: false }).success).toBe(false);
    expect(ReferenceItem.safeParse({ ...base, teamIds: ['team-a'], data: {}, deleted: false }).success).toBe(false);
  });

  it('a kind is named <feature>.<name>', () => {
    expect(referenceKind('knowledge.article', z.object({})).kind).toBe('knowledge.article');
    expect(() => referenceKind('article', z.object({}))).toThrow();
    expect(() => referenceKind('Knowledge.Article', z.object({}))).toThrow();
    expect(ReferenceResponse.safeParse({ items: [], next: 0, hasMore: false, scope: '' }).success).toBe(false);
  });

  it('the directory scopes a team to itself and an agent to its teams (none: the whole organisation)', () => {
    const team = { id: newId(), name: 'Cardio' };
    expect(teamReference(team)).toEqual({ id: team.id, teamIds: [team.id], data: team });
    const a = agent({ teamIds: [team.id] });
    expect(agentReference(a)).toEqual({ id: a.id, teamIds: [team.id], data: a });
    expect(agentReference(agent({ role: 'admin' })).teamIds).toEqual([]);
    expect(DIRECTORY_TEAM.schema.safeParse(team).success).toBe(true);
    expect(DIRECTORY_AGENT.schema.safeParse(team).success).toBe(false);
  });

  it('directoryVisibleTo: own teams, self, agents sharing a team; admins everything', () => {
    const g = { id: newId(), name: 'G' };
    const c = { id: newId(), name: 'C' };
    const me = agent({ username: 'me', teamIds: [g.id] });
    const mate = agent({ username: 'mate', teamIds: [g.id, c.id] });
    const other = agent({ username: 'other', teamIds: [c.id] });
    const admin = agent({ username: 'admin', role: 'admin' });
    const d = directoryVisibleTo(me, [g, c], [me, mate, other, admin]);
    expect(d.teams).toEqual([g]);
    expect(d.agents.map((a) => a.username)).toEqual(['me', 'mate']);
    expect(directoryVisibleTo(admin, [g, c], [me, mate, other, admin]).agents).toHaveLength(4);
  });
});
