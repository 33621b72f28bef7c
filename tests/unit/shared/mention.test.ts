import { describe, expect, it } from 'vitest';
import { mentions, mentionsIn, splitMentions } from '../../../src/shared/features/routing';

describe('who a note mentions (issue 15)', () => {
  it.each([
    ['@mei can you call her back?', ['mei']],
    ['Please look, @Alice.Wong.', ['alice.wong']],
    ['cc @mei @lena and @mei again', ['mei', 'lena']],
    ['(@mei) and "@lena"', ['mei', 'lena']],
    ['请 @mei 回电', ['mei']],
    ['@mei，请回电', ['mei']],
    ['line one\n@lena: refund?', ['lena']],
    ['write to help@vitalink.example', []],
    ['mei@vitalink.example and x.@mei', []],
    ['an @ alone, @@, @.', []],
    ['', []],
  ])('%j → %j', (text, names) => {
    expect(mentionsIn(text)).toEqual(names);
  });

  it('compares usernames without case, and a longer name is not a shorter one', () => {
    expect(mentions('ask @MEI', 'mei')).toBe(true);
    expect(mentions('ask @meiling', 'mei')).toBe(false);
    expect(mentions('ask @mei-ling', 'mei')).toBe(false);
  });

  it('cuts a note into text and mentions, losing nothing', () => {
    const text = 'Please look, @Alice.Wong. and mail help@x.example @mei';
    const parts = splitMentions(text);
    expect(parts).toEqual([
      { text: 'Please look, ', mention: false },
      { text: '@Alice.Wong', mention: true },
      { text: '. and mail help@x.example ', mention: false },
      { text: '@mei', mention: true },
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(splitMentions('no one')).toEqual([{ text: 'no one', mention: false }]);
  });
});
