import { marked, type Token, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { articleBlocks } from '../../../../shared/index';

/**
 * An article's Markdown for the agent's eyes and for the customer's reply. Articles are written by people in the
 * app, so their Markdown is not trusted: marked (CommonMark + GFM tables) makes HTML, sanitize-html keeps an
 * allow-list of tags (no script, no style, no event handlers, no iframes; links http/https/mailto only, images not
 * at all), and the renderer shows it in a sandboxed frame. Controlled passages become `<aside>`s the agent inserts
 * whole. Plain text (what a chat or email reply carries) comes from marked's tokens, not from stripping HTML.
 */
const ALLOWED = {
  allowedTags: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'aside'],
  allowedAttributes: { a: ['href', 'title'], aside: ['class', 'data-passage'], td: ['align'], th: ['align'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedClasses: { aside: ['kb-controlled'] },
  disallowedTagsMode: 'escape' as const,
};

const MAX_TABLE_ROWS = 200;

export function articleHtml(body: string): string {
  const parts = articleBlocks(body).blocks.map((b) => {
    const html = markdownHtml(b.text);
    return b.kind === 'controlled' ? `<aside class="kb-controlled" data-passage="${escapeAttr(b.id!)}">${html}</aside>` : html;
  });
  return sanitizeHtml(parts.join('\n'), ALLOWED);
}

function markdownHtml(md: string): string {
  const tokens = marked.lexer(md, { gfm: true });
  // a table pasted with thousands of rows is cut, so one article never freezes the panel
  for (const t of tokens) if (t.type === 'table') (t as Tokens.Table).rows.splice(MAX_TABLE_ROWS);
  return marked.parser(tokens, { gfm: true });
}

function escapeAttr(s: string): string {
  return s.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]!);
}

/** The whole article as plain text for a reply: headings as lines, lists numbered or dashed, tables as rows. */
export function articleText(title: string, body: string): string {
  const parts = [title, ...articleBlocks(body).blocks.map((b) => markdownText(b.text))];
  return parts.filter((p) => p.trim()).join('\n\n').trim();
}

export function markdownText(md: string): string {
  return blocksText(marked.lexer(md, { gfm: true })).replace(/\n{3,}/g, '\n\n').trim();
}

function blocksText(tokens: readonly Token[]): string {
  return tokens
    .map((t) => {
      switch (t.type) {
        case 'heading':
        case 'paragraph':
          return inlineText((t as Tokens.Heading | Tokens.Paragraph).tokens);
        case 'list': {
          const l = t as Tokens.List;
          const start = typeof l.start === 'number' ? l.start : 1;
          return l.items.map((it, i) => `${l.ordered ? `${start + i}.` : '-'} ${blocksText(it.tokens).replace(/\n+/g, ' ')}`).join('\n');
        }
        case 'table': {
          const tb = t as Tokens.Table;
          const row = (cells: Tokens.TableCell[]) => cells.map((c) => inlineText(c.tokens)).join(' | ');
          return [row(tb.header), ...tb.rows.slice(0, MAX_TABLE_ROWS).map(row)].join('\n');
        }
        case 'blockquote':
          return blocksText((t as Tokens.Blockquote).tokens);
        case 'code':
          return (t as Tokens.Code).text;
        case 'text':
          return 'tokens' in t && t.tokens ? inlineText(t.tokens) : (t as Tokens.Text).text;
        case 'space':
        case 'hr':
        case 'html':
          return '';
        default:
          return 'text' in t ? String(t.text) : '';
      }
    })
    .filter((s) => s !== '')
    .join('\n\n');
}

function inlineText(tokens: readonly Token[] | undefined): string {
  if (!tokens) return '';
  return tokens
    .map((t) => {
      switch (t.type) {
        case 'link': {
          const l = t as Tokens.Link;
          const label = inlineText(l.tokens);
          return label === l.href ? l.href : `${label} (${l.href})`;
        }
        case 'br':
          return '\n';
        case 'html':
          return '';
        case 'image':
          return (t as Tokens.Image).text;
        case 'codespan':
          return (t as Tokens.Codespan).text;
        case 'escape':
          return (t as Tokens.Escape).text;
        case 'text':
          return 'tokens' in t && t.tokens ? inlineText(t.tokens) : decode((t as Tokens.Text).text);
        default:
          return 'tokens' in t && t.tokens ? inlineText(t.tokens) : 'text' in t ? decode(String(t.text)) : '';
      }
    })
    .join('');
}

/** marked's lexer leaves HTML entities of the source as written (&amp;); a reply carries the characters */
function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}
