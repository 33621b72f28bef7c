import { describe, expect, it } from 'vitest';
import { cjkChars, ftsMatchAny, ftsMatchQuery, indexText, parseSearchQuery, searchTokens } from '../../../../src/shared/features/knowledge';

describe('searchTokens: the words search works on, both languages', () => {
  it.each([
    ['How do I pair the G4 sensor?', ['pair', 'g4', 'sensor']],
    ['Warm-up takes 2 hours', ['warm', 'warmup', 'takes', '2', 'hours']],
    ['ＡＢＣ１２３ full width', ['abc123', 'full', 'width']],
    ['传感器脱落', ['传感', '感器', '器脱', '脱落']],
    ['傳感器', ['传感', '感器']],
    ['我的G4不能配对', ['g4', '不能', '能配', '配对']],
    ['痛', ['痛']],
    ['the a an of', []],
    ['', []],
  ])('%j → %j', (text, want) => {
    expect(searchTokens(text)).toEqual(want);
  });

  it('keeps repeats for the index (bm25 counts them), not for the query', () => {
    expect(indexText('sensor sensor patch')).toBe('sensor sensor patch');
    expect(searchTokens('sensor sensor patch')).toEqual(['sensor', 'patch']);
  });

  it('a huge paste is cut, not a hang', () => {
    expect(searchTokens('word '.repeat(1_000_000)).length).toBe(1);
    expect(searchTokens(Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' ')).length).toBe(400);
  });
});

describe('FTS5 expressions never carry the user’s syntax', () => {
  it.each([
    ['"unbalanced quote', '"unbalanced" OR "quote"'],
    ['NEAR(a b) AND title:x OR *', '"near" OR "title"'],
    ['(((', null],
    ['', null],
    ['- * ^ :', null],
  ])('%j → %j', (text, want) => {
    expect(ftsMatchAny(searchTokens(text))).toBe(want);
  });

  it('doubles a quote inside a token', () => {
    expect(ftsMatchAny(['a"b'])).toBe('"a""b"');
  });
});

describe('parseSearchQuery: what an agent types in the search box', () => {
  it.each([
    ['传感器 皮疹 -心电贴', ['传感', '感器', '皮疹'], [['心电', '电贴']]],
    ['battery -watch -"fall alarm"', ['battery'], [['watch'], ['fall', 'alarm']]],
    ['G4 - not working', ['g4', 'working'], []],
    ['fall-detection', ['fall', 'detection', 'falldetection'], []],
    ['-', [], []],
  ])('%j', (text, tokens, exclude) => {
    const q = parseSearchQuery(text);
    expect(q.tokens).toEqual(tokens);
    expect(q.exclude).toEqual(exclude);
  });

  it('an exclusion becomes NOT of a phrase; only exclusions is nothing to search', () => {
    expect(ftsMatchQuery(parseSearchQuery('rash -心电贴'))).toBe('("rash") NOT ("心电 电贴")');
    expect(ftsMatchQuery(parseSearchQuery('-watch'))).toBeNull();
  });
});

describe('single Chinese characters, a column of their own', () => {
  it('are the characters without stop characters, Traditional folded', () => {
    expect(cjkChars('又红又痒的皮膚')).toEqual(['又', '红', '痒', '皮', '肤']);
    expect(cjkChars('红红', 10, false)).toEqual(['红', '红']);
  });
  it('are searched in the chars column only, beside the words', () => {
    expect(ftsMatchQuery(parseSearchQuery('痒 rash'))).toBe('"痒" OR "rash" OR {chars} : ("痒")');
    expect(ftsMatchQuery({ tokens: [], chars: ['痒'], exclude: [['心电', '电贴']] })).toBe('({chars} : ("痒")) NOT ("心电 电贴")');
  });
});
