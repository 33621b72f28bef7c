import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Attachment, BounceReport } from '../../../shared/kernel/event';
import { MAX_BODY_CHARS } from '../../../shared/kernel/event';
import type { InboundMessage } from '../types';
import { detectAutomated, type AutomatedKind } from './auto-reply';
import { bounceStatus, findDeliveryStatus, RETURNED_MESSAGE_TYPE, returnedPartName } from './dsn';
import { repairHeaderBytes, transcodeUtf7Parts } from './raw-charset';
import { htmlToText, sanitizeEmailHtml, type InlineImage } from './sanitize';
import { signaturePhones } from './signature';

/**
 * Raw RFC 5322 bytes → an InboundMessage, with mailparser (MIME structure, transfer encodings, RFC 2047
 * encoded words, charsets incl. GB2312/GBK/GB18030/Big5 through iconv-lite). Raw 8-bit header bytes are
 * repaired and UTF-7 parts transcoded first (raw-charset.ts).
 *
 * Size policy (documented in README): the SMTP listener refuses a whole message above
 * `maxMessageBytes` (552, nothing stored). A message that is accepted (or was fetched over IMAP, where
 * refusing is not possible) is never lost for an attachment: an attachment above `maxAttachmentBytes`,
 * or one that would take the message's total above `maxTotalAttachmentBytes`, is dropped and a note
 * naming it and its size is appended to the body, so the agent knows to ask for it another way.
 */

export interface EmailLimits {
  /** whole message, as received (SMTP SIZE / DATA limit); default 30 MB */
  maxMessageBytes: number;
  /** one attachment; default 25 MB */
  maxAttachmentBytes: number;
  /** all attachments of one message together; default 25 MB */
  maxTotalAttachmentBytes: number;
  /** attachments kept per message (the event schema's limit); default 100 */
  maxAttachments: number;
  /** bytes of inline (`cid:`) images shown inside the HTML as data: URIs, all together; default 512 KB */
  maxInlineImageBytes: number;
}

export const DEFAULT_EMAIL_LIMITS: EmailLimits = {
  maxMessageBytes: 30 * 1024 * 1024,
  maxAttachmentBytes: 25 * 1024 * 1024,
  maxTotalAttachmentBytes: 25 * 1024 * 1024,
  maxAttachments: 100,
  maxInlineImageBytes: 512 * 1024,
};

/** Why a message cannot be taken; `message` is safe to log and to return to the SMTP client (no content). */
export class EmailRejectedError extends Error {
  constructor(
    readonly code: 'MALFORMED' | 'NO_SENDER' | 'TOO_LARGE',
    message: string,
  ) {
    super(message);
    this.name = 'EmailRejectedError';
  }
}

export interface ParsedAttachment {
  meta: Attachment;
  content: Buffer;
}

export interface ParsedEmail {
  message: InboundMessage;
  /** machine-sent mail (auto-reply, bounce): stored, never opens a case */
  automated: AutomatedKind | null;
  /** attachments to store (by sha256) before the message is ingested */
  attachments: ParsedAttachment[];
  /** attachments dropped for the size policy (count) */
  droppedAttachments: number;
  /** the Message-ID header was missing and a stable one was made from the content */
  syntheticMessageId: boolean;
  /** bytes of the raw message */
  size: number;
  /** a bounce's RFC 3464 status code (e.g. "5.1.1"), when it has one */
  dsnStatus: string | null;
}

const MAX_SUBJECT = 500;
const MAX_HTML = 1_000_000;
const MAX_PROVIDER_ID = 500;

export async function parseEmail(raw: Buffer, limits: EmailLimits = DEFAULT_EMAIL_LIMITS, now: Date = new Date()): Promise<ParsedEmail> {
  if (raw.length > limits.maxMessageBytes) {
    throw new EmailRejectedError('TOO_LARGE', `message of ${raw.length} bytes exceeds the ${limits.maxMessageBytes}-byte limit`);
  }
  if (raw.length === 0) throw new EmailRejectedError('MALFORMED', 'empty message');
  let mail: ParsedMail;
  try {
    mail = await simpleParser(transcodeUtf7Parts(repairHeaderBytes(raw)), {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
      maxHtmlLengthToParse: 5 * 1024 * 1024,
    });
  } catch {
    throw new EmailRejectedError('MALFORMED', 'the message could not be parsed as MIME');
  }
  if (mail.headerLines.length === 0) throw new EmailRejectedError('MALFORMED', 'the message has no header section');

  const from = firstAddress(mail.from);
  if (!from?.address || !/^[^\s@]+@[^\s@]+$/.test(from.address)) {
    throw new EmailRejectedError('NO_SENDER', 'the message has no usable From address');
  }

  const subject = clean(mail.subject ?? '').slice(0, MAX_SUBJECT) || null;

  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | string | undefined;
  const automated = detectAutomated({
    header: (name) => headerText(mail, name),
    contentType: (typeof contentType === 'string' ? contentType : (contentType?.value ?? 'text/plain')).toLowerCase(),
    contentTypeParams: typeof contentType === 'object' && contentType.params ? lowerKeys(contentType.params) : {},
    fromAddress: from.address,
  });

  // HTML: sanitized; the text part wins for the body, else text derived from the sanitized HTML.
  // Inline images (`cid:` parts) are shown from data: URIs inside the sanitized HTML (inlineImagesOf).
  let html: string | null = null;
  if (typeof mail.html === 'string' && mail.html.trim()) {
    const images = inlineImagesOf(mail, limits);
    let s = clean(sanitizeEmailHtml(mail.html, images).html);
    // too long with its images inlined: the HTML without them (alt texts point at the attachments)
    if (s.length > MAX_HTML && [...images.values()].some((i) => i.dataUri)) {
      s = clean(sanitizeEmailHtml(mail.html, new Map([...images].map(([cid, i]) => [cid, { ...i, dataUri: null }]))).html);
    }
    html = s.length <= MAX_HTML ? s : null;
  }
  let body = clean(mail.text ?? '').trim();
  if (!body && html) body = clean(htmlToText(html));
  // read before notes are appended to the body: the signature is the writer's last lines
  const phonesInSignature = signaturePhones(body);

  // Attachments: stored once by content hash; over the limits → dropped with a note.
  const attachments: ParsedAttachment[] = [];
  const notes: string[] = [];
  let total = 0;
  let dropped = 0;
  let returnedAttachmentId: string | null = null;
  mail.attachments.forEach((a, i) => {
    const content = a.content;
    const size = content.length;
    // a bounce's returned message comes without a name: call it what it is
    const returned = automated === 'bounce' && !a.filename && RETURNED_MESSAGE_TYPE.test(a.contentType ?? '');
    const fallbackName = returned ? returnedPartName(a.contentType) : `attachment-${i + 1}`;
    const filename = clean(a.filename ?? fallbackName).slice(0, 300) || fallbackName;
    const contentId = a.cid ? clean(a.cid).slice(0, 300) : '';
    const why =
      size > limits.maxAttachmentBytes
        ? `over the ${mb(limits.maxAttachmentBytes)} limit per attachment`
        : total + size > limits.maxTotalAttachmentBytes
          ? `the message's attachments exceed ${mb(limits.maxTotalAttachmentBytes)} together`
          : attachments.length >= limits.maxAttachments
            ? `more than ${limits.maxAttachments} attachments`
            : null;
    if (why) {
      dropped++;
      notes.push(`[Attachment "${filename}" (${mb(size)}) was not stored: ${why}.]`);
      return;
    }
    total += size;
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (returned) returnedAttachmentId ??= `${sha256}:${i}`;
    attachments.push({
      meta: {
        id: `${sha256}:${i}`,
        filename,
        contentType: (a.contentType || 'application/octet-stream').slice(0, 200),
        size,
        sha256,
        ...(contentId ? { contentId } : {}),
      },
      content,
    });
  });
  if (notes.length) body = `${body}${body ? '\n\n' : ''}${notes.join('\n')}`;
  if (body.length > MAX_BODY_CHARS) {
    const note = '\n[… the message was shortened: it is longer than the timeline can hold.]';
    body = body.slice(0, MAX_BODY_CHARS - note.length) + note;
  }

  // Threading ids.
  const own = normaliseId(mail.messageId);
  const inReplyTo = idList(mail.inReplyTo);
  const references = idList(mail.references);
  const synthetic = !own;
  const providerMessageId =
    own ??
    `<${createHash('sha256')
      .update(JSON.stringify([from.address.toLowerCase(), mail.date?.toISOString() ?? null, subject, body, attachments.map((a) => a.meta.sha256)]))
      .digest('hex')
      .slice(0, 40)}@synthetic.omnidesk>`;
  let replyTo = unique([...inReplyTo, ...[...references].reverse()]).filter((id) => id !== providerMessageId);
  let threadRef = references[0] ?? inReplyTo[0] ?? providerMessageId;

  // A bounce quotes the headers of the message that failed (ours): thread it to that conversation, and keep
  // what its report says (who reported it, which recipients failed and why, which message came back).
  let dsnStatus: string | null = null;
  let bounceReport: BounceReport | null = null;
  if (automated === 'bounce') {
    const report = findDeliveryStatus(raw);
    dsnStatus = report ? bounceStatus(report.recipients) : null;
    dsnStatus ??= /^Status:\s*([245]\.\d{1,3}\.\d{1,3})\b/im.exec(mail.text ?? '')?.[1] ?? null;
    let returnedMessage: BounceReport['returnedMessage'] = null;
    // a report returns one message; a few more are read for threading, never an unbounded number
    for (const a of mail.attachments.filter((x) => RETURNED_MESSAGE_TYPE.test(x.contentType)).slice(0, 5)) {
      const head = await returnedHeaders(a.content);
      returnedMessage ??= { ...head, attachmentId: returnedAttachmentId };
      const original = head.messageId;
      if (original && original !== providerMessageId) {
        replyTo = unique([original, ...replyTo]);
        if (threadRef === providerMessageId) threadRef = original;
      }
    }
    bounceReport = {
      reportedBy: from.address.slice(0, 320),
      reportingMta: report?.reportingMta ? clean(report.reportingMta) : null,
      recipients: (report?.recipients ?? []).map((r) => ({
        ...r,
        recipient: clean(r.recipient),
        diagnostic: r.diagnostic === null ? null : clean(r.diagnostic),
      })),
      returnedMessage,
    };
  }

  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : now;
  const occurredAt = (date.getTime() > now.getTime() ? now : date).toISOString();

  return {
    message: {
      channel: 'email',
      providerMessageId,
      identity: { email: from.address, displayName: clean(from.name ?? '').slice(0, 200) || null, ...(phonesInSignature.length ? { signaturePhones: phonesInSignature } : {}) },
      threadRef,
      replyTo,
      subject,
      body,
      html,
      attachments: attachments.map((a) => a.meta),
      occurredAt,
      teamHint: null,
      recipient: firstAddress(mail.to)?.address?.toLowerCase() ?? null,
      automated,
      ...(bounceReport ? { bounceReport } : {}),
    },
    automated,
    attachments,
    droppedAttachments: dropped,
    syntheticMessageId: synthetic,
    size: raw.length,
    dsnStatus,
  };
}

/** The image type its first bytes say (never trusting the declared type alone), or null for anything else. */
export function sniffImage(b: Buffer): 'png' | 'gif' | 'jpeg' | 'webp' | null {
  if (b.length >= 8 && b.readUInt32BE(0) === 0x89504e47) return 'png';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.toString('latin1', 0, 6))) return 'gif';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

/**
 * The message's parts with a Content-ID, for `cid:` references in its HTML: a PNG/GIF/JPEG/WebP (by its
 * bytes) becomes a data: URI while the images together stay within `maxInlineImageBytes` (so the HTML stays
 * within the event's limit); any other part, or one over the budget, is named so the image's alt text can
 * point at the attachment. The renderer's frame allows `img-src data:` only: nothing is fetched.
 */
function inlineImagesOf(mail: ParsedMail, limits: EmailLimits): Map<string, InlineImage> {
  const out = new Map<string, InlineImage>();
  let budget = limits.maxInlineImageBytes;
  for (const [i, a] of mail.attachments.entries()) {
    if (!a.cid) continue;
    const cid = a.cid.replace(/^<|>$/g, '').toLowerCase();
    if (out.has(cid)) continue;
    const type = sniffImage(a.content);
    const fits = type !== null && a.content.length <= budget && a.content.length <= limits.maxAttachmentBytes;
    if (fits) budget -= a.content.length;
    out.set(cid, {
      dataUri: fits ? `data:image/${type};base64,${a.content.toString('base64')}` : null,
      filename: clean(a.filename ?? `attachment-${i + 1}`).slice(0, 300),
    });
  }
  return out;
}

/** The threading and display headers of a returned message (or of its returned headers alone). */
async function returnedHeaders(content: Buffer): Promise<{ messageId: string | null; subject: string | null; date: string | null }> {
  const head = content.subarray(0, 64 * 1024);
  try {
    const m = await simpleParser(Buffer.concat([head, Buffer.from('\r\n\r\n')]), { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
    return {
      messageId: normaliseId(m.messageId),
      subject: clean(m.subject ?? '').slice(0, 500) || null,
      date: m.date && !Number.isNaN(m.date.getTime()) ? m.date.toISOString() : null,
    };
  } catch {
    return { messageId: normaliseId(/^Message-ID:\s*(<[^<>\s]+>)/im.exec(head.toString('latin1'))?.[1]), subject: null, date: null };
  }
}

function firstAddress(a: AddressObject | AddressObject[] | undefined): { address?: string; name?: string } | null {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const obj of list) {
    for (const v of obj.value) {
      if (v.address) return { address: v.address, name: v.name };
      for (const g of v.group ?? []) if (g.address) return { address: g.address, name: g.name };
    }
  }
  return null;
}

/** A Message-ID in its canonical `<…>` form, or null. */
export function normaliseId(v: string | undefined | null): string | null {
  if (!v) return null;
  const s = v.trim();
  const m = /<([^<>\s]+)>/.exec(s);
  const id = m ? m[1]! : /^[^<>\s]+$/.test(s) ? s : null;
  if (!id) return null;
  return `<${id}>`.slice(0, MAX_PROVIDER_ID);
}

function idList(v: string | string[] | undefined): string[] {
  const parts = (Array.isArray(v) ? v : v ? [v] : []).flatMap((s) => s.match(/<[^<>\s]+>/g) ?? (/^[^<>\s]+$/.test(s.trim()) ? [s.trim()] : []));
  return unique(parts.map((p) => normaliseId(p)).filter((p): p is string => p !== null));
}

function headerText(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name);
  if (!line) return undefined;
  const i = line.line.indexOf(':');
  return i >= 0 ? line.line.slice(i + 1).trim() : '';
}

function lowerKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

function unique<T>(list: T[]): T[] {
  return [...new Set(list)];
}

/** Postgres text cannot hold NUL; other C0 controls except tab/newline are dropped too. */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
