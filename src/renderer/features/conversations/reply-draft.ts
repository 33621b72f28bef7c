import { create } from 'zustand';
import type { ArticleUse } from '../../../shared/features/knowledge';
import type { CaseStatus } from '../../../shared/kernel/case';

/**
 * The reply being written, shared so another panel can add to it: a script's suggested phrase (issue 13), an
 * article or one of its controlled passages from the knowledge panel (issue 14). The composer owns it and empties it
 * when a reply is sent or another customer is opened. `uses` remembers what came from the knowledge base, so the
 * sent reply records the article, version, language and exact text.
 */
interface ReplyDraft {
  text: string;
  uses: ArticleUse[];
  /** a macro's status for the case once the reply is sent (issue 15) */
  status: CaseStatus | null;
  /** macros' tags for the case once the reply is sent (issue 15) */
  tags: string[];
  /** placeholders a macro could not fill: the agent completes them */
  missing: string[];
  /** replaces `before#shortcut` with `before` + the macro's filled text */
  insertMacro(before: string, text: string, effects: { status: CaseStatus | null; tags: readonly string[] }, missing: string[]): void;
  set(text: string): void;
  /** appends a phrase on its own paragraph */
  insert(phrase: string): void;
  /** appends text taken from an article and remembers where it came from */
  insertArticle(use: ArticleUse): void;
  /** replaces `from` (a `??words` shortcut the agent typed) with the article's text */
  replaceWithArticle(from: string, use: ArticleUse): void;
  clear(): void;
}

const appended = (text: string, phrase: string) => (text.trim() === '' ? phrase : `${text.replace(/\s+$/, '')}\n\n${phrase}`);

export const useReplyDraft = create<ReplyDraft>((set) => ({
  text: '',
  uses: [],
  status: null,
  tags: [],
  missing: [],
  insertMacro: (before, text, effects, missing) =>
    set((s) => ({ text: `${before}${text}`, status: effects.status ?? s.status, tags: [...new Set([...s.tags, ...effects.tags])], missing: [...new Set([...s.missing, ...missing])] })),
  set: (text) => set({ text }),
  insert: (phrase) => set((s) => ({ text: appended(s.text, phrase) })),
  insertArticle: (use) => set((s) => ({ text: appended(s.text, use.text), uses: [...s.uses, use] })),
  replaceWithArticle: (from, use) =>
    set((s) => {
      const at = s.text.lastIndexOf(from);
      const text = at < 0 ? appended(s.text, use.text) : `${s.text.slice(0, at)}${use.text}${s.text.slice(at + from.length)}`;
      return { text, uses: [...s.uses, use] };
    }),
  clear: () => set({ text: '', uses: [], status: null, tags: [], missing: [] }),
}));
