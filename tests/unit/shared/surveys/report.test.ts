import { describe, expect, it } from 'vitest';
import { computeSurveyReport, DEFAULT_INDEX_WEIGHTS, followUpClock, rankSurveys, SurveyReportQuery, surveyFigures, type SurveyAnswer, type SurveyFact } from '../../../../src/shared/features/surveys';

const T0 = Date.parse('2026-11-02T09:00:00Z'); // a Monday
const DAY = 86_400_000;
const fact = (over: Partial<SurveyFact> & { answer?: SurveyAnswer | null }): SurveyFact => ({
  teamId: 'team-a',
  agentId: 'ann',
  channel: 'email',
  product: 'cgm',
  segment: 'elderly',
  sentAt: T0,
  answeredAt: over.answer ? T0 + 3_600_000 : null,
  answer: null,
  ...over,
});

describe('survey figures (issue 18): counted by the surveys sent', () => {
  it('a hand-made set: response rate, CSAT, NPS, CES, index, detractors', () => {
    const facts = [
      fact({ answer: { nps: 10, csat: 5, ces: 1, dimensions: { expertise: 5, responsiveness: 5, empathy: 5, resolution: 5, fees: 5 } } }),
      fact({ answer: { nps: 9, csat: 4, ces: 2 } }),
      fact({ answer: { nps: 7, csat: 3 } }),
      fact({ answer: { nps: 2, csat: 1, ces: 7, dimensions: { expertise: 1, responsiveness: 1, empathy: 1, resolution: 1, fees: 1 } } }),
      fact({}),
    ];
    expect(surveyFigures(facts)).toEqual({
      sent: 5,
      answered: 4,
      responseRate: 0.8,
      csat: 0.5, // 5 and 4 of four answers
      nps: 25, // 2 promoters, 1 detractor of 4
      ces: 10 / 3, // 1, 2, 7
      index: 50, // one all-5 (100) and one all-1 (0)
      detractors: 1,
    });
  });

  it('nothing sent: counts zero, figures null', () => {
    expect(surveyFigures([])).toEqual({ sent: 0, answered: 0, responseRate: null, csat: null, nps: null, ces: null, index: null, detractors: 0 });
  });

  it('a report: one row for the window per key and one per week it had surveys, by the chosen dimension', () => {
    const facts = [
      fact({ answer: { nps: 10 } }),
      fact({ sentAt: T0 + 8 * DAY, answer: { nps: 0 } }),
      fact({ sentAt: T0 + 9 * DAY, channel: 'chat', answer: { nps: 9 } }),
      fact({ sentAt: T0 - 30 * DAY, answer: { nps: 0 } }), // before the window
    ];
    const q = SurveyReportQuery.parse({ from: '2026-11-02T00:00:00Z', to: '2026-11-16T00:00:00Z', period: 'week', by: 'channel' });
    const rows = computeSurveyReport(facts, q);
    const pick = (period: string, key: string) => rows.find((r) => r.period === period && r.key === key);
    expect(rows.map((r) => `${r.period}|${r.key}`)).toEqual(['all|email', '2026-11-02|email', '2026-11-09|email', 'all|chat', '2026-11-09|chat']);
    expect(pick('all', 'email')).toMatchObject({ sent: 2, answered: 2, nps: 0 });
    expect(pick('2026-11-02', 'email')!.nps).toBe(100);
    expect(pick('2026-11-09', 'email')!.nps).toBe(-100);
    expect(pick('all', 'chat')!.nps).toBe(100);
    // by segment, product, agent, team: the fact's own field
    expect(computeSurveyReport(facts, { ...q, by: 'segment' }).filter((r) => r.period === 'all').map((r) => r.key)).toEqual(['elderly']);
    expect(computeSurveyReport([fact({ product: null })], { ...q, by: 'product' })[0]!.key).toBeNull();
  });

  it('the index is computed with the weights given (versioned)', () => {
    const facts = [fact({ answer: { dimensions: { expertise: 5, fees: 1 } } })];
    const q = SurveyReportQuery.parse({ from: '2026-11-01T00:00:00Z', to: '2026-11-30T00:00:00Z' });
    expect(computeSurveyReport(facts, q)[0]!.index).toBeCloseTo((0.35 * 100) / 0.4, 9);
    const flat = { version: 2, weights: { technicalSupport: 0.5, responseSpeed: 0, attitude: 0, solutionEffectiveness: 0, feeTransparency: 0.5 } };
    expect(computeSurveyReport(facts, q, flat)[0]!.index).toBe(50);
    expect(DEFAULT_INDEX_WEIGHTS.version).toBe(1);
  });
});

describe('the ranking (issue 18): entropy-weighted TOPSIS on shrunk figures', () => {
  const many = (agentId: string, n: number, answer: SurveyAnswer) => Array.from({ length: n }, () => fact({ agentId, answer }));

  it('the better agent ranks first; two answers never make a best or worst agent', () => {
    const facts = [
      ...many('good', 30, { nps: 10, csat: 5, ces: 1 }),
      ...many('poor', 30, { nps: 3, csat: 2, ces: 6 }),
      ...many('lucky', 2, { nps: 10, csat: 5, ces: 1 }),
    ];
    const r = rankSurveys(facts, 'agent');
    const by = Object.fromEntries(r.rows.map((x) => [x.key, x]));
    expect(by.good).toMatchObject({ rank: 1, fewAnswers: false, answered: 30 });
    expect(by.poor).toMatchObject({ rank: 2, fewAnswers: false });
    // perfect answers, but only two: shrunk toward the mean, flagged, unranked
    expect(by.lucky).toMatchObject({ rank: null, fewAnswers: true, answered: 2 });
    expect(by.lucky!.raw.nps).toBe(100);
    expect(by.lucky!.shrunk.nps).toBeLessThan(by.good!.shrunk.nps!);
    expect(by.lucky!.closeness).toBeLessThan(by.good!.closeness);
    // why: the best is near the top on every criterion that varies
    expect(by.good!.position.csat).toBe(1);
    expect(by.poor!.position.csat).toBe(0);
    expect(Object.values(r.weights).reduce((s, w) => s + w, 0)).toBeCloseTo(1, 9);
  });

  it('agents without answers are not ranked at all; teams rank the same way', () => {
    expect(rankSurveys([fact({ agentId: 'quiet' })], 'agent').rows).toEqual([]);
    const teams = rankSurveys([...many('x', 12, { csat: 5 }).map((f) => ({ ...f, teamId: 't1' })), ...many('y', 12, { csat: 2 }).map((f) => ({ ...f, teamId: 't2' }))], 'team');
    expect(teams.rows.map((r) => [r.key, r.rank])).toEqual([
      ['t1', 1],
      ['t2', 2],
    ]);
  });
});

describe('the detractor follow-up clock (48 h)', () => {
  const opened = '2026-11-02T09:00:00.000Z';
  const dueAt = '2026-11-04T09:00:00.000Z';
  it.each([
    ['just opened', Date.parse(opened), { state: 'running', remainingMs: 48 * 3_600_000 }],
    ['9 h left', Date.parse(dueAt) - 9 * 3_600_000, { state: 'running', remainingMs: 9 * 3_600_000 }],
    ['8 h left: warning', Date.parse(dueAt) - 8 * 3_600_000 + 1, { state: 'warning', remainingMs: 8 * 3_600_000 - 1 }],
    ['due now', Date.parse(dueAt), { state: 'warning', remainingMs: 0 }],
    ['a minute late', Date.parse(dueAt) + 60_000, { state: 'overdue', remainingMs: -60_000 }],
  ] as const)('%s', (_n, now, expected) => {
    expect(followUpClock({ state: 'open', dueAt, closedAt: null }, now)).toEqual(expected);
  });
  it('closed: on time or late', () => {
    expect(followUpClock({ state: 'done', dueAt, closedAt: '2026-11-03T09:00:00Z' }, 0)).toEqual({ state: 'done', late: false });
    expect(followUpClock({ state: 'done', dueAt, closedAt: '2026-11-05T09:00:00Z' }, 0)).toEqual({ state: 'done', late: true });
  });
});
