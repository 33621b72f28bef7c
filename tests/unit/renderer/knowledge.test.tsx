import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useReplyDraft } from '../../../src/renderer/features/conversations';
import { shortcutQuery } from '../../../src/renderer/features/knowledge';
import { articleLink } from '../../../src/renderer/features/knowledge/use-knowledge';
import { Marked } from '../../../src/renderer/features/knowledge/KnowledgePanel';
import { articleSrcdoc } from '../../../src/renderer/features/knowledge/ArticleReader';
import type { ArticleUse } from '../../../src/shared/features/knowledge';

/** The knowledge panel's pieces in the renderer (issue 14); the panel itself runs in the e2e spec. */
const use = (text: string, mode: ArticleUse['mode'] = 'article'): ArticleUse => ({ articleId: 'a.zh-CN', slug: 'a', version: 2, locale: 'zh-CN', mode, passageId: null, text });

describe('the reply draft remembers what came from articles', () => {
  it('appends an article on its own paragraph and remembers its use; clear forgets both', () => {
    const d = useReplyDraft.getState();
    d.clear();
    d.set('您好，');
    d.insertArticle(use('请取下心电贴。'));
    expect(useReplyDraft.getState().text).toBe('您好，\n\n请取下心电贴。');
    expect(useReplyDraft.getState().uses).toEqual([use('请取下心电贴。')]);
    d.clear();
    expect(useReplyDraft.getState()).toMatchObject({ text: '', uses: [] });
  });

  it('the ?? shortcut is replaced by the article where it was typed', () => {
    const d = useReplyDraft.getState();
    d.clear();
    d.set('Hello,\n\n??skin rash');
    d.replaceWithArticle('??skin rash', use('Remove the patch.'));
    expect(useReplyDraft.getState().text).toBe('Hello,\n\nRemove the patch.');
  });
});

describe('insert a link', () => {
  it('puts the title and the public address in the reply and records the use as a link of that version', () => {
    const view = { articleId: 'a.en', slug: 'a', locale: 'en' as const, fallback: false, locales: ['en' as const], title: 'Skin care', summary: '', version: 3, status: 'published' as const, products: [], html: '', text: 'Skin care\n\nlong text', passages: [], url: 'https://help.example.com/en/articles/a' };
    expect(articleLink(view, view.url)).toEqual({ articleId: 'a.en', slug: 'a', version: 3, locale: 'en', mode: 'link', passageId: null, text: 'Skin care: https://help.example.com/en/articles/a' });
  });
});

describe('shortcutQuery', () => {
  it.each([
    ['hi ??skin rash', { typed: '??skin rash', words: 'skin rash' }],
    ['??皮疹', { typed: '??皮疹', words: '皮疹' }],
    ['what?? really', null],
    ['??x', null],
    ['?? skin', null],
    ['??skin\nrash', null],
    ['', null],
  ])('%j', (draft, want) => {
    expect(shortcutQuery(draft)).toEqual(want);
  });
});

describe('rendering', () => {
  it('marks the matched words of a snippet, text escaped', () => {
    const html = renderToStaticMarkup(createElement(Marked, { h: { text: 'a <b> rash here', marks: [[6, 10]] } }));
    expect(html).toBe('<span>a &lt;b&gt; </span><mark>rash</mark><span> here</span>');
  });

  it('the article frame allows nothing to load or run', () => {
    const doc = articleSrcdoc('<p>x</p>');
    expect(doc).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(doc).toContain('<body><p>x</p></body>');
  });
});
