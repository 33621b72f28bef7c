import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ingestInbound } from '../../../src/server/channels/ingest';
import { importShippedArticles, storedArticles } from '../../../src/server/features/knowledge';
import { DEMO_TEAMS } from '../../../src/server/seed';
import { newId, SYNC_EVENTS, type ArticlePut } from '../../../src/shared';
import { captureLogger, inbound } from '../channels/helpers';
import { forEachDatabase } from '../helpers/databases';
import { errorOf, httpCall, mutation, push, startTestServer, type TestServer } from '../helpers/server';

/**
 * Articles written in the app (issue 14): specialists write drafts, a lead or an admin publishes (the review step);
 * every change is a new version, a stale save is refused, a broken body is refused with its line, and every desktop
 * is told to pull (a poke carrying the reference version). Nothing of an article reaches the log.
 */
const SHIPPED = fileURLToPath(new URL('../../../resources/knowledge', import.meta.url));

const draft = (over: Partial<ArticlePut> = {}): ArticlePut => ({
  title: 'Patch adhesive in hot weather',
  translationOf: null,
  products: ['Vitalink CardioPatch 14'],
  deviceKinds: ['ecg_patch'],
  firmware: '*',
  category: 'skin',
  status: 'draft',
  summary: 'Keeping the patch on when it is hot.',
  keywords: ['sweaty patch'],
  body: 'Keep cool.\n\n:::controlled id=heat-stop\nRemove the patch if the skin burns.\n:::\n',
  baseVersion: 0,
  ...over,
});

forEachDatabase('knowledge articles written in the app', (ctx) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 4 });
    await importShippedArticles(ctx.db, SHIPPED, captureLogger());
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });
  const put = async (who: string, id: string, body: unknown) => httpCall(t, 'PUT', `/api/knowledge/articles/${id}`, await t.token(who), body);

  it('a specialist writes a draft and sends it for review; only a lead publishes it, as a new version every desktop pulls', async () => {
    let res = await put('dr.wang', 'heat-adhesive.en', draft());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 'heat-adhesive.en', slug: 'heat-adhesive', locale: 'en', version: 1, status: 'draft', changed: true });
    res = await put('dr.wang', 'heat-adhesive.en', draft({ status: 'in_review', baseVersion: 1 }));
    expect(await res.json()).toMatchObject({ version: 2, status: 'in_review' });
    res = await put('dr.wang', 'heat-adhesive.en', draft({ status: 'published', baseVersion: 2 }));
    expect(res.status).toBe(403);

    const alice = await t.connect(await t.token('alice'));
    const poked = new Promise<{ seq: number; ref?: number }>((resolve) => alice.on(SYNC_EVENTS.poke, resolve));
    res = await put('lena', 'heat-adhesive.en', draft({ status: 'published', baseVersion: 2 }));
    expect(await res.json()).toMatchObject({ version: 3, status: 'published', changed: true });
    expect((await poked).ref).toBeGreaterThan(0);
    alice.disconnect();
    expect((await storedArticles(ctx.db)).get('heat-adhesive.en')).toMatchObject({ version: 3, status: 'published', keywords: ['sweaty patch'] });
  });

  it('a specialist may not change what is published; saving unchanged changes nothing; a stale save is a conflict', async () => {
    expect((await put('dr.wang', 'heat-adhesive.en', draft({ status: 'draft', baseVersion: 3 }))).status).toBe(403);
    const same = await put('lena', 'heat-adhesive.en', draft({ status: 'published', baseVersion: 3 }));
    expect(await same.json()).toMatchObject({ version: 3, changed: false });
    const stale = await put('admin', 'heat-adhesive.en', draft({ status: 'published', title: 'Old copy', baseVersion: 2 }));
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).message).toContain('version 3');
  });

  it('refuses an agent, a broken body with its line, a translation without its source, a bad id', async () => {
    expect((await put('alice', 'x-new.en', draft())).status).toBe(403);
    const broken = await put('lena', 'x-broken.en', draft({ body: 'Intro\n:::controlled id=a\nnever closed' }));
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).message).toContain('line 2');
    const orphan = await put('lena', 'no-source.zh-CN', draft({ translationOf: 'no-source.en' }));
    expect(orphan.status).toBe(400);
    expect((await put('lena', 'Bad Id', draft())).status).toBe(400);
    // the log names ids and versions, never an article's text
    expect(t.logs()).not.toContain('Remove the patch if the skin burns');
  });

  it('the lead sees per article how often replies carried it, agents’ verdicts and the cases solved with it; an agent does not', async () => {
    const r = await ingestInbound({ db: ctx.db, poke: () => undefined, logger: captureLogger() }, inbound({ body: 'My chest patch itches, can I keep it on?', teamHint: DEMO_TEAMS.glucose.id }));
    const alice = await t.connect(await t.token('alice'));
    const text = 'Remove the patch if the skin burns.';
    const use = { articleId: 'heat-adhesive.en', slug: 'heat-adhesive', version: 3, locale: 'en' as const, mode: 'passage' as const, passageId: 'heat-stop', text };
    const pushed = await push(alice, [
      mutation('reply.send', { caseId: r.caseId!, threadId: r.threadId!, body: `Hello,\n\n${text}`, articles: [use] }),
      mutation('knowledge.feedback', { customerId: r.customerId!, caseId: r.caseId!, articleId: 'heat-adhesive.en', slug: 'heat-adhesive', version: 3, locale: 'en', verdict: 'helpful', comment: null }),
      mutation('knowledge.feedback', { customerId: r.customerId!, caseId: r.caseId!, articleId: 'heat-adhesive.en', slug: 'heat-adhesive', version: 3, locale: 'en', verdict: 'wrong', comment: 'says 14 days, the patch is 7' }),
      mutation('case.setStatus', { caseId: r.caseId!, status: 'resolved' }),
    ]);
    expect(pushed.results.map((x) => x.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    // a reply whose controlled passage was edited is refused, so the record never claims text that was not sent
    const edited = await push(alice, [mutation('reply.send', { caseId: r.caseId!, threadId: r.threadId!, body: 'Remove the patch if it itches.', articles: [use] })]);
    expect(edited.results[0]).toMatchObject({ status: 'rejected', error: { code: 'INVALID_ARGUMENT' } });
    alice.disconnect();

    const res = await httpCall(t, 'GET', '/api/knowledge/stats', await t.token('lena'));
    expect(res.status).toBe(200);
    const { articles } = (await res.json()) as { articles: unknown[] };
    expect(articles).toContainEqual({ slug: 'heat-adhesive', locale: 'en', uses: 1, helpful: 1, notHelpful: 0, wrong: 1, resolvedCases: 1 });
    expect((await httpCall(t, 'GET', '/api/knowledge/stats', await t.token('alice'))).status).toBe(403);
  });

  it('knowledge gaps: each desktop report counted once per entry, per language, most searched first; the words never logged', async () => {
    const gap = (query: string, locale: 'en' | 'zh-CN', count = 1) => ({ id: newId(), locale, query, count, at: new Date().toISOString() });
    const report = { gaps: [gap('blorf qwxz', 'en', 3), gap('钛合金', 'zh-CN')] };
    const post = async (who: string, body: unknown) => httpCall(t, 'POST', '/api/knowledge/gaps', await t.token(who), body);
    expect(await (await post('alice', report)).json()).toEqual({ recorded: 2 });
    // the same report again (its answer was lost): nothing counted twice
    expect(await (await post('alice', report)).json()).toEqual({ recorded: 0 });
    expect(await (await post('dr.wang', { gaps: [gap('  BLORF qwxz ', 'en'), gap('zzyzx road', 'en')] })).json()).toEqual({ recorded: 2 });
    expect((await post('alice', { gaps: [] })).status).toBe(400);
    expect((await post('alice', { gaps: [{ ...gap('ok words', 'en'), locale: 'fr' }] })).status).toBe(400);

    const { gaps } = (await (await httpCall(t, 'GET', '/api/knowledge/stats', await t.token('lena'))).json()) as { gaps: Array<{ locale: string; query: string; searches: number; agents: number }> };
    expect(gaps.map(({ locale, query, searches, agents }) => ({ locale, query, searches, agents }))).toEqual([
      { locale: 'en', query: 'blorf qwxz', searches: 4, agents: 2 },
      { locale: 'en', query: 'zzyzx road', searches: 1, agents: 1 },
      { locale: 'zh-CN', query: '钛合金', searches: 1, agents: 1 },
    ]);
    expect(t.logs()).not.toContain('blorf');
    expect(t.logs()).not.toContain('钛合金');
  });
});
