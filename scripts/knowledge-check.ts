/**
 * Checks knowledge article files (issue 14) the way the server imports them: prints "file:line: reason" for every
 * problem and exits 1, or a summary of the articles. `npx tsx scripts/knowledge-check.ts [folder]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { articleSetProblems, parseArticleFile, type Article } from '../src/shared/features/knowledge';

const dir = resolve(process.argv[2] ?? 'resources/knowledge');
const problems: string[] = [];
const articles: Article[] = [];
for (const name of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort()) {
  const r = parseArticleFile(name, readFileSync(join(dir, name), 'utf8'));
  if (r.ok) articles.push(r.article);
  else problems.push(...r.errors.map((e) => `${e.file}:${e.line}: ${e.reason}`));
}
problems.push(...articleSetProblems(articles).map((p) => `${p.id}.md:1: ${p.reason}`));
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
const count = (l: string) => articles.filter((a) => a.locale === l).length;
const keywords = articles.reduce((n, a) => n + a.keywords.length, 0);
console.log(`${articles.length} articles (${count('en')} English, ${count('zh-CN')} Chinese), ${keywords} keywords`);
