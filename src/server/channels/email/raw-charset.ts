import { isUtf8 } from 'node:buffer';
import { entityBody, rawEntities } from './mime-raw';

/**
 * Byte-level repairs made before mailparser sees a message, for what real clients and gateways send but
 * mailparser (rightly, for a generic parser) does not guess at:
 *
 * - Raw 8-bit bytes in the header sections (the message's and its parts'; RFC 5322 allows only ASCII; old clients and
 *   misconfigured gateways send Latin-1 or GBK as is). mailparser reads them as UTF-8, so they became `�`.
 *   A header line whose bytes are valid UTF-8 is kept (RFC 6532 allows UTF-8); any other line is decoded
 *   with the charset the message declares for its body, else by a heuristic (raw bytes that all pair up
 *   as two high bytes → GB18030, else windows-1252, the superset of Latin-1 every browser uses), and
 *   rewritten as UTF-8.
 * - Raw 8-bit bytes inside a `Q` encoded word (`=?iso-8859-1?Q?t\xe9l?=`): they are re-encoded as `=XX`,
 *   so the word's own charset decodes them (they used to come out as `ï¿½`).
 * - UTF-7 (`utf-7`, `unicode-1-1-utf-7`, RFC 2152): libmime and mailparser refuse to decode it on purpose
 *   (a filter that looks for `<` in the raw bytes misses `+ADw-script+AD4-`), so the agent saw `+AOk-`.
 *   Here a UTF-7 text part is transcoded to UTF-8 (base64) and a UTF-7 encoded word in the top-level
 *   header becomes a UTF-8 one. That is safe for us because nothing looks at the raw bytes: the decoded
 *   HTML goes through the sanitizer like any other, and text is only ever shown as text.
 */

/** Index of the blank line that ends the header section (raw.length when there is none). */
function headerEnd(raw: Buffer): number {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf, lf].filter((i) => i >= 0);
  return ends.length ? Math.min(...ends) : raw.length;
}

const HIGH = /[\x80-\xff]/;
const ENCODED_WORD = /=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=/g;

/** windows-1252's 0x80–0x9F (the rest is Latin-1); undefined bytes stay their C1 code point. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const LATIN1_LABELS = /^(?:windows-?1252|cp-?1252|x-cp1252|iso-?8859-?1|iso_8859-1(?::1987)?|latin-?1|l1|ibm819|cp819|csisolatin1|iso-ir-100)$/i;

/**
 * windows-1252 done here: Node 20's TextDecoder decodes the label as ISO-8859-1 (0x80 → U+0080, not €),
 * and the WHATWG rule every mail client follows reads ISO-8859-1 as windows-1252 too.
 */
export function decodeWindows1252(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b);
  return out;
}

/** Text of bytes in a charset TextDecoder knows (Node's ICU: the WHATWG set), or null for an unknown label. */
function decodeAs(bytes: Buffer, charset: string): string | null {
  if (LATIN1_LABELS.test(charset)) return decodeWindows1252(bytes);
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return null;
  }
}

/** GB18030/GBK text is two high bytes per character; Latin text has isolated high bytes. */
export function looksLikeGb(bytes: Buffer): boolean {
  let pairs = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    const t = bytes[i + 1];
    if (b < 0x81 || b > 0xfe || t === undefined || t < 0x80 || t > 0xfe) return false;
    pairs++;
    i++;
  }
  return pairs > 0;
}

const PASS_THROUGH_CHARSETS = /^(?:us-?ascii|ascii|utf-?8|(?:(?:cs|x-)?unicode-?1-?1-?)?utf-?7)$/i;

/** The first charset the message declares (Content-Type … charset=) that is worth decoding headers with. */
export function declaredCharset(raw: Buffer): string | null {
  const s = raw.toString('latin1', 0, Math.min(raw.length, 256 * 1024));
  for (const m of s.matchAll(/charset\s*=\s*"?([A-Za-z0-9_.:+-]{1,40})/gi)) {
    const cs = m[1]!;
    if (PASS_THROUGH_CHARSETS.test(cs)) continue;
    if (decodeAs(Buffer.alloc(0), cs) !== null) return cs;
  }
  return null;
}

/** One header line's bytes (not valid UTF-8) as text: the declared charset, else the heuristic. */
function decodeHeaderLine(bytes: Buffer, declared: string | null): string {
  const charset = declared ?? (looksLikeGb(bytes) ? 'gb18030' : 'windows-1252');
  return decodeAs(bytes, charset) ?? decodeWindows1252(bytes);
}

/** `=?cs?Q?…?=` with raw 8-bit bytes in its payload → the same word with those bytes as `=XX`. */
function escapeRawInQWords(head: string): string {
  return head.replace(ENCODED_WORD, (word, charset: string, enc: string, payload: string) => {
    if (!/^q$/i.test(enc) || !HIGH.test(payload)) return word;
    const fixed = payload.replace(/[\x80-\xff]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return `=?${charset}?${enc}?${fixed}?=`;
  });
}

/** utf-7, unicode-1-1-utf-7, csUnicode11UTF7, x-unicode-1-1-utf-7 (compared like iconv-lite: case and punctuation ignored) */
export function isUtf7Charset(charset: string): boolean {
  return /^(?:(?:cs|x)?unicode11)?utf7$/.test(charset.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/**
 * RFC 2152 UTF-7 → text: `+` opens modified base64 of UTF-16BE (no padding), closed by `-` (absorbed) or
 * any other character; `+-` is `+`. A truncated code unit is dropped, an unpaired surrogate becomes U+FFFD.
 */
export function decodeUtf7(s: string): string {
  const text = s.replace(/\+([A-Za-z0-9+/]*)-?/g, (_m, b64: string) => {
    if (!b64) return '+';
    const bytes = Buffer.from(b64, 'base64');
    let out = '';
    for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return out;
  });
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** A UTF-7 encoded word → the same text as a UTF-8 `B` encoded word. */
function utf7WordsToUtf8(head: string): string {
  return head.replace(ENCODED_WORD, (word, charset: string, enc: string, payload: string) => {
    if (!isUtf7Charset(charset.replace(/\*.*$/, ''))) return word;
    const bytes = /^b$/i.test(enc)
      ? Buffer.from(payload, 'base64')
      : Buffer.from(payload.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return `=?UTF-8?B?${Buffer.from(decodeUtf7(bytes.toString('latin1')), 'utf8').toString('base64')}?=`;
  });
}

/** One header block (binary string) repaired: encoded words first, then each line that is not UTF-8. */
function repairBlock(block: string, fallback: () => string | null): string {
  const high = HIGH.test(block);
  if (!high && !/=\?[^?\s]*utf-?7/i.test(block)) return block;
  const words = utf7WordsToUtf8(escapeRawInQWords(block));
  if (!HIGH.test(words)) return words;
  const declared = fallback();
  return words
    .split(/(\r?\n)/)
    .map((line) => {
      if (!HIGH.test(line)) return line;
      const bytes = Buffer.from(line, 'latin1');
      if (isUtf8(bytes)) return line;
      return Buffer.from(decodeHeaderLine(bytes, declared), 'utf8').toString('latin1');
    })
    .join('');
}

/**
 * The raw message with its header blocks repaired (see above): the top-level one, and those of its parts (a
 * raw Latin-1 attachment name); the fallback charset of a part is its own declared one, else the message's.
 * Body bytes are never touched.
 */
export function repairHeaderBytes(raw: Buffer): Buffer {
  const end = headerEnd(raw);
  const headText = raw.subarray(0, end).toString('latin1');
  let declared: string | null | undefined;
  const messageCharset = () => (declared === undefined ? (declared = declaredCharset(raw)) : declared);
  const head = repairBlock(headText, messageCharset);
  let out = head === headText ? raw : Buffer.concat([Buffer.from(head, 'latin1'), raw.subarray(end)]);
  if (!/boundary\s*=/i.test(head)) return out;
  // the parts' header blocks (a binary string: one char per byte, so byte-level edits are string edits)
  const s = out.toString('latin1');
  const edits: PartEdit[] = [];
  for (const e of rawEntities(s)) {
    if (e.start === 0) continue;
    const own = /charset\s*=\s*"?([A-Za-z0-9_.:+-]{1,40})/i.exec(e.contentType ?? '')?.[1];
    const usable = own && !PASS_THROUGH_CHARSETS.test(own) && decodeAs(Buffer.alloc(0), own) !== null ? own : null;
    const fixed = repairBlock(e.block, () => usable ?? messageCharset());
    if (fixed !== e.block) edits.push({ start: e.start, end: e.start + e.block.length, text: fixed });
  }
  if (edits.length) out = applyEdits(out, edits);
  return out;
}

interface PartEdit {
  start: number;
  end: number;
  text: string;
}

/** `raw` with each span [start, end) replaced by its text (a binary string), spans in any order, not overlapping. */
function applyEdits(raw: Buffer, edits: PartEdit[]): Buffer {
  const pieces: Buffer[] = [];
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    pieces.push(raw.subarray(at, e.start), Buffer.from(e.text, 'latin1'));
    at = e.end;
  }
  pieces.push(raw.subarray(at));
  return Buffer.concat(pieces);
}

/**
 * Every text part declared UTF-7 → the same part in UTF-8 (Content-Transfer-Encoding base64), so mailparser
 * decodes it like any other. Other parts, and messages without UTF-7, are returned byte for byte.
 */
export function transcodeUtf7Parts(raw: Buffer): Buffer {
  const s = raw.toString('latin1');
  if (![...s.matchAll(/charset\s*=\s*"?([A-Za-z0-9_.:+-]{1,40})/gi)].some((m) => isUtf7Charset(m[1]!))) return raw;
  const edits: PartEdit[] = [];
  for (const e of rawEntities(s)) {
    const type = e.contentType;
    if (!type || !/^\s*text\//i.test(type)) continue;
    const charset = /charset\s*=\s*"?([A-Za-z0-9_.:+-]{1,40})/i.exec(type)?.[1];
    if (!charset || !isUtf7Charset(charset)) continue;
    const utf8 = Buffer.from(decodeUtf7(entityBody(s, e)), 'utf8').toString('base64').replace(/.{1,76}/g, '$&\r\n');
    const fields = e.block.split(/\r?\n(?![ \t])/).filter((f) => f.trim() && !/^content-transfer-encoding[ \t]*:/i.test(f));
    const newBlock = [
      ...fields.map((f) => (/^content-type[ \t]*:/i.test(f) ? f.replace(/(charset\s*=\s*)"?[A-Za-z0-9_.:+-]{1,40}"?/i, '$1utf-8') : f)),
      'Content-Transfer-Encoding: base64',
    ].join('\r\n');
    edits.push({ start: e.start, end: e.bodyEnd, text: `${newBlock}\r\n\r\n${utf8}` });
  }
  return edits.length ? applyEdits(raw, edits) : raw;
}
