import { describe, expect, it } from 'vitest';
import type { SurveyReportRow } from '../../../src/shared/features/surveys';
import { settingsForm, showFigure, teamSettingsFrom, trendSeries, weightsFromPercent, whyRanked } from '../../../src/renderer/features/surveys/quality-model';

const row = (period: string, key: string | null, over: Partial<SurveyReportRow> = {}): SurveyReportRow => ({
  period,
  key,
  sent: 4,
  answered: 2,
  responseRate: 0.5,
  csat: 0.75,
  nps: -20,
  ces: 2.25,
  index: 61.4,
  detractors: 1,
  ...over,
});

describe('the lead console’s survey figures (issue 18)', () => {
  it('shows shares as %, NPS and the index whole, CES to one place, missing as a dash', () => {
    const r = row('all', 't');
    expect([showFigure(r, 'responseRate'), showFigure(r, 'csat'), showFigure(r, 'nps'), showFigure(r, 'ces'), showFigure(r, 'index')]).toEqual(['50 %', '75 %', '-20', '2.3', '61']);
    expect(showFigure(row('all', 't', { nps: null }), 'nps')).toBe('—');
  });

  it('the trend: periods in order, a line per key with gaps where a key had no surveys', () => {
    const t = trendSeries([row('all', 'a'), row('2026-11-09', 'a', { nps: 10 }), row('2026-11-02', 'a', { nps: 30 }), row('2026-11-09', 'b', { nps: -5 })], 'nps', (k) => `team ${k}`);
    expect(t.periods).toEqual(['2026-11-02', '2026-11-09']);
    expect(t.series).toEqual([
      { label: 'team a', values: [30, 10] },
      { label: 'team b', values: [null, -5] },
    ]);
  });

  it('why a rank: strong where near the best, weak where near the worst', () => {
    expect(whyRanked({ position: { csat: 1, nps: 0.7, ces: 0.5, index: 0.2, responseRate: 0 } })).toEqual({ strong: ['csat', 'nps'], weak: ['index', 'responseRate'] });
  });

  it('the weights form saves only whole percentages adding up to 100', () => {
    expect(weightsFromPercent({ technicalSupport: 35, responseSpeed: 25, attitude: 20, solutionEffectiveness: 15, feeTransparency: 5 })).toEqual({
      sum: 100,
      weights: { technicalSupport: 0.35, responseSpeed: 0.25, attitude: 0.2, solutionEffectiveness: 0.15, feeTransparency: 0.05 },
    });
    expect(weightsFromPercent({ technicalSupport: 40, responseSpeed: 25, attitude: 20, solutionEffectiveness: 15, feeTransparency: 5 })).toEqual({ sum: 105, weights: null });
    expect(weightsFromPercent({ technicalSupport: Number.NaN, responseSpeed: 25, attitude: 20, solutionEffectiveness: 15, feeTransparency: 5 }).weights).toBeNull();
  });
});

describe('the survey settings form (issue 18)', () => {
  it('no own rules: empty fields, every channel ticked; saved back as nothing', () => {
    const f = settingsForm(null);
    expect(f).toEqual({ delayHours: '', acceptDays: '', cooldownDays: '', channels: ['email', 'chat', 'social', 'phone'], channelDelayHours: { email: '', chat: '', social: '', phone: '' } });
    expect(teamSettingsFrom(f)).toEqual({});
  });

  it('round trip: what a team has comes back the same', () => {
    const own = { delayHours: 4, cooldownDays: 30, channels: ['email' as const, 'chat' as const], channelDelayHours: { chat: 1 } };
    expect(teamSettingsFrom(settingsForm(own))).toEqual(own);
  });

  it('refuses what the shared rules refuse', () => {
    expect(teamSettingsFrom({ ...settingsForm(null), delayHours: '-3' })).toBeNull();
    expect(teamSettingsFrom({ ...settingsForm(null), acceptDays: '0' })).toBeNull();
    expect(teamSettingsFrom({ ...settingsForm(null), cooldownDays: 'soon' })).toBeNull();
    expect(teamSettingsFrom({ ...settingsForm(null), acceptDays: '2.5' })).toBeNull();
  });
});
