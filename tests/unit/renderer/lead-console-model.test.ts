import { describe, expect, it } from 'vitest';
import type { KpiRow, Wallboard, WallboardAgent } from '../../../src/shared/features/lead';
import { agentOrder, ageSec, figureValue, healthTone, lastDays, mergeBoard, unsynced } from '../../../src/renderer/features/lead/console-model';
import { id } from './fixtures';

const agent = (n: number, over: Omit<Partial<WallboardAgent>, 'desktop'> & { desktop?: Partial<WallboardAgent['desktop']> } = {}): WallboardAgent => ({
  id: id(100 + n),
  name: `Agent ${n}`,
  role: 'agent',
  presence: 'available',
  presenceSince: null,
  load: 0,
  loadByChannel: {},
  handleSec: null,
  ...over,
  desktop: { online: true, offlineSince: null, unsyncedOut: 0, behind: 0, lastSeenAt: null, ...over.desktop },
});

const board = (teamId: string, generatedAt: string, open = 1): Wallboard => ({
  teamId,
  teamName: 'T',
  generatedAt,
  totals: { waiting: 0, open, unassigned: 0, slaAtRisk: 0, slaBreached: 0, oldestWaitSince: null, oldestWaitCaseId: null },
  byChannel: [],
  redLine: [],
  safety: [],
  flags: [],
  fastTracks: [],
  agents: [],
  stuck: [],
  waiting: [],
});

describe('the console model', () => {
  it.each([
    ['online, nothing held back', agent(1), 'ok', 0],
    ['online, pushing a backlog', agent(2, { desktop: { unsyncedOut: 4 } }), 'syncing', 4],
    ['offline, behind the log', agent(3, { desktop: { online: false, behind: 7, unsyncedOut: 2 } }), 'offline', 9],
  ] as const)('%s', (_name, a, tone, n) => {
    expect(healthTone(a)).toBe(tone);
    expect(unsynced(a)).toBe(n);
  });

  it('offline desktops holding changes come first, then the busiest', () => {
    const list = [agent(1, { load: 1 }), agent(2, { load: 5 }), agent(3, { desktop: { online: false } }), agent(4, { desktop: { online: false, behind: 3 } })];
    expect(agentOrder(list).map((a) => a.name)).toEqual(['Agent 4', 'Agent 2', 'Agent 1', 'Agent 3']);
  });

  it('a pushed wallboard replaces its team’s, never with an older one', () => {
    const a = board(id(1), '2026-12-01T10:00:00.000Z', 1);
    const b = board(id(2), '2026-12-01T10:00:00.000Z', 2);
    const newer = board(id(1), '2026-12-01T10:00:05.000Z', 3);
    expect(mergeBoard([a, b], newer).map((x) => x.totals.open)).toEqual([3, 2]);
    expect(mergeBoard([newer, b], a).map((x) => x.totals.open)).toEqual([3, 2]);
    expect(mergeBoard([], a)).toEqual([a]);
  });

  it('figures as they show: seconds for durations, percent for shares', () => {
    const row: KpiRow = { period: '2026-12-01', key: null, opened: 3, resolved: 2, frtMs: 90_000, nrtMs: null, resolutionMs: 3_600_000, ahtSec: 300, fcr: 0.5, repeatRate: 0, slaAttainment: 1, backlog: 4 };
    expect([figureValue(row, 'frt'), figureValue(row, 'nrt'), figureValue(row, 'fcr'), figureValue(row, 'sla'), figureValue(row, 'backlog')]).toEqual([90, null, 50, 100, 4]);
  });

  it('ages and the report window', () => {
    expect(ageSec('2026-12-01T10:00:00.000Z', Date.parse('2026-12-01T10:01:30.000Z'))).toBe(90);
    expect(ageSec(null, 0)).toBe(0);
    expect(ageSec('2026-12-01T10:00:00.000Z', Date.parse('2026-12-01T09:00:00.000Z'))).toBe(0);
    expect(lastDays(7, Date.parse('2026-12-07T05:00:00.000Z'))).toEqual({ from: '2026-12-01T00:00:00.000Z', to: '2026-12-08T00:00:00.000Z' });
  });
});
