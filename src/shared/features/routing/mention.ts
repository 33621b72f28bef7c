/**
 * Mentions in internal notes (issue 15): `@mei` or `@alice.wong` in a note asks that colleague to look, and their
 * desktop raises it like a message on their own case. An e-mail address (`x@vitalink.example`) is no mention:
 * the `@` must start a word. Usernames compare case-insensitively; a sentence's full stop after the name is not
 * part of it.
 */
const MENTION = /(?<![\p{L}\p{N}_.@+-])@([\p{L}\p{N}_][\p{L}\p{N}_.-]{0,63})/gu;

/** The usernames a note mentions, lower-cased, once each, in order. */
export function mentionsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(MENTION)) {
    const name = m[1]!.replace(/[.-]+$/u, '').toLowerCase();
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

export function mentions(text: string, username: string): boolean {
  return mentionsIn(text).includes(username.toLowerCase());
}

/** The text cut into plain runs and mentions (`@mei`), for showing mentions apart in a note. */
export function splitMentions(text: string): Array<{ text: string; mention: boolean }> {
  const out: Array<{ text: string; mention: boolean }> = [];
  let from = 0;
  for (const m of text.matchAll(MENTION)) {
    const name = m[1]!.replace(/[.-]+$/u, '');
    if (!name) continue;
    const start = m.index;
    if (start > from) out.push({ text: text.slice(from, start), mention: false });
    out.push({ text: `@${name}`, mention: true });
    from = start + 1 + name.length;
  }
  if (from < text.length) out.push({ text: text.slice(from), mention: false });
  return out;
}
