/**
 * The knowledge panel on the desktop (issue 14): search and suggestions on the cache (FTS5 over the articles held as
 * reference data, the cached conversations for solved cases), article views rendered safely, and a reply that
 * records what it took from an article. All of it reads the local cache: it works offline.
 */
import { describe, expect, it, vi } from 'vitest';
import { knowledgeHandlers } from '../../../src/main/core/features/knowledge';
import { articleHtml, articleText } from '../../../src/main/core/features/knowledge/render';
import { KNOWLEDGE_SETTINGS, KNOWLEDGE_SETTINGS_ID, newId, OmnideskError, type Article, type GapReport } from '../../../src/shared';
import { GapLog } from '../../../src/main/core/features/knowledge/gaps';
import { rarestTerms, solvedQueries } from '../../../src/main/core/features/knowledge/solved-index';
import { silentLogger } from '../../../src/main/core/kernel/logger';
import { cleanupAfterEach } from '../../support/cleanups';
import { codeOf } from '../../support/error-code';
import { putArticles, shippedArticles } from '../../support/knowledge-set';
import { openStore, pullEvents, tempCachePath } from '../../support/temp-store';
import { at, caseOpened, customerCreated, makeCase, makeCustomer, makeThread, messageReceived, threadOpened } from './helpers/fixtures';

const TEAM = newId();
const PATCH = { kind: 'ecg_patch' as const, model: 'Vitalink CardioPatch 14', serial: 'CP14-0001', firmware: '2.1.0', warrantyUntil: '2027-12-31' };

describe('knowledge on the desktop (features/knowledge)', () => {
  const defer = cleanupAfterEach();

  function world(articles: Article[] = shippedArticles()) {
    const store = openStore(defer);
    putArticles(store, articles);
    const h = knowledgeHandlers({ store: () => store });
    return { store, h };
  }

  it('suggests the adhesive-irritation article in Chinese for a Chinese customer with an ECG patch, from their messages', async () => {
    const w = world();
    const customer = makeCustomer(TEAM, { language: 'zh', devices: [PATCH] });
    const k = makeCase(customer);
    const t = makeThread(k, { channel: 'chat' });
    pullEvents(w.store, [customerCreated(customer), caseOpened(k), threadOpened(t), messageReceived(t, '贴片下面的皮肤又红又痒，起了一片小疙瘩，还要继续贴吗？', at(2))]);
    const s = await w.h['knowledge.suggest']({ customerId: customer.id });
    expect(s.locale).toBe('zh-CN');
    expect(s.product).toBe('Vitalink CardioPatch 14');
    expect(s.articles[0]).toMatchObject({ slug: 'cardiopatch-skin-irritation', locale: 'zh-CN', fallback: false });
    expect(s.articles[0]!.snippet.marks.length).toBeGreaterThan(0);
  });

  it('the case on screen leads: its subject and messages come before an older solved case of the same customer', async () => {
    const w = world();
    const customer = makeCustomer(TEAM, { language: 'en', devices: [{ kind: 'cgm', model: 'Vitalink GlucoTrack G3', serial: 'G3-1', firmware: '3.3.1', warrantyUntil: '2027-12-31' }] });
    const old = makeCase(customer, { status: 'resolved', subject: 'Sensor fell off early' });
    const now = makeCase(customer, { subject: 'Data not syncing to the phone app', openedAt: at(10) });
    const t1 = makeThread(old, { channel: 'email' });
    const t2 = makeThread(now, { channel: 'email' });
    pullEvents(w.store, [
      customerCreated(customer),
      caseOpened(old),
      caseOpened(now),
      threadOpened(t1),
      threadOpened(t2),
      messageReceived(t1, 'My sensor fell off after two days, the adhesive does not stick in the heat and the skin under it is red', at(3)),
      messageReceived(t1, 'The replacement sensor fell off again at the gym, the adhesive patch peeled', at(4)),
      messageReceived(t2, 'I tried that, but the problem is still there.', at(12)),
    ]);
    const s = await w.h['knowledge.suggest']({ customerId: customer.id, caseId: now.id });
    // about syncing (the phone app's sync checks, or the sensor-to-phone link that leaves gaps), not the old case's adhesive
    const top = s.articles.map((a) => a.slug);
    expect(top.slice(0, 3).filter((slug) => slug === 'app-sync-troubleshooting' || slug === 'cgm-signal-loss-alert').length).toBeGreaterThan(0);
    expect(top).toContain('app-sync-troubleshooting');
    expect(top).not.toContain('cgm-sensor-fell-off');
    expect(top).not.toContain('cgm-skin-prep-adhesive');
  });

  it('what the agent types joins the suggestions', async () => {
    const w = world();
    const customer = makeCustomer(TEAM, { language: 'en', devices: [PATCH] });
    pullEvents(w.store, [customerCreated(customer)]);
    const s = await w.h['knowledge.suggest']({ customerId: customer.id, draft: 'about returning the patch by mail' });
    expect(s.articles.map((a) => a.slug)).toContain('cardiopatch-return-mail-back');
  });

  it.each([['"'], ['NEAR('], ['title:rash'], ['***'], ['AND OR NOT'], ['((('], ['-'], ['""""'], ['rash -'], ['\u0000'], ['😀💥'], ['سلام'], ['a'.repeat(20_000)]])(
    'a search for %.20s never throws',
    async (text) => {
      const w = world();
      const r = await w.h['knowledge.search']({ text, customerId: null, locale: 'en' });
      expect(Array.isArray(r.articles)).toBe(true);
    },
  );

  it('the search box leaves out articles with a minus word', async () => {
    const w = world();
    const all = await w.h['knowledge.search']({ text: 'skin rash itching', customerId: null, locale: 'en' });
    expect(all.articles.some((a) => a.slug.startsWith('cardiopatch'))).toBe(true);
    const r = await w.h['knowledge.search']({ text: 'skin rash itching -cardiopatch', customerId: null, locale: 'en' });
    expect(r.articles.length).toBeGreaterThan(0);
    expect(r.articles.some((a) => a.slug.startsWith('cardiopatch'))).toBe(false);
  });

  it('finds what customers name in their own words: "pulse ox", "jogging with my holter" (concepts on both sides)', async () => {
    const w = world();
    const ox = await w.h['knowledge.search']({ text: 'my pulse ox wants an update', customerId: null, locale: 'en' });
    expect(ox.articles[0]?.slug).toBe('bp-oxiclip-firmware-update');
    const jog = await w.h['knowledge.search']({ text: 'is it ok to go jogging with my holter on', customerId: null, locale: 'en' });
    expect(jog.articles.slice(0, 3).map((a) => a.slug)).toContain('cardiopatch-shower-exercise');
  });

  it('a cache indexed before concepts existed is indexed again once, so a concept search finds its article there too', async () => {
    const path = tempCachePath(defer);
    const old = openStore(defer, path);
    putArticles(old, shippedArticles());
    // as an older version left it: the same articles indexed, marked with the reference version alone, no concepts
    old.db.prepare('DELETE FROM kb_fts').run();
    old.meta.setFeatureValue('knowledge.indexed_version', String(old.reference.version()));
    old.close();
    const store = openStore(defer, path);
    const h = knowledgeHandlers({ store: () => store });
    const r = await h['knowledge.search']({ text: 'my pulse ox wants an update', customerId: null, locale: 'en' });
    expect(r.articles[0]?.slug).toBe('bp-oxiclip-firmware-update');
  });

  it('with no device on record, the model the customer names ranks its articles first', async () => {
    const w = world();
    const r = await w.h['knowledge.search']({ text: 'g4 warm up takes forever', customerId: null, locale: 'en' });
    expect(r.articles[0]?.slug).toBe('g4-sensor-insertion-warmup');
    // the G3's article says as much about warming up, but is for another model
    expect(r.articles.slice(0, 3).map((a) => a.slug)).not.toContain('g3-sensor-insertion-warmup');
  });

  it('only published articles are found; an article without the wanted translation falls back to English, clearly', async () => {
    const base = shippedArticles().filter((a) => a.slug === 'cardiopatch-skin-irritation' || a.slug === 'g4-pairing');
    const onlyEn = base.filter((a) => !(a.slug === 'g4-pairing' && a.locale === 'zh-CN'));
    const draft = { ...base.find((a) => a.id === 'cardiopatch-skin-irritation.en')!, id: 'secret-draft.en', slug: 'secret-draft', status: 'draft' as const, title: 'Pairing draft' };
    const w = world([...onlyEn, draft]);
    const r = await w.h['knowledge.search']({ text: 'pair pairing', customerId: null, locale: 'zh-CN' });
    expect(r.articles.map((a) => [a.slug, a.locale, a.fallback])).toContainEqual(['g4-pairing', 'en', true]);
    expect(r.articles.map((a) => a.slug)).not.toContain('secret-draft');
    const view = await w.h['knowledge.article']({ slug: 'g4-pairing', locale: 'zh-CN' });
    expect(view).toMatchObject({ locale: 'en', fallback: true, locales: ['en'] });
    await expect(codeOf(w.h['knowledge.article']({ slug: 'no-such', locale: 'en' }))).resolves.toBe('NOT_FOUND');
  });

  it('a new version from the server is what the next search shows (the index follows the reference data)', async () => {
    const w = world();
    const a = shippedArticles().find((x) => x.id === 'cardiopatch-skin-irritation.en')!;
    putArticles(w.store, [{ ...a, version: 2, title: 'Itching under the CardioPatch (revised)' }]);
    const v = await w.h['knowledge.article']({ slug: 'cardiopatch-skin-irritation', locale: 'en' });
    expect(v).toMatchObject({ version: 2, title: 'Itching under the CardioPatch (revised)' });
    const r = await w.h['knowledge.search']({ text: 'revised itching', customerId: null, locale: 'en' });
    expect(r.articles[0]).toMatchObject({ slug: 'cardiopatch-skin-irritation', version: 2 });
  });

  it('shows the most similar solved cases of other customers with how they were resolved', async () => {
    const w = world([]);
    const me = makeCustomer(TEAM, { language: 'en' });
    const other = makeCustomer(TEAM, { language: 'en', name: 'Other' });
    const solved = makeCase(other, { status: 'resolved', subject: 'Rash under patch' });
    const open = makeCase(other, { subject: 'Billing' });
    const t1 = makeThread(solved, { channel: 'email' });
    const t2 = makeThread(open, { channel: 'email' });
    const reply = { ...messageReceived(t1, 'Please remove the patch and see your clinic; we sent a hypoallergenic one.', at(5)), kind: 'message.sent', author: { type: 'agent', id: newId(), name: 'A' }, meta: { subject: null, deliveryStatus: 'sent' } };
    pullEvents(w.store, [
      customerCreated(me),
      customerCreated(other),
      caseOpened(solved),
      caseOpened(open),
      threadOpened(t1),
      threadOpened(t2),
      messageReceived(t1, 'Itchy rash under the adhesive patch after three days', at(3)),
      reply as never,
      messageReceived(t2, 'Itchy rash under the adhesive patch, also billing', at(4)),
    ]);
    const r = await w.h['knowledge.search']({ text: 'rash under the adhesive', customerId: me.id, locale: 'en' });
    expect(r.cases).toHaveLength(1);
    expect(r.cases[0]).toMatchObject({ caseId: solved.id, subject: 'Rash under patch', resolution: expect.stringContaining('hypoallergenic') });
    // the customer's own cases are not "similar cases"
    expect((await w.h['knowledge.search']({ text: 'rash under the adhesive', customerId: other.id, locale: 'en' })).cases).toEqual([]);
  });

  it('similar cases: rare words are asked together; when even the rarest are in many cases, cases holding both come first', () => {
    const store = openStore(defer);
    const terms = store.db.prepare('INSERT INTO kb_solved_terms (term, cases) VALUES (?, ?)');
    for (const [t, n] of [['rash', 40], ['adhesive', 900], ['sensor', 15_000], ['app', 30_000]] as const) terms.run(t, n);
    // rare words: one OR of the rarest, within the budget of cases to rank
    expect(solvedQueries(store, ['sensor', 'rash', 'adhesive', 'unknown'])).toEqual(['"rash" OR "adhesive"']);
    expect(rarestTerms(store, ['app', 'sensor', 'rash'], 8, 20_000)).toEqual(['rash', 'sensor']);
    expect(rarestTerms(store, ['app', 'sensor', 'rash'])).toEqual(['rash']);
    // only everyday words: their intersection first, then the rarest alone
    expect(solvedQueries(store, ['app', 'sensor'])).toEqual(['"sensor" AND "app"', '"sensor"']);
    expect(solvedQueries(store, ['unknown'])).toEqual([]);
  });

  it('links an article on the public help center only when the org configured one', async () => {
    const w = world();
    expect((await w.h['knowledge.article']({ slug: 'cardiopatch-skin-irritation', locale: 'zh-CN' })).url).toBeNull();
    const v = w.store.reference.version() + 1;
    w.store.reference.apply({ items: [{ kind: KNOWLEDGE_SETTINGS.kind, id: KNOWLEDGE_SETTINGS_ID, version: v, teamIds: [], data: { helpCenterUrl: 'https://help.example.com/' }, deleted: false }], next: v });
    const view = await w.h['knowledge.article']({ slug: 'cardiopatch-skin-irritation', locale: 'zh-CN' });
    expect(view.url).toBe('https://help.example.com/zh-CN/articles/cardiopatch-skin-irritation');
  });

  it('drafts an article from a solved case: its subject, question and the reply that solved it, without the customer', async () => {
    const w = world();
    const customer = makeCustomer(TEAM, { language: 'en', name: 'Maria Lopez', devices: [PATCH] });
    const k = makeCase(customer, { status: 'resolved', subject: 'Skin rash under the patch' });
    const t = makeThread(k, { channel: 'email' });
    const reply = { ...messageReceived(t, 'Hello Maria,\nPlease remove the patch, wash the skin and place the next one 2 cm away.\nRegards', at(5)), kind: 'message.sent', author: { type: 'agent', id: newId(), name: 'A' }, meta: { subject: null, deliveryStatus: 'sent' } };
    pullEvents(w.store, [customerCreated(customer), caseOpened(k), threadOpened(t), messageReceived(t, 'Itchy red rash under the ECG patch. Maria, maria@example.com, serial CP14-0001', at(3)), reply as never]);
    const d = await w.h['knowledge.proposal']({ caseId: k.id });
    expect(d).toMatchObject({ locale: 'en', title: 'Skin rash under the patch', category: 'skin', products: ['Vitalink CardioPatch 14'], deviceKinds: ['ecg_patch'] });
    expect(d.body).toContain('Please remove the patch, wash the skin and place the next one 2 cm away.');
    expect(d.body).toContain('Itchy red rash under the ECG patch. [name], [email], serial [number]');
    expect(d.body).not.toMatch(/Maria|Hello|Regards/);
    expect(await codeOf(w.h['knowledge.proposal']({ caseId: newId() }))).toBe('NOT_FOUND');
  });
});

describe('knowledge gaps on the desktop (features/knowledge/gaps)', () => {
  const defer = cleanupAfterEach();

  function world(send: (r: GapReport) => Promise<void>) {
    const store = openStore(defer);
    putArticles(store, shippedArticles());
    const gaps = new GapLog({ store: () => store, send, logger: silentLogger, flushMs: 60_000, retryMs: 60_000 });
    defer(() => gaps.stop());
    const rows = () => store.db.prepare('SELECT locale, query, count, sending FROM kb_gaps ORDER BY query').all();
    return { store, gaps, rows };
  }

  it('only a search that finds nothing is a gap, in the customer’s language, its words normalized', async () => {
    const store = openStore(defer);
    putArticles(store, shippedArticles());
    const h = knowledgeHandlers({ store: () => store, gaps: { flushMs: 60_000 } });
    expect(await h['knowledge.gap']({ text: 'skin rash', customerId: null, locale: 'en' })).toEqual({ recorded: false });
    expect(await h['knowledge.gap']({ text: '  Blorf   QWXZ  ', customerId: null, locale: 'en' })).toEqual({ recorded: true });
    expect(await h['knowledge.gap']({ text: 'blorf qwxz', customerId: null, locale: 'en' })).toEqual({ recorded: true });
    expect(await h['knowledge.gap']({ text: '"', customerId: null, locale: 'en' })).toEqual({ recorded: false });
    // in Chinese, single characters match almost any article: a search matched by nothing more is a gap too
    expect(await h['knowledge.gap']({ text: '退款', customerId: null, locale: 'zh-CN' })).toEqual({ recorded: false });
    expect(await h['knowledge.gap']({ text: '钛合金', customerId: null, locale: 'zh-CN' })).toEqual({ recorded: true });
    expect(store.db.prepare('SELECT locale, query, count FROM kb_gaps ORDER BY locale').all()).toEqual([
      { locale: 'en', query: 'blorf qwxz', count: 2 },
      { locale: 'zh-CN', query: '钛合金', count: 1 },
    ]);
  });

  it('offline, gaps are kept and re-sent with the same ids; a search while a report is in flight counts apart; a delivered report is gone', async () => {
    const sent: GapReport[] = [];
    let up = false;
    let release: () => void = () => undefined;
    const w = world(async (r) => {
      if (!up) throw new OmnideskError('UNAVAILABLE', 'offline');
      sent.push(structuredClone(r));
      await new Promise<void>((res) => (release = res));
    });
    w.gaps.record('en', 'blorf qwxz');
    w.gaps.record('en', 'blorf qwxz');
    await w.gaps.flush();
    expect(w.gaps.pending()).toBe(1);
    up = true;
    const flushing = w.gaps.flush();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    // counted while the report is on its way: a fresh row, not added to the one being sent
    w.gaps.record('en', 'blorf qwxz');
    expect(w.rows()).toEqual([
      { locale: 'en', query: 'blorf qwxz', count: 2, sending: 1 },
      { locale: 'en', query: 'blorf qwxz', count: 1, sending: 0 },
    ]);
    release();
    await flushing;
    expect(sent[0]!.gaps).toMatchObject([{ locale: 'en', query: 'blorf qwxz', count: 2 }]);
    const firstId = sent[0]!.gaps[0]!.id;
    expect(w.rows()).toEqual([{ locale: 'en', query: 'blorf qwxz', count: 1, sending: 0 }]);
    const again = w.gaps.flush();
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    release();
    await again;
    expect(sent[1]!.gaps[0]!.id).not.toBe(firstId);
    expect(w.gaps.pending()).toBe(0);
  });

  it('a batch the server refuses for good is dropped, not retried forever', async () => {
    const w = world(async () => {
      throw new OmnideskError('INVALID_ARGUMENT', 'no');
    });
    w.gaps.record('zh-CN', '钛合金表带');
    await w.gaps.flush();
    expect(w.gaps.pending()).toBe(0);
  });
});

describe('article rendering is safe', () => {
  it('drops script, event handlers, javascript: links and images; keeps the text', () => {
    const html = articleHtml('Hello <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) <a href="https://ok.example" onclick="x()">ok</a>');
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<img/i);
    expect(html).toContain('href="https://ok.example"');
  });

  it('broken Markdown renders without throwing', () => {
    for (const md of ['**unclosed', '| a |\n|---', '[link](', '```\nnever closed', '> > > >'.repeat(500), '<div><div><div>', '\u0000\uffff']) {
      expect(typeof articleHtml(md)).toBe('string');
      expect(typeof articleText('t', md)).toBe('string');
    }
  });

  it('a huge table is cut to 200 rows', () => {
    const md = `| a | b |\n|---|---|\n${Array.from({ length: 5000 }, (_, i) => `| ${i} | x |`).join('\n')}`;
    expect(articleHtml(md).match(/<tr>/g)!.length).toBe(201);
    expect(articleText('t', md).split('\n').length).toBeLessThan(210);
  });

  it('controlled passages are marked in the HTML and plain in the text', () => {
    const md = 'Intro\n\n:::controlled id=stop\nRemove the **patch**.\n:::';
    expect(articleHtml(md)).toContain('<aside class="kb-controlled" data-passage="stop"><p>Remove the <strong>patch</strong>.</p>');
    expect(articleText('Title', md)).toBe('Title\n\nIntro\n\nRemove the patch.');
  });
});
