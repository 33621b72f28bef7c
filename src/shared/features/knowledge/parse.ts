import { LineCounter, parseDocument } from 'yaml';
import { Article } from './article';
import { articleBlocks } from './passages';

/**
 * Reading an article file (`<slug>.<locale>.md`): YAML front matter between `---` lines, then the Markdown body.
 * Anything wrong is refused with the file, the line and the reason (the same shape as escalation's files).
 */
export interface ArticleFileError {
  file: string;
  line: number;
  reason: string;
}

export type ArticleParse = { ok: true; article: Article } | { ok: false; errors: ArticleFileError[] };

const MAX_FILE_CHARS = 200_000;

export function parseArticleFile(file: string, text: string): ArticleParse {
  const fail = (line: number, reason: string): ArticleParse => ({ ok: false, errors: [{ file, line, reason }] });
  if (text.length > MAX_FILE_CHARS) return fail(0, `the file is larger than ${MAX_FILE_CHARS} characters`);
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const m = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(src);
  if (!m) return fail(1, 'the file does not start with front matter between --- lines');
  const lines = new LineCounter();
  const doc = parseDocument(m[1]!, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return { ok: false, errors: doc.errors.map((e) => ({ file, line: 1 + (e.linePos?.[0]?.line ?? 1), reason: `front matter is not valid YAML: ${e.message.split('\n')[0]}` })) };
  }
  const body = src.slice(m[0].length);
  const bodyLine = m[0].split('\n').length; // the body's first line, 1-based
  const front = doc.toJS() as unknown;
  if (!front || typeof front !== 'object' || Array.isArray(front)) return fail(2, 'the front matter is not a mapping');
  const parsed = Article.safeParse({ ...(front as Record<string, unknown>), body });
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => {
        const key = i.path[0];
        const node = typeof key === 'string' ? (doc.get(key, true) as { range?: [number, number, number] } | undefined) : undefined;
        const line = node?.range ? 1 + lines.linePos(node.range[0]).line : 2;
        return { file, line, reason: `${i.path.join('.') || 'front matter'}: ${i.message}` };
      }),
    };
  }
  const expected = `${parsed.data.slug}.${parsed.data.locale}.md`;
  if (!file.endsWith(expected)) return fail(2, `the file name should be ${expected}`);
  const blocks = articleBlocks(body);
  if (blocks.errors.length) return { ok: false, errors: blocks.errors.map((e) => ({ file, line: bodyLine - 1 + e.line, reason: e.reason })) };
  return { ok: true, article: parsed.data };
}

/** Checks a set of articles together: every translation's source exists and shares its slug and version. */
export function articleSetProblems(articles: readonly Article[]): { id: string; reason: string }[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const out: { id: string; reason: string }[] = [];
  for (const a of articles) {
    if (a.translationOf === null) continue;
    const src = byId.get(a.translationOf);
    if (!src) out.push({ id: a.id, reason: `its source ${a.translationOf} does not exist` });
    else if (src.slug !== a.slug) out.push({ id: a.id, reason: `its source ${src.id} has another slug` });
  }
  return out;
}
