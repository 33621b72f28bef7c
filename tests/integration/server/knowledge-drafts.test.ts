import { afterAll, beforeAll, expect, it } from 'vitest';
import { ingestInbound } from '../../../src/server/channels/ingest';
import { storedArticles } from '../../../src/server/features/knowledge';
import { DEMO_TEAMS } from '../../../src/server/seed';
import type { DraftArticle, Mutation } from '../../../src/shared';
import { captureLogger, inbound } from '../channels/helpers';
import { forEachDatabase } from '../helpers/databases';
import { mutation, push, startTestServer, type TestServer } from '../helpers/server';

/**
 * "Create an article from this case" (issue 14): an agent's draft from a solved case — pushed like any change, so
 * made offline too — becomes an article in the review queue on the server, in the push's transaction: never
 * published by this path, never twice for a retried push, under a slug no other article holds.
 */
const en: DraftArticle = {
  locale: 'en',
  title: 'Patch itches after a shower',
  category: 'skin',
  summary: 'Red, itchy skin under the patch after showering.',
  products: ['Vitalink CardioPatch 14'],
  deviceKinds: ['ecg_patch'],
  body: '## The problem\nItchy skin.\n\n## What solved it\nDry the skin fully before a new patch.',
};

forEachDatabase('knowledge articles drafted from solved cases', (ctx) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 2 });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('an agent drafts from a solved case: the article waits in review; a Chinese draft brings its English source to translate; a retried push drafts nothing twice', async () => {
    const r = await ingestInbound({ db: ctx.db, poke: () => undefined, logger: captureLogger() }, inbound({ body: 'My chest patch itches after a shower', teamHint: DEMO_TEAMS.glucose.id }));
    const alice = await t.connect(await t.token('alice'));
    const draft = (article: DraftArticle, id?: string): Mutation => mutation('knowledge.draft', { customerId: r.customerId!, caseId: r.caseId!, article }, id);

    // only from a solved case
    const early = await push(alice, [draft(en)]);
    expect(early.results[0]).toMatchObject({ status: 'rejected', error: { code: 'CONFLICT' } });
    expect((await push(alice, [mutation('case.setStatus', { caseId: r.caseId!, status: 'resolved' })])).results[0]!.status).toBe('applied');

    const first = draft(en);
    const zh = draft({ ...en, locale: 'zh-CN', title: '洗澡后贴片处发痒', body: '## 问题\n发痒。' });
    const again = draft(en);
    const pushed = await push(alice, [first, zh, again]);
    expect(pushed.results.map((x) => x.status)).toEqual(['applied', 'applied', 'applied']);
    const stored = await storedArticles(ctx.db);
    expect(stored.get('patch-itches-after-a-shower.en')).toMatchObject({ status: 'in_review', version: 1, title: en.title, category: 'skin', products: en.products, body: en.body, translationOf: null });
    // the Chinese title has no latin words: the slug is the case's; the English source holds the text to translate
    const zhSlug = [...stored.values()].find((a) => a.locale === 'zh-CN' && a.title === '洗澡后贴片处发痒')!.slug;
    expect(zhSlug).toMatch(/^case-[0-9a-f]{12}$/);
    expect(stored.get(`${zhSlug}.zh-CN`)).toMatchObject({ status: 'in_review', translationOf: `${zhSlug}.en`, body: '## 问题\n发痒。' });
    expect(stored.get(`${zhSlug}.en`)).toMatchObject({ status: 'draft' });
    expect(stored.get(`${zhSlug}.en`)!.body).toContain('translate');
    // the same title again: a slug of its own
    expect(stored.get('patch-itches-after-a-shower-2.en')).toMatchObject({ status: 'in_review' });

    // the desktop retries a push whose answer it lost: nothing is drafted twice
    const retried = await push(alice, [first]);
    expect(retried.results[0]!.status).toBe('duplicate');
    const after = await storedArticles(ctx.db);
    expect(after.size).toBe(stored.size);
    alice.disconnect();
    // a draft is in the log as the agent's change; its text never reaches the server's log
    expect(t.logs()).not.toContain('Dry the skin fully');
  });
});
