import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { ManagedAgent } from '../../../src/shared/contracts/http';
import { AGENTS_ROUTE, formatRoute, parseRoute } from '../../../src/renderer/kernel/app/route';
import { initI18n } from '../../../src/renderer/kernel/i18n';
import {
  draftProblems,
  EMPTY_DRAFT,
  lockedAgents,
  problemKey,
  teamNames,
  toggled,
  validTeamName,
  withAgent,
  withTeam,
  type AgentDraft,
} from '../../../src/renderer/features/accounts/accounts-model';
import { OneTimePassword } from '../../../src/renderer/features/accounts/OneTimePassword';

const G = '01900000-0000-7000-8000-000000000001';
const C = '01900000-0000-7000-8000-000000000002';
const agent = (username: string, id: string): ManagedAgent => ({
  id,
  username,
  displayName: username,
  role: 'agent',
  teamIds: [],
  languages: ['en'],
  presence: 'offline',
  active: true,
  mustChangePassword: false,
});

describe('the #/agents route', () => {
  it.each([
    ['#/agents', AGENTS_ROUTE],
    ['#/agents/', AGENTS_ROUTE],
    ['#/agentsx', { name: 'queue' }],
  ])('%s', (hash, route) => expect(parseRoute(hash)).toEqual(route));
  it('round-trips', () => expect(parseRoute(formatRoute(AGENTS_ROUTE))).toEqual(AGENTS_ROUTE));
});

describe('the create-agent draft is checked with the server contract', () => {
  it.each<[Partial<AgentDraft>, string[]]>([
    [{ username: 'nina.b', displayName: 'Nina' }, []],
    [{}, ['username', 'displayName']],
    [{ username: 'Nina', displayName: 'Nina' }, ['username']],
    [{ username: 'n', displayName: 'Nina' }, ['username']],
    [{ username: 'nina', displayName: '   ' }, ['displayName']],
    [{ username: 'nina', displayName: 'Nina', languages: [] }, ['languages']],
    [{ username: 'nina', displayName: 'Nina', teamIds: ['not-an-id'] }, ['teamIds']],
  ])('%j → %j', (patch, problems) => {
    expect(draftProblems({ ...EMPTY_DRAFT, ...patch })).toEqual(problems);
  });

  it.each([
    ['  Sleep ', 'Sleep'],
    ['', null],
    ['   ', null],
    ['x'.repeat(80), 'x'.repeat(80)],
    ['x'.repeat(81), null],
  ])('team name %j → %j', (name, valid) => expect(validTeamName(name)).toBe(valid));
});

describe('list helpers', () => {
  it('toggles a value in and out, keeping the order', () => {
    expect(toggled(['a', 'b'], 'c')).toEqual(['a', 'b', 'c']);
    expect(toggled(['a', 'b', 'c'], 'b')).toEqual(['a', 'c']);
  });

  it('replaces or adds an agent, sorted by username; a team, sorted by name', () => {
    const list = [agent('alice', G), agent('carl', C)];
    const bob = agent('bob', '01900000-0000-7000-8000-000000000003');
    expect(withAgent(list, bob).map((a) => a.username)).toEqual(['alice', 'bob', 'carl']);
    expect(withAgent(list, { ...list[0]!, role: 'lead' })).toEqual([{ ...list[0]!, role: 'lead' }, list[1]]);
    const teams = [
      { id: G, name: 'Glucose' },
      { id: C, name: 'Cardio' },
    ];
    expect(withTeam(teams, { id: G, name: 'Audio' }).map((t) => t.name)).toEqual(['Audio', 'Cardio']);
    expect(teamNames([C, G, 'gone'], teams)).toEqual(['Glucose', 'Cardio']);
  });

  it('maps lockouts by agent id', () => {
    expect(lockedAgents([{ agentId: G, username: 'alice', failures: 10, lockedUntil: '2026-12-05T15:00:00.000Z' }])).toEqual(new Map([[G, '2026-12-05T15:00:00.000Z']]));
  });
});

describe('what a failed call shows', () => {
  it.each([
    ['UNAVAILABLE', 'load', 'accounts.unavailable'],
    ['UNAVAILABLE', 'team', 'accounts.unavailable'],
    ['CONFLICT', 'create', 'accounts.conflict.username'],
    ['CONFLICT', 'team', 'accounts.conflict.team'],
    ['CONFLICT', 'update', 'accounts.conflict.self'],
    ['INVALID_ARGUMENT', 'create', 'accounts.invalid.create'],
    ['INVALID_ARGUMENT', 'team', 'accounts.invalid.team'],
    ['NOT_FOUND', 'lift', 'accounts.notLocked'],
    ['FORBIDDEN', 'update', 'errors.FORBIDDEN'],
    ['NOT_FOUND', 'reset', 'errors.NOT_FOUND'],
  ] as const)('%s during %s → %s', (code, action, key) => expect(problemKey(code, action)).toBe(key));
});

describe('OneTimePassword', () => {
  it.each([
    ['en', 'created', ['One-time password for nina', 'shown only this once']],
    ['zh-CN', 'reset', ['nina 的新一次性密码', '只显示这一次']],
  ] as const)('%s: %s shows the password once with the copy hint', async (lng, reason, texts) => {
    const i18n = await initI18n(lng);
    const html = renderToStaticMarkup(
      createElement(I18nextProvider, { i18n }, createElement(OneTimePassword, { username: 'nina', password: 'Xy7-one-time-pw', reason, onDone: () => undefined })),
    );
    expect(html).toContain('role="status"');
    expect(html.match(/Xy7-one-time-pw/g)).toHaveLength(1);
    for (const text of texts) expect(html).toContain(text);
  });
});
