import { convert } from 'html-to-text';
import sanitizeHtml from 'sanitize-html';

/**
 * Email HTML is untrusted input (DOMAIN.md). It is sanitized here, on the server, with sanitize-html
 * (an allowlist sanitizer on htmlparser2: no DOM needed, fast enough for the inbound throughput target,
 * actively maintained). The renderer shows the result in a sandboxed iframe with a strict CSP as a
 * second line of defence (EmailHtml.tsx).
 *
 * - scripts, styles, iframes, objects, forms and their controls, event handlers, `javascript:` URLs: gone;
 * - remote images (`http:`/`https:` src) are blocked: the URL moves to `data-remote-src` and `src` is
 *   removed, so nothing is fetched until the agent clicks "Show remote images" (the renderer moves it back);
 *   inline `data:` images stay; a `cid:` image (a part of the message, RFC 2392) becomes the `data:` URI of
 *   that part when the caller gives it (`inlineImages`, built by parse.ts within a size budget), else its
 *   `src` is dropped and the image keeps an alt text naming the attachment;
 * - inline `style` attributes stay (email layout depends on them) minus anything that can load a URL
 *   or run code (`url(`, `expression(`, `@import`, `behavior`), which are removed.
 */

export const REMOTE_SRC_ATTR = 'data-remote-src';

const ALLOWED_TAGS = [
  ...sanitizeHtml.defaults.allowedTags,
  'img',
  'font',
  'center',
  'big',
  'tt',
  'strike',
  'del',
  'ins',
];

const COMMON_ATTRS = ['style', 'align', 'valign', 'width', 'height', 'bgcolor', 'color', 'dir', 'lang', 'title', 'border'];

const DANGEROUS_STYLE = /url\s*\(|expression\s*\(|@import|behavior\s*:|-moz-binding|javascript:/i;

export interface InlineImage {
  /** `data:image/(png|gif|jpeg|webp);base64,…` of the part, or null when it is over the budget */
  dataUri: string | null;
  filename: string;
}

/** A `cid:` URL's Content-ID (RFC 2392: %-encoded, compared without case), or null for any other URL. */
export function cidOf(src: string): string | null {
  const m = /^cid:(.+)$/i.exec(src.trim());
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!).replace(/^<|>$/g, '').toLowerCase();
  } catch {
    return m[1]!.toLowerCase();
  }
}

export function sanitizeEmailHtml(
  html: string,
  inlineImages: ReadonlyMap<string, InlineImage> = new Map(),
): { html: string; remoteImages: number; inlineImages: number } {
  let remoteImages = 0;
  let inlined = 0;
  const clean = sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'iframe', 'object', 'embed', 'select', 'button', 'template', 'svg', 'math'],
    allowedAttributes: {
      '*': COMMON_ATTRS,
      a: ['href', 'name', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height', REMOTE_SRC_ATTR],
      font: ['face', 'size', 'color'],
      td: ['colspan', 'rowspan', 'nowrap'],
      th: ['colspan', 'rowspan', 'nowrap', 'scope'],
      table: ['cellpadding', 'cellspacing', 'summary'],
      ol: ['start', 'type'],
      li: ['value'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['data'] },
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...stripStyle(attribs), target: '_blank', rel: 'noopener noreferrer nofollow' },
      }),
      img: (tagName, attribs) => {
        const out = stripStyle(attribs);
        delete out[REMOTE_SRC_ATTR];
        const src = (attribs.src ?? '').trim();
        const cid = cidOf(src);
        if (cid !== null) {
          const part = inlineImages.get(cid);
          delete out.src;
          if (part?.dataUri) {
            out.src = part.dataUri;
            inlined++;
          } else if (part && !out.alt) {
            out.alt = `[${part.filename}: see the attachments]`;
          }
        } else if (/^https?:\/\//i.test(src)) {
          remoteImages++;
          out[REMOTE_SRC_ATTR] = src;
          delete out.src;
        } else if (!/^data:image\/(png|gif|jpeg|webp);base64,/i.test(src)) {
          delete out.src;
        }
        return { tagName, attribs: out };
      },
      '*': (tagName, attribs) => ({ tagName, attribs: stripStyle(attribs) }),
    },
  });
  return { html: clean, remoteImages, inlineImages: inlined };
}

function stripStyle(attribs: Record<string, string>): Record<string, string> {
  const out = { ...attribs };
  if (out.style !== undefined && DANGEROUS_STYLE.test(out.style)) delete out.style;
  // legacy attributes that load URLs
  delete out.background;
  return out;
}

/** Plain text of (already sanitized) HTML: for the event body, search and previews. */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
    ],
  }).trim();
}
