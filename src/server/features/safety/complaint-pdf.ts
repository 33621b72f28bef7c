import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { ComplaintExport } from '../../../shared/features/safety';
import { COMPLAINT_TITLE, complaintLayout, instant, type LayoutLine } from './complaint-layout';

/**
 * The complaint / adverse-event record as a PDF (issue 12), drawn with pdfkit from complaintLayout's sections.
 *
 * Values are set in Noto Sans Hans (Noto Sans CJK SC, from the npm package @embedpdf/fonts-sc, SIL OFL 1.1): Latin,
 * Simplified and Traditional Chinese, embedded as a subset of the glyphs used (a few tens of KB, not the 8 MB file).
 * A character the font lacks (emoji, other scripts) is drawn as □ — marks and joiners that only modify one are
 * dropped — so no text can fail an export. Labels and headings are Helvetica (ASCII English). Long text flows onto
 * further pages; every page carries the case id, the export time and "Page N of M".
 */
const FONT_FILE = 'NotoSansHans-Regular.otf';
const CJK = 'values';
const LABEL = 'Helvetica-Bold';
const PLAIN = 'Helvetica';
/** beyond this the PDF says where the rest is (the JSON export always has the whole text); ~300 pages of text */
export const MAX_PDF_TEXT = 1_000_000;

const MARGIN = { top: 50, bottom: 64, left: 50, right: 50 };
const LABEL_WIDTH = 170;
const GAP = 10;

interface LoadedFont {
  bytes: Buffer;
  has(codePoint: number): boolean;
  replacement: string;
}
let loaded: LoadedFont | null = null;

/** The font file, read once per process (the path is resolved through the package, wherever npm put it). */
export function valueFont(): LoadedFont {
  if (loaded) return loaded;
  const pkg = dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc'));
  const bytes = readFileSync(join(pkg, '..', 'fonts', FONT_FILE));
  const font = fontkit.create(bytes);
  if (!('hasGlyphForCodePoint' in font)) throw new Error(`${FONT_FILE} is a font collection`);
  const has = (cp: number) => font.hasGlyphForCodePoint(cp);
  loaded = { bytes, has, replacement: has(0x25a1) ? '\u25a1' : '?' };
  return loaded;
}

/** Dropped when the font lacks them: they only modify a neighbour (variation selectors, joiners, skin tones, marks). */
const MODIFIER = /[\p{M}\p{Cf}\u{1F3FB}-\u{1F3FF}]/u;

/**
 * Text the font can draw: line ends made `\n`, tabs four spaces, other control characters dropped, a character the
 * font lacks replaced by `replacement` (or dropped, for a modifier).
 */
export function drawable(s: string, has: (codePoint: number) => boolean, replacement = '\u25a1'): string {
  const t = s.replace(/\r\n?/g, '\n').replace(/\t/g, '    ');
  let out = '';
  for (const ch of t) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') out += ch;
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    else if (has(cp)) out += ch;
    else if (!MODIFIER.test(ch)) out += replacement;
  }
  return out;
}

/** The record as PDF bytes (`%PDF-` … `%%EOF`). */
export async function complaintPdf(x: ComplaintExport): Promise<Buffer> {
  const font = valueFont();
  const clean = (s: string) => drawable(s, font.has, font.replacement);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    // metadata names no person: the title and the case
    info: { Title: `${COMPLAINT_TITLE} ${x.case.id}`, Creator: 'Omnidesk', CreationDate: new Date(x.exportedAt) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(CJK, font.bytes);

  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const bottom = () => doc.page.height - MARGIN.bottom;
  /** a new page when fewer than `h` points are left */
  const room = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };

  doc.font(LABEL).fontSize(16).text(COMPLAINT_TITLE, left, MARGIN.top, { width });
  doc.moveDown(0.3);
  doc.font(CJK).fontSize(10).text(clean(`Case ${x.case.id}`), { width });
  doc.text(clean(`Exported ${instant(x.exportedAt)} by ${x.exportedBy.name}`), { width });
  doc.moveDown(0.8);

  const line = (l: LayoutLine) => {
    doc.font(CJK).fontSize(9);
    const value = clean(l.value.length > MAX_PDF_TEXT ? l.value.slice(0, MAX_PDF_TEXT) : l.value);
    const valueWidth = width - LABEL_WIDTH - GAP;
    const h = l.block ? Infinity : doc.heightOfString(value, { width: valueWidth });
    if (h <= 120) {
      // label and value side by side, kept on one page
      doc.font(LABEL).fontSize(9);
      const labelH = doc.heightOfString(l.label, { width: LABEL_WIDTH });
      room(Math.max(h, labelH));
      const y = doc.y;
      // Helvetica sits higher in its line box than Noto: nudged down so both share a baseline
      doc.text(l.label, left, y + 1.2, { width: LABEL_WIDTH });
      doc.font(CJK).fontSize(9).text(value, left + LABEL_WIDTH + GAP, y, { width: valueWidth });
      doc.y = Math.max(doc.y, y + 1.2 + labelH) + 3;
      return;
    }
    // a paragraph under its label, flowing onto further pages
    room(30);
    doc.font(LABEL).fontSize(9).text(l.label, left, doc.y, { width });
    doc.moveDown(0.2);
    doc.font(CJK).fontSize(9).text(value, left, doc.y, { width, lineGap: 1 });
    if (l.value.length > MAX_PDF_TEXT) {
      doc.moveDown(0.2);
      doc.font(PLAIN).fontSize(8).text(`(the first ${MAX_PDF_TEXT} of ${l.value.length} characters; the JSON export holds the whole text)`, left, doc.y, { width });
    }
    doc.moveDown(0.4);
  };

  for (const section of complaintLayout(x)) {
    room(50);
    doc.font(LABEL).fontSize(12).text(section.title, left, doc.y, { width });
    doc
      .moveTo(left, doc.y + 1)
      .lineTo(left + width, doc.y + 1)
      .lineWidth(0.5)
      .strokeColor('#888888')
      .stroke();
    doc.moveDown(0.4);
    for (const l of section.lines) line(l);
    doc.moveDown(0.6);
  }

  const pages = doc.bufferedPageRange();
  const footer = clean(`${COMPLAINT_TITLE} · Case ${x.case.id} · Exported ${instant(x.exportedAt)}`);
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    // drawn inside the bottom margin: lift the margin so pdfkit does not start a new page for it
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN.bottom + 24;
    doc.font(CJK).fontSize(7.5).fillColor('#444444').text(footer, left, y, { width: width - 80, lineBreak: false });
    doc.font(PLAIN).fontSize(7.5).text(`Page ${i + 1} of ${pages.count}`, left + width - 80, y, { width: 80, align: 'right', lineBreak: false });
    doc.page.margins.bottom = MARGIN.bottom;
  }
  doc.end();
  return finished;
}
