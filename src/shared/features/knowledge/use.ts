import type { ArticleUse } from '../../kernel/article-use';

export { ArticleUse } from '../../kernel/article-use';

/** The uses whose text is not in the body as sent: the agent changed or removed what was inserted. */
export function usesNotInBody(body: string, uses: readonly ArticleUse[]): ArticleUse[] {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').trim();
  const b = norm(body);
  return uses.filter((u) => !b.includes(norm(u.text)));
}
