import type { QuotedMessage } from '../types';

/**
 * The body of an agent's email reply (issue 7b): multipart/alternative with a plain-text part and an HTML
 * part, both carrying the agent's text and, under it, the customer's message it answers, quoted (text:
 * `> ` lines; HTML: a `<blockquote type="cite">`). Everything that comes from a person — the agent's words,
 * the customer's words, their name — is HTML-escaped; the HTML has no scripts, no styles sheets, no remote
 * resources, so it renders the same in every client.
 */

/** The quote keeps this many characters of the customer's message (a long thread's history is not resent). */
const MAX_QUOTE_CHARS = 20_000;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Paragraphs (blank-line separated) with line breaks kept, every character escaped. */
function paragraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}

/** "On 2026-06-15 09:00 UTC, Alice Example wrote:" — the same words in both parts. */
export function attribution(q: QuotedMessage): string {
  const d = new Date(q.occurredAt);
  const when = Number.isNaN(d.getTime()) ? null : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const who = q.from?.trim() || null;
  if (when && who) return `On ${when}, ${who} wrote:`;
  if (who) return `${who} wrote:`;
  return when ? `On ${when}, you wrote:` : 'You wrote:';
}

function shortened(body: string): string {
  const b = body.replace(/\r\n?/g, '\n').trim();
  return b.length > MAX_QUOTE_CHARS ? `${b.slice(0, MAX_QUOTE_CHARS)}\n[…]` : b;
}

export function composeReply(body: string, quoted: QuotedMessage | null): { text: string; html: string } {
  const reply = body.replace(/\r\n?/g, '\n').trim();
  const quote = quoted && quoted.body.trim() ? shortened(quoted.body) : null;
  const text = quote
    ? `${reply}\n\n${attribution(quoted!)}\n${quote
        .split('\n')
        .map((l) => (l ? `> ${l}` : '>'))
        .join('\n')}\n`
    : `${reply}\n`;
  const html =
    '<!doctype html><html><head><meta charset="utf-8"></head><body>\n' +
    `<div class="omnidesk-reply">\n${paragraphs(reply)}\n</div>\n` +
    (quote
      ? `<p>${escapeHtml(attribution(quoted!))}</p>\n` +
        `<blockquote type="cite" style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">\n${paragraphs(quote)}\n</blockquote>\n`
      : '') +
    '</body></html>\n';
  return { text, html };
}
