import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { Article, articleSetProblems, KNOWLEDGE_ARTICLE, KNOWLEDGE_SETTINGS, KNOWLEDGE_SETTINGS_ID, parseArticleFile, type ArticleFileError } from '../../../shared/index';
import type { Db, Queryable } from '../../kernel/db/types';
import { putReference } from '../../kernel/reference/index';

/** The articles the server holds now, by id (reference data of kind knowledge.article, live ones only). */
export async function storedArticles(q: Queryable): Promise<Map<string, Article>> {
  const { rows } = await q.query<{ data: unknown }>('select data from reference_items where kind = $1 and not deleted', [KNOWLEDGE_ARTICLE.kind]);
  const out = new Map<string, Article>();
  for (const r of rows) {
    // written through the kind's schema, so a parse failure here is a newer shape: skipped
    const a = Article.safeParse(r.data);
    if (a.success) out.set(a.data.id, a.data);
  }
  return out;
}

/**
 * At start-up: the shipped articles of `dir` (resources/knowledge, `<slug>.<locale>.md`). A file is imported when
 * its article is new on this server or when the file carries a higher version than the stored one, so a lead's
 * newer version written in the app is never overwritten by an older shipped file. A file that does not parse is
 * refused with file, line and reason and the rest are imported; a translation whose source is missing is refused.
 */
export async function importShippedArticles(db: Db, dir: string, log: Pick<Logger, 'info' | 'error'>): Promise<{ imported: string[]; errors: ArticleFileError[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
  } catch {
    log.info({ dir }, 'no knowledge resources folder');
    return { imported: [], errors: [] };
  }
  const errors: ArticleFileError[] = [];
  const parsed: Article[] = [];
  for (const name of names) {
    const r = parseArticleFile(name, await readFile(join(dir, name), 'utf8'));
    if (r.ok) parsed.push(r.article);
    else errors.push(...r.errors);
  }
  const refused = new Set<string>();
  for (const p of articleSetProblems(parsed)) {
    refused.add(p.id);
    errors.push({ file: `${p.id}.md`, line: 1, reason: p.reason });
  }
  for (const e of errors) log.error({ file: e.file, line: e.line, reason: e.reason }, 'knowledge article refused');
  const imported = await db.transaction(async (tx) => {
    const stored = await storedArticles(tx);
    const todo = parsed.filter((a) => !refused.has(a.id) && (stored.get(a.id)?.version ?? 0) < a.version);
    await putReference(tx, KNOWLEDGE_ARTICLE, todo.map((a) => ({ id: a.id, teamIds: [], data: a })));
    return todo.map((a) => a.id);
  });
  if (imported.length) log.info({ count: imported.length }, 'knowledge articles imported');
  return { imported, errors };
}

/**
 * At start-up: the org's knowledge settings as reference data, so every desktop can link articles on the public help
 * center (null: no link offered). Written unchanged, it keeps its version: no desktop pulls it again.
 */
export async function publishKnowledgeSettings(db: Db, helpCenterUrl: string | null): Promise<void> {
  await db.transaction((tx) => putReference(tx, KNOWLEDGE_SETTINGS, [{ id: KNOWLEDGE_SETTINGS_ID, teamIds: [], data: { helpCenterUrl } }]));
}
