/**
 * Controlled passages: text that must reach the customer exactly as written (safety warnings, instructions for
 * use), marked in an article's Markdown on lines of their own:
 *
 *   :::controlled id=cgm-skin-reaction-stop
 *   Text of the warning.
 *   :::
 *
 * The agent inserts such a passage whole and cannot change it in the reply (the composer checks); it changes only
 * through a new version of the article.
 */
export interface ArticleBlock {
  kind: 'markdown' | 'controlled';
  /** the passage's id; null for ordinary Markdown */
  id: string | null;
  text: string;
  /** 1-based line of the block's first line in the body */
  line: number;
}

const OPEN = /^:::controlled\s+id=([a-z0-9][a-z0-9-]{0,120})\s*$/;
const CLOSE = /^:::\s*$/;

export interface BlocksResult {
  blocks: ArticleBlock[];
  /** problems with their line: an unclosed passage, a duplicate id, a passage inside a passage */
  errors: { line: number; reason: string }[];
}

export function articleBlocks(body: string): BlocksResult {
  const lines = body.split(/\r?\n/);
  const blocks: ArticleBlock[] = [];
  const errors: BlocksResult['errors'] = [];
  const seen = new Set<string>();
  let md: string[] = [];
  let mdLine = 1;
  let open: { id: string; line: number; text: string[] } | null = null;
  const flushMarkdown = () => {
    const text = md.join('\n').trim();
    if (text) blocks.push({ kind: 'markdown', id: null, text, line: mdLine });
    md = [];
  };
  lines.forEach((raw, i) => {
    const line = i + 1;
    const m = OPEN.exec(raw.trim());
    if (m) {
      if (open) {
        errors.push({ line, reason: `a controlled passage starts inside "${open.id}" (line ${open.line})` });
        return;
      }
      flushMarkdown();
      if (seen.has(m[1]!)) errors.push({ line, reason: `the controlled passage id "${m[1]}" is used twice` });
      seen.add(m[1]!);
      open = { id: m[1]!, line, text: [] };
      return;
    }
    if (open && CLOSE.test(raw.trim())) {
      blocks.push({ kind: 'controlled', id: open.id, text: open.text.join('\n').trim(), line: open.line });
      open = null;
      mdLine = line + 1;
      return;
    }
    if (open) open.text.push(raw);
    else {
      if (md.length === 0) mdLine = line;
      md.push(raw);
    }
  });
  if (open) {
    const o = open as { id: string; line: number };
    errors.push({ line: o.line, reason: `the controlled passage "${o.id}" is never closed with :::` });
  }
  flushMarkdown();
  return { blocks, errors };
}

/** The controlled passages of an article body, in order. */
export function controlledPassages(body: string): { id: string; text: string }[] {
  return articleBlocks(body)
    .blocks.filter((b) => b.kind === 'controlled')
    .map((b) => ({ id: b.id!, text: b.text }));
}
