import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONCEPT_NAMES, CONCEPT_PREFIX, conceptWords, parseArticleFile, productMentioned } from '../../../../src/shared/features/knowledge';
import { CUSTOMER_CONCEPTS } from '../../../../src/shared/features/knowledge/concepts-customer';

const c = (text: string) => conceptWords(text).map((w) => w.slice(CONCEPT_PREFIX.length));

describe('conceptWords: one thing named two ways is one concept, on both sides of a search', () => {
  it.each([
    ['can I keep running with the heart monitor on?', ['exercise', 'ecg']],
    ['the app keeps bugging me to update my pulse ox', ['oximeter', 'firmware']],
    ['the top number was 20 apart', ['systolic']],
    ['where do i wear the sensor? my belly?', ['placement']],
    ['can I push my next box of sensors back 2 weeks', ['subscription']],
    ['phone on do not disturb, no sound', ['alarm']],
    ['went to A&E last night', ['emergency']],
    ['flying to Singapore, will the time difference mess things up', ['timezone']],
    // Chinese, Traditional folded to Simplified first
    ['洗澡的时候能戴吗', ['waterproof']],
    ['手錶連不上藍牙', ['pair']],
    ['血氧数值不准', ['oximeter']],
    ['there is a smell of burnt plastic from the charger', ['overheat']],
    ['电池那里鼓起来了，还有点烫', ['overheat']],
    ['how do I get a printout of my readings for the doctor', ['export']],
    ['a little heart with a squiggle showed next to my reading', ['irregular']],
    ['左胳膊和右胳膊量出来差了十几', ['differ']],
    ['it pings me every time I eat', ['alarm']],
  ])('%s', (text, want) => {
    expect(c(text)).toEqual(expect.arrayContaining(want));
  });

  it.each([
    // whole words only: "run" is not in "rerun" or "prune", "er" not in "never", "bp" not in "bpm"
    ['please rerun the report, never mind', []],
    ['heart rate 72 bpm', []],
    ['the sensor reads fine', []],
    ['', []],
  ])('nothing for %j', (text, want) => {
    expect(c(text)).toEqual(want);
  });

  it.each([
    // customers' phrasings (concepts-customer.ts)
    ['it keeps like falling off', ['detached']],
    ['手表充不进电了，黑屏', ['wontcharge']],
    ['app同步不了', ['syncdelay']],
    ['the applicator didnt click', ['applicator']],
    ['my watch thinks I fell when I clap', ['falsefall']],
    ['can I go through airport security with it', ['airport']],
    ['I have an MRI next week', ['mri']],
    ['how do I delete my account', ['deleteaccount']],
    ['血压计显示E1', ['bperror']],
    // "charged" on a bill is not charging a battery
    ['charged twice this month', ['billingdate']],
  ])('customers’ words: %s', (text, want) => {
    expect(c(text)).toEqual(expect.arrayContaining(want));
  });

  it.each([['help with my order'], ['my device is not working'], ['thanks, that fixed it'], ['hello?'], ['我的设备有问题']])(
    'a message that names no topic names no concept: %j',
    (text) => {
      expect(c(text)).toEqual([]);
    },
  );

  it('concept names are distinct tokens, and each customers’ concept names the topic of one to six shipped articles', () => {
    expect(new Set(CONCEPT_NAMES).size).toBe(CONCEPT_NAMES.length);
    const dir = join(__dirname, '../../../../resources/knowledge');
    const tagged = new Map<string, Set<string>>();
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
      const p = parseArticleFile(f, readFileSync(join(dir, f), 'utf8'));
      if (!p.ok) throw new Error(`${f} does not parse`);
      const a = p.article;
      for (const w of conceptWords(`${a.title}\n${a.summary}\n${a.keywords.join('\n')}`)) tagged.set(w, (tagged.get(w) ?? new Set()).add(a.slug));
    }
    // a concept on no article only adds a word to queries; one on many articles says nothing bm25 can use
    const spread = CUSTOMER_CONCEPTS.map((k) => [k.word, tagged.get(CONCEPT_PREFIX + k.word)?.size ?? 0] as const);
    expect(spread.filter(([, n]) => n < 1 || n > 6)).toEqual([]);
  });

  it('each concept once, and a 1 MB paste is read only in its first 20,000 characters', () => {
    expect(c('run run running jogging')).toEqual(['exercise']);
    expect(c(`${'x '.repeat(500_000)} marathon`)).toEqual([]);
  });
});

describe('productMentioned: the model a text names, when it names exactly one', () => {
  const P = ['Vitalink CardioPatch 14', 'Vitalink CardioPatch 7 Lite', 'Vitalink GlucoTrack G3', 'Vitalink GlucoTrack G4', 'Vitalink OxiClip O2', 'Vitalink PressureWise BP-200', 'Vitalink PressureWise BP-350 Wrist', 'Vitalink Pulse Watch S2'];
  it.each([
    ['where do i wear the g4?', 'Vitalink GlucoTrack G4'],
    ['my BP200 cuff', 'Vitalink PressureWise BP-200'],
    ['the bp 350 on my wrist', 'Vitalink PressureWise BP-350 Wrist'],
    ['CardioPatch 14 fell off', 'Vitalink CardioPatch 14'],
    ['the cardiopatch 7 lite', 'Vitalink CardioPatch 7 Lite'],
    ['G-4 新探头', 'Vitalink GlucoTrack G4'],
    // digits alone are days, not patches; a lone letter and digit across a space is no model
    ['wore it 14 days', null],
    ["it's 2 days old", null],
    // two models: the text does not say which one
    ['moving from the G3 to the G4', null],
    ['no model here', null],
  ])('%s', (text, want) => {
    expect(productMentioned(text, P)).toBe(want);
  });
});
