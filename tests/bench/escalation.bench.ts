/**
 * Escalation (issue 13):
 *  - sentiment.heldout.accuracy and sentiment.heldout.anxious_recall: the mood detector on the held-out half of the
 *    sentiment set (tests/fixtures/sentiment/heldout.jsonl, written apart from the detector, never read while tuning);
 *    the tuning half's figures beside, for comparison. Asks (supervisor, public, regulator, lawyer) printed too.
 *  - escalation.rules.p95_ms: evaluating one new customer message against 200 rules on the desktop (the shipped
 *    rules and generated variants of every trigger and condition), p95 over the held-out messages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectAsks, detectMood, evaluateRules, loadEscalationSet, Rule, sortRules, type EscalationFacts } from '../../src/shared/features/escalation';
import { loadSentimentSet, scoreSentiment } from '../support/sentiment-set';
import { record, summarize } from './lib';

const round = (x: number) => Math.round(x * 1000) / 1000;

function twoHundredRules(): Rule[] {
  const dir = join(import.meta.dirname, '..', '..', 'resources', 'escalation');
  const r = loadEscalationSet(readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })));
  if (!r.ok) throw new Error('the shipped escalation set does not load');
  const rules = [...r.set.rules];
  const L = { en: 'generated', 'zh-CN': '生成' };
  for (let i = 0; rules.length < 200; i++) {
    const base = r.set.rules[i % r.set.rules.length]!;
    rules.push(
      Rule.parse({
        ...base,
        id: `${base.id}-v${i}`,
        name: L,
        order: 100 + i,
        conditions: [
          { field: 'customer.segment', op: 'in', value: ['adult', 'elderly', 'young_adult'] },
          { field: 'device.firmware', op: 'gt', value: `1.${i % 10}` },
          { field: 'case.priority', op: 'neq', value: 'P3' },
        ].slice(0, 1 + (i % 3)),
      }),
    );
  }
  return sortRules(rules);
}

export async function benchEscalation(): Promise<void> {
  console.log('\nEscalation: mood detector and rules');
  for (const half of ['tuning', 'heldout'] as const) {
    const items = loadSentimentSet(half);
    const s = scoreSentiment(items, (it) => ({ mood: detectMood(it.text).mood, asks: detectAsks(it.text) }));
    const name = half === 'heldout' ? 'held-out (never read while tuning)' : 'tuning';
    console.log(`    ${name}: ${s.n} messages, accuracy ${s.accuracy.toFixed(3)}; asks recall ${s.asksRecall.toFixed(3)} precision ${s.asksPrecision.toFixed(3)}`);
    for (const [l, v] of Object.entries(s.labels)) console.log(`      ${l.padEnd(9)} recall ${v.recall.toFixed(3)} precision ${v.precision.toFixed(3)} (${v.n})`);
    for (const lang of ['en', 'zh-CN'] as const) {
      const ls = scoreSentiment(items.filter((it) => it.lang === lang), (it) => ({ mood: detectMood(it.text).mood, asks: detectAsks(it.text) }));
      console.log(`      language ${lang.padEnd(6)} accuracy ${ls.accuracy.toFixed(3)} anxious recall ${ls.labels.anxious.recall.toFixed(3)} (${ls.n})`);
    }
    record({ id: `sentiment.${half}.accuracy`, value: round(s.accuracy), unit: 'ratio', target: half === 'heldout' ? '>= 0.85' : null });
    record({ id: `sentiment.${half}.anxious_recall`, value: round(s.labels.anxious.recall), unit: 'ratio', target: half === 'heldout' ? '>= 0.9' : null });
    record({ id: `sentiment.${half}.asks_recall`, value: round(s.asksRecall), unit: 'ratio', target: null });
  }

  const rules = twoHundredRules();
  const messages = loadSentimentSet('heldout');
  const k = {
    id: '01890000-0000-7000-8000-000000000020', customerId: '01890000-0000-7000-8000-000000000010', teamId: '01890000-0000-7000-8000-000000000001', subject: 'Sensor fell off early',
    status: 'open', priority: 'P2', assigneeId: null, openedAt: '2026-05-01T00:00:00.000Z', updatedAt: '2026-05-01T00:00:00.000Z', firstResponseDueAt: '2026-05-01T00:30:00.000Z',
    resolutionDueAt: '2026-05-02T00:00:00.000Z', firstRespondedAt: null, resolvedAt: null,
  } as const;
  const facts: EscalationFacts = {
    case: k,
    customer: {
      id: k.customerId, teamId: k.teamId, name: 'Bench', emails: [], phones: [], socialHandles: [], language: 'zh', segment: 'elderly', vip: true,
      devices: [{ kind: 'cgm', model: 'GlucoSense 3', serial: 'GS3-1', firmware: '4.2.1', warrantyUntil: '2027-01-01' }], createdAt: k.openedAt, updatedAt: k.openedAt,
    },
    handlerRole: 'agent',
    contacts: Array.from({ length: 5 }, (_, i) => ({ at: `2026-04-2${i + 5}T10:00:00.000Z`, caseId: i % 2 ? k.id : `other-${i}`, subject: 'Sensor fell off early' })),
    tags: ['vip'],
    fired: new Set(),
    now: '2026-05-01T10:00:00.000Z',
  };
  const samples: number[] = [];
  for (let r = 0; r < 5; r++) {
    for (const m of messages) {
      const t0 = performance.now();
      evaluateRules(rules, { type: 'message', from: 'customer', text: m.text, channel: 'chat' }, facts);
      if (r > 0) samples.push(performance.now() - t0);
    }
  }
  const t = summarize(samples);
  console.log(`    ${rules.length} rules, one message: median ${t.median.toFixed(3)} ms, p95 ${t.p95.toFixed(3)} ms`);
  record({ id: 'escalation.rules.p95_ms', value: round(t.p95), unit: 'ms', target: '<= 1' });
}
