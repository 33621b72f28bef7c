/**
 * A light scan of a raw message's MIME entities (header block and body span of the message and of every
 * part), on a binary string (`raw.toString('latin1')`: one char per byte). Only for the repairs and reports
 * mailparser does not give (raw-charset.ts, dsn.ts); mailparser stays the parser of record.
 */

export interface RawEntity {
  /** where the header block starts */
  start: number;
  /** the header block (without the blank line) */
  block: string;
  /** the body span, up to the next boundary delimiter (or the end) */
  bodyStart: number;
  bodyEnd: number;
  /** the Content-Type value (folded lines joined), or null */
  contentType: string | null;
}

/** The value of header `name` in a header block (folded lines joined), or null. */
export function headerValue(block: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\n)${name}[ \\t]*:([^\\n]*(?:\\n[ \\t][^\\n]*)*)`, 'i').exec(block);
  return m ? m[1]!.replace(/\r?\n[ \t]/g, ' ').trim() : null;
}

export function decodeQuotedPrintable(s: string): string {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** An entity's body with its Content-Transfer-Encoding undone, as a binary string. */
export function entityBody(s: string, e: RawEntity): string {
  const body = s.slice(e.bodyStart, e.bodyEnd);
  const cte = (headerValue(e.block, 'content-transfer-encoding') ?? '').toLowerCase();
  return cte === 'base64' ? Buffer.from(body, 'base64').toString('latin1') : cte === 'quoted-printable' ? decodeQuotedPrintable(body) : body;
}

/** The message and each of its parts (every boundary the message declares), in order. */
export function rawEntities(s: string): RawEntity[] {
  const boundaries = [...s.matchAll(/boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/gi)].map((m) => (m[1] ?? m[2])!);
  const escaped = boundaries.map((b) => b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const starts = [0];
  if (escaped.length) {
    for (const m of s.matchAll(new RegExp(`(?:^|\\n)--(?:${escaped.join('|')})[ \\t]*\\r?\\n`, 'g'))) starts.push(m.index + m[0].length);
  }
  const nextDelimiter = escaped.length ? new RegExp(`\\r?\\n--(?:${escaped.join('|')})`, 'g') : null;
  const out: RawEntity[] = [];
  for (const start of starts) {
    const blank = /\r?\n\r?\n/g;
    blank.lastIndex = start;
    const b = blank.exec(s);
    if (!b) continue;
    const block = s.slice(start, b.index);
    const bodyStart = b.index + b[0].length;
    let bodyEnd = s.length;
    if (nextDelimiter) {
      nextDelimiter.lastIndex = bodyStart;
      const d = nextDelimiter.exec(s);
      if (d) bodyEnd = d.index;
    }
    out.push({ start, block, bodyStart, bodyEnd, contentType: headerValue(block, 'content-type') });
  }
  return out;
}
