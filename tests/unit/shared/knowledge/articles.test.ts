import { describe, expect, it } from 'vitest';
import { articleBlocks, articleSetProblems, controlledPassages, localeOf, parseArticleFile, rankArticles, usesNotInBody, type ArticleHit, type ArticleUse } from '../../../../src/shared/features/knowledge';

const front = (over: Record<string, string> = {}) => {
  const f: Record<string, string> = {
    id: 'g4-pairing.en',
    slug: 'g4-pairing',
    locale: 'en',
    title: 'Pairing the G4',
    translationOf: 'null',
    products: '[Vitalink GlucoTrack G4]',
    deviceKinds: '[cgm]',
    firmware: '"*"',
    category: 'pairing',
    status: 'published',
    version: '1',
    summary: 'How to pair.',
    ...over,
  };
  return `---\n${Object.entries(f)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n---\n`;
};

describe('parseArticleFile: front matter and body, errors with file and line', () => {
  it('reads a valid file', () => {
    const r = parseArticleFile('g4-pairing.en.md', `${front()}\nOpen the app.\n`);
    expect(r).toMatchObject({ ok: true, article: { id: 'g4-pairing.en', products: ['Vitalink GlucoTrack G4'], body: '\nOpen the app.\n' } });
  });

  it.each([
    ['no front matter', 'g4-pairing.en.md', 'Just text', 1, 'front matter'],
    ['a bad status on its line', 'g4-pairing.en.md', front({ status: 'live' }), 11, 'status'],
    ['an unknown key', 'g4-pairing.en.md', front({ author: 'x' }), 2, 'author'],
    ['a translation without its source', 'g4-pairing.zh-CN.md', front({ id: 'g4-pairing.zh-CN', locale: 'zh-CN' }), 6, 'translationOf'],
    ['the file named for another article', 'other.en.md', front(), 2, 'g4-pairing.en.md'],
    ['broken YAML', 'g4-pairing.en.md', '---\ntitle: [unclosed\n---\nx', 2, 'YAML'],
    ['an unclosed controlled passage, at its line in the file', 'g4-pairing.en.md', `${front()}text\n\n:::controlled id=warn\nDo not.\n`, 17, 'never closed'],
  ])('%s', (_name, file, text, line, reason) => {
    const r = parseArticleFile(file, text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ file, line });
    expect(r.errors[0]!.reason).toContain(reason);
  });

  it('refuses a file above the size limit without parsing it', () => {
    expect(parseArticleFile('x.en.md', 'x'.repeat(200_001))).toMatchObject({ ok: false, errors: [{ line: 0 }] });
  });

  it('a translation whose source is missing is a set problem', () => {
    const zh = parseArticleFile('g4-pairing.zh-CN.md', front({ id: 'g4-pairing.zh-CN', locale: 'zh-CN', translationOf: 'g4-pairing.en' }));
    expect(zh.ok).toBe(true);
    if (zh.ok) expect(articleSetProblems([zh.article])).toEqual([{ id: 'g4-pairing.zh-CN', reason: 'its source g4-pairing.en does not exist' }]);
  });
});

describe('controlled passages', () => {
  it('splits the body into Markdown and controlled blocks with their lines', () => {
    const body = 'Intro\n\n:::controlled id=stop\nRemove the patch.\n:::\n\nMore';
    expect(articleBlocks(body).blocks).toEqual([
      { kind: 'markdown', id: null, text: 'Intro', line: 1 },
      { kind: 'controlled', id: 'stop', text: 'Remove the patch.', line: 3 },
      { kind: 'markdown', id: null, text: 'More', line: 6 },
    ]);
    expect(controlledPassages(body)).toEqual([{ id: 'stop', text: 'Remove the patch.' }]);
  });

  it.each([
    [':::controlled id=a\nx\n:::\n:::controlled id=a\ny\n:::', 4, 'used twice'],
    [':::controlled id=a\n:::controlled id=b\n:::', 2, 'inside'],
    [':::controlled id=a\nx', 1, 'never closed'],
  ])('refuses %j', (body, line, reason) => {
    const [e] = articleBlocks(body).errors;
    expect(e).toMatchObject({ line });
    expect(e!.reason).toContain(reason);
  });
});

describe('rankArticles: bm25 weighed by the customer’s device and language', () => {
  const hit = (slug: string, locale: 'en' | 'zh-CN', bm25: number, products: string[] = []): ArticleHit => ({ articleId: `${slug}.${locale}`, slug, locale, bm25, products });
  it.each([
    ['the better bm25 first', [hit('a', 'en', -2), hit('b', 'en', -3)], { locale: 'en' as const }, ['b', 'a']],
    ['the customer’s device ranks up', [hit('g3', 'en', -3, ['G3']), hit('g4', 'en', -2.5, ['G4'])], { locale: 'en' as const, product: 'G4' }, ['g4', 'g3']],
    ['a general article is not pushed down by a device', [hit('gen', 'en', -3), hit('g3', 'en', -3.5, ['G3'])], { locale: 'en' as const, product: 'G4' }, ['gen', 'g3']],
    ['no device on record: products do not matter', [hit('g3', 'en', -3, ['G3']), hit('g4', 'en', -2.5, ['G4'])], { locale: 'en' as const, product: null }, ['g3', 'g4']],
    ['the customer’s language ranks up', [hit('a', 'en', -3), hit('b', 'zh-CN', -2.6)], { locale: 'zh-CN' as const }, ['b', 'a']],
    ['two languages of one article are one result', [hit('a', 'en', -3), hit('a', 'zh-CN', -2)], { locale: 'zh-CN' as const }, ['a']],
  ])('%s', (_name, hits, ctx, want) => {
    expect(rankArticles(hits, ctx).map((r) => r.slug)).toEqual(want);
  });
});

describe('article uses on a reply', () => {
  const use = (text: string): ArticleUse => ({ articleId: 'a.en', slug: 'a', version: 1, locale: 'en', mode: 'passage', passageId: 'p', text });
  it('a use whose text the agent changed is not in the body', () => {
    const body = 'Hello,\r\n\r\nRemove the patch and call your doctor.\r\n\r\nBest';
    expect(usesNotInBody(body, [use('Remove the patch and call your doctor.')])).toEqual([]);
    expect(usesNotInBody(body, [use('Remove the patch and call your clinic.')])).toHaveLength(1);
  });
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en', 'en'],
    ['de', 'en'],
  ])('customer language %s reads %s articles', (lang, want) => {
    expect(localeOf(lang)).toBe(want);
  });
});
