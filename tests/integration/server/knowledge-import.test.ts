import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { importShippedArticles, publishKnowledgeSettings, storedArticles } from '../../../src/server/features/knowledge';
import { putReference } from '../../../src/server/kernel/reference';
import { KNOWLEDGE_ARTICLE, KNOWLEDGE_SETTINGS } from '../../../src/shared';
import { captureLogger } from '../channels/helpers';
import { forEachDatabase } from '../helpers/databases';

/**
 * Knowledge articles on the server (issue 14): the shipped articles become reference data at start, once; a newer
 * shipped version replaces the stored one while a lead's newer version is kept; a broken file is refused with file,
 * line and reason and the others still import.
 */
const SHIPPED = fileURLToPath(new URL('../../../resources/knowledge', import.meta.url));
const SKIN_EN = readFileSync(join(SHIPPED, 'cardiopatch-skin-irritation.en.md'), 'utf8');
const SKIN_ZH = readFileSync(join(SHIPPED, 'cardiopatch-skin-irritation.zh-CN.md'), 'utf8');

forEachDatabase('knowledge articles imported at start', (ctx) => {
  const log = captureLogger();

  it('imports every shipped article in both languages once; again, nothing changes', async () => {
    const r = await importShippedArticles(ctx.db, SHIPPED, log);
    expect(r.errors).toEqual([]);
    expect(r.imported.length).toBeGreaterThanOrEqual(80);
    const stored = await storedArticles(ctx.db);
    const en = [...stored.values()].filter((a) => a.locale === 'en');
    const zh = [...stored.values()].filter((a) => a.locale === 'zh-CN');
    expect(en.length).toBeGreaterThanOrEqual(40);
    expect(zh.length).toBeGreaterThanOrEqual(40);
    expect(stored.get('cardiopatch-skin-irritation.zh-CN')).toMatchObject({ translationOf: 'cardiopatch-skin-irritation.en', status: 'published' });
    expect(await importShippedArticles(ctx.db, SHIPPED, log)).toEqual({ imported: [], errors: [] });
  });

  it('a shipped file with a higher version replaces the stored one; a lead’s newer version is not overwritten by an older file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-import-'));
    writeFileSync(join(dir, 'cardiopatch-skin-irritation.en.md'), SKIN_EN.replace('version: 1', 'version: 2').replace('Mild itching is common.', 'Mild itching is common and harmless.'));
    expect((await importShippedArticles(ctx.db, dir, log)).imported).toEqual(['cardiopatch-skin-irritation.en']);
    expect((await storedArticles(ctx.db)).get('cardiopatch-skin-irritation.en')).toMatchObject({ version: 2, body: expect.stringContaining('common and harmless') });

    const lead = { ...(await storedArticles(ctx.db)).get('cardiopatch-skin-irritation.zh-CN')!, version: 3, title: '负责人修订的标题' };
    await ctx.db.transaction((tx) => putReference(tx, KNOWLEDGE_ARTICLE, [{ id: lead.id, teamIds: [], data: lead }]));
    writeFileSync(join(dir, 'cardiopatch-skin-irritation.zh-CN.md'), SKIN_ZH.replace('version: 1', 'version: 2'));
    expect((await importShippedArticles(ctx.db, dir, log)).imported).toEqual([]);
    expect((await storedArticles(ctx.db)).get('cardiopatch-skin-irritation.zh-CN')!.title).toBe('负责人修订的标题');
  });

  it('a broken file is refused with file, line and reason, an orphan translation too; the good ones import', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-broken-'));
    writeFileSync(join(dir, 'new-article.en.md'), SKIN_EN.replaceAll('cardiopatch-skin-irritation', 'new-article'));
    writeFileSync(join(dir, 'bad-status.en.md'), SKIN_EN.replaceAll('cardiopatch-skin-irritation', 'bad-status').replace('status: published', 'status: live'));
    writeFileSync(join(dir, 'orphan.zh-CN.md'), SKIN_ZH.replaceAll('cardiopatch-skin-irritation', 'orphan'));
    const r = await importShippedArticles(ctx.db, dir, log);
    expect(r.imported).toEqual(['new-article.en']);
    expect(r.errors).toEqual([
      { file: 'bad-status.en.md', line: 11, reason: expect.stringContaining('status') },
      { file: 'orphan.zh-CN.md', line: 1, reason: 'its source orphan.en does not exist' },
    ]);
    // the log names files and reasons, never an article's text
    expect(log.text()).not.toContain('Mild itching');
  });

  it('the help center address reaches the desktops as reference data; unchanged, it keeps its version; not a web address, refused', async () => {
    const version = async () => {
      const { rows } = await ctx.db.query<{ version: unknown; data: unknown }>('select version, data from reference_items where kind = $1', [KNOWLEDGE_SETTINGS.kind]);
      return { version: Number(rows[0]?.version), data: rows[0]?.data };
    };
    await publishKnowledgeSettings(ctx.db, 'https://help.example.com');
    const first = await version();
    expect(first.data).toEqual({ helpCenterUrl: 'https://help.example.com' });
    await publishKnowledgeSettings(ctx.db, 'https://help.example.com');
    expect((await version()).version).toBe(first.version);
    await expect(publishKnowledgeSettings(ctx.db, 'javascript:alert(1)')).rejects.toThrow();
    await publishKnowledgeSettings(ctx.db, null);
    expect((await version()).data).toEqual({ helpCenterUrl: null });
  });
});
