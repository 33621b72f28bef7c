import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { DeliveryStatus } from '../../../shared/kernel/event';
import { MessagePart } from '../../../shared/kernel/event';
import type { InboundMessage, MediaSource } from '../types';

/**
 * The Meta (WhatsApp Business Cloud API / Messenger) webhook shapes, validated with zod and turned into
 * InboundMessages and delivery statuses. Only the fields we use are required; anything else passes.
 */

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>`; timing-safe. */
export function verifySignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header || !appSecret) return false;
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!m?.[1]) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(m[1], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function sign(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

const WaMessage = z.looseObject({
  from: z.string().min(1).max(64),
  id: z.string().min(1).max(500),
  timestamp: z.string().regex(/^\d{1,12}$/),
  type: z.string().min(1).max(40),
  text: z.looseObject({ body: z.string().max(100_000) }).optional(),
});
const WaStatus = z.looseObject({
  id: z.string().min(1).max(500),
  status: z.string().min(1).max(40),
  timestamp: z.string().regex(/^\d{1,12}$/).optional(),
  recipient_id: z.string().max(64).optional(),
  errors: z.array(z.looseObject({ code: z.number().optional(), title: z.string().optional() })).optional(),
});
const WaValue = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: z.looseObject({ phone_number_id: z.string().min(1).max(64), display_phone_number: z.string().optional() }),
  contacts: z.array(z.looseObject({ wa_id: z.string().max(64), profile: z.looseObject({ name: z.string().max(200).optional() }).optional() })).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});
const MessengerEvent = z.looseObject({
  sender: z.object({ id: z.string().min(1).max(128) }),
  recipient: z.object({ id: z.string().min(1).max(128) }),
  timestamp: z.number().int().nonnegative(),
  message: z
    .looseObject({
      mid: z.string().min(1).max(500),
      text: z.string().max(100_000).optional(),
      is_echo: z.boolean().optional(),
      attachments: z.array(z.unknown()).max(20).optional(),
      quick_reply: z.looseObject({ payload: z.string().max(1000).optional() }).optional(),
      reply_to: z.looseObject({ mid: z.string().min(1).max(500).optional() }).optional(),
    })
    .optional(),
  /** https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-reactions */
  reaction: z
    .looseObject({ mid: z.string().min(1).max(500), action: z.string().max(20).optional(), emoji: z.string().max(64).optional(), reaction: z.string().max(40).optional() })
    .optional(),
  postback: z.looseObject({ mid: z.string().min(1).max(500).optional(), title: z.string().max(1000).optional(), payload: z.string().max(1000).optional() }).optional(),
});
export const MetaWebhook = z.looseObject({
  object: z.enum(['whatsapp_business_account', 'page', 'instagram']),
  entry: z
    .array(
      z.looseObject({
        id: z.string().max(128).optional(),
        changes: z.array(z.looseObject({ field: z.string().max(100), value: z.unknown() })).optional(),
        messaging: z.array(z.unknown()).optional(),
      }),
    )
    .max(1000),
});
export type MetaWebhook = z.infer<typeof MetaWebhook>;

export interface ParsedStatus {
  providerMessageId: string;
  status: DeliveryStatus;
  /** data-free reason for a failure (the provider's error code/title) */
  error: string | null;
  occurredAt: string;
}

export interface ParsedWebhook {
  messages: InboundMessage[];
  statuses: ParsedStatus[];
  /** items that did not validate (counted and logged, never stored) */
  skipped: number;
}

/** The body a message without text gets: what the timeline and search show when nothing else is there. */
const PLACEHOLDER: Record<string, string> = {
  image: '[image]',
  audio: '[voice message]',
  video: '[video]',
  document: '[document]',
  sticker: '[sticker]',
  location: '[location]',
  contacts: '[contact card]',
  interactive: '[interactive reply]',
  button: '[button reply]',
  unsupported: '[unsupported message]',
  link: '[link]',
};

const str = (v: unknown, max: number): string | null => (typeof v === 'string' && v.trim() ? v.slice(0, max) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() && Number.isFinite(Number(v)) ? Number(v) : null);
const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** What one WhatsApp message carried besides text, with where to download its media. */
interface WaContent {
  parts: MessagePart[];
  media: MediaSource[];
  /** text for the body (text, caption, the answer's title); null: the placeholder */
  text: string | null;
  reaction: { targetProviderMessageId: string; emoji: string } | null;
}

/**
 * One WhatsApp Cloud API message object (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components)
 * as parts. Null when the message is unreadable (a part that fails its schema): the caller skips and counts it.
 */
export function whatsappContent(m: Record<string, unknown>, type: string): WaContent | null {
  const out: WaContent = { parts: [], media: [], text: null, reaction: null };
  const o = obj(m[type]);
  switch (type) {
    case 'text':
      out.text = typeof obj(m.text)?.body === 'string' ? (obj(m.text)?.body as string) : '';
      break;
    case 'image':
    case 'document':
    case 'audio':
    case 'video':
    case 'sticker': {
      const mediaId = str(o?.id, 200);
      if (!o || !mediaId) return null;
      const caption = str(o.caption, 4096);
      const filename = str(o.filename, 300);
      const mimeType = str(o.mime_type, 200);
      out.parts.push({ type, mediaId, mimeType, filename, caption, ...(o.voice === true ? { voice: true } : {}) });
      out.media.push({ part: 0, kind: 'whatsapp', mediaId, sha256: str(o.sha256, 200), mimeType, filename });
      out.text = caption;
      break;
    }
    case 'location': {
      const latitude = num(o?.latitude);
      const longitude = num(o?.longitude);
      if (latitude === null || longitude === null) return null;
      out.parts.push({ type: 'location', latitude, longitude, name: str(o?.name, 500), address: str(o?.address, 1000) });
      // the body names the place, so search finds it
      out.text = [str(o?.name, 500), str(o?.address, 1000)].filter(Boolean).join(', ') || null;
      break;
    }
    case 'contacts': {
      const list = Array.isArray(m.contacts) ? m.contacts.slice(0, 20) : null;
      if (!list) return null;
      out.parts.push({
        type: 'contacts',
        contacts: list.map((c) => {
          const x = obj(c) ?? {};
          const name = obj(x.name);
          const phones = Array.isArray(x.phones) ? x.phones : [];
          const emails = Array.isArray(x.emails) ? x.emails : [];
          return {
            name: str(name?.formatted_name, 300) ?? ([str(name?.first_name, 150), str(name?.last_name, 150)].filter(Boolean).join(' ') || '?'),
            phones: phones.slice(0, 20).map((p) => str(obj(p)?.phone, 64) ?? str(obj(p)?.wa_id, 64)).filter((p): p is string => p !== null),
            emails: emails.slice(0, 20).map((e) => str(obj(e)?.email, 300)).filter((e): e is string => e !== null),
          };
        }),
      });
      out.text = (out.parts[0] as Extract<MessagePart, { type: 'contacts' }>).contacts.map((c) => c.name).join(', ') || null;
      break;
    }
    case 'interactive': {
      const kind = o?.type === 'button_reply' || o?.type === 'list_reply' ? o.type : null;
      if (!kind) {
        // another interactive answer (a Flow's nfm_reply, …): kept as such, never dropped
        out.parts.push({ type: 'unsupported', providerType: `interactive:${String(str(o?.type, 28) ?? '?')}`, errorCode: null });
        break;
      }
      const answer = obj(o?.[kind]);
      const title = str(answer?.title, 1000);
      if (!answer || !title) return null;
      out.parts.push({ type: 'interactive', replyKind: kind, replyId: str(answer.id, 1000), title, description: str(answer.description, 1000) });
      out.text = title;
      break;
    }
    case 'button': {
      const title = str(o?.text, 1000);
      if (!title) return null;
      out.parts.push({ type: 'interactive', replyKind: 'button', replyId: str(o?.payload, 1000), title, description: null });
      out.text = title;
      break;
    }
    case 'reaction': {
      const target = str(o?.message_id, 500);
      if (!target) return null;
      // no emoji (or an empty one): the customer took the reaction back
      out.reaction = { targetProviderMessageId: target, emoji: str(o?.emoji, 64) ?? '' };
      break;
    }
    default: {
      // unsupported (errors[]), or a type this version does not know (order, system, referral…): kept as such
      const err = Array.isArray(m.errors) ? obj(m.errors[0]) : null;
      out.parts.push({ type: 'unsupported', providerType: type.slice(0, 40), errorCode: num(err?.code) });
      break;
    }
  }
  for (const p of out.parts) if (!MessagePart.safeParse(p).success) return null;
  return out;
}

/** Messenger `message.attachments[]` (https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages) as parts. */
export function messengerParts(list: readonly unknown[]): { parts: MessagePart[]; media: MediaSource[] } | null {
  const parts: MessagePart[] = [];
  const media: MediaSource[] = [];
  for (const raw of list.slice(0, 20)) {
    const a = obj(raw);
    const type = str(a?.type, 40);
    const payload = obj(a?.payload);
    if (!a || !type) return null;
    if (type === 'image' || type === 'audio' || type === 'video' || type === 'file') {
      const url = str(payload?.url, 4000);
      if (!url || !/^https?:\/\//i.test(url)) return null;
      const t = type === 'file' ? 'document' : payload?.sticker_id !== undefined ? 'sticker' : type;
      media.push({ part: parts.length, kind: 'url', url, mimeType: null, filename: null });
      parts.push({ type: t, mediaId: null, mimeType: null, filename: null, caption: null });
    } else if (type === 'location') {
      const c = obj(payload?.coordinates);
      const latitude = num(c?.lat);
      const longitude = num(c?.long);
      if (latitude === null || longitude === null) return null;
      parts.push({ type: 'location', latitude, longitude, name: str(a.title, 500), address: null });
    } else if (type === 'fallback' || type === 'template') {
      parts.push({ type: 'link', title: str(a.title, 1000), url: str(a.URL ?? a.url ?? payload?.url, 2000) });
    } else {
      parts.push({ type: 'unsupported', providerType: type, errorCode: null });
    }
  }
  for (const p of parts) if (!MessagePart.safeParse(p).success) return null;
  return { parts, media };
}

/** The largest instant a JS Date holds (±8.64e15 ms): beyond it `toISOString()` throws. */
const MAX_DATE_MS = 8.64e15;

/**
 * A provider timestamp (seconds, or milliseconds when > 1e12) as an ISO instant; null when it is no instant at
 * all (not finite, out of Date's range): the caller skips and counts that item, never the whole delivery (issue 9).
 */
export function providerInstant(seconds: string | number | undefined): string | null {
  const n = typeof seconds === 'string' ? Number(seconds) : (seconds ?? Date.now() / 1000);
  const ms = n > 1e12 ? n : n * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) return null;
  return new Date(ms).toISOString();
}

function placeholderBody(parts: readonly MessagePart[], text: string | null, type: string): string {
  const base = PLACEHOLDER[parts[0]?.type ?? type] ?? `[${type.slice(0, 30)} message]`;
  if (parts.length === 0) return text ?? base;
  // an answer's title is the body itself; media and the rest: the placeholder, then the caption
  if (parts[0]?.type === 'interactive') return text ?? base;
  return text && text.trim() ? `${base} ${text}` : base;
}

const STATUS_MAP: Record<string, DeliveryStatus> = { sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed' };

export function parseMetaWebhook(payload: MetaWebhook, options: { teamHint?: string | null } = {}): ParsedWebhook {
  const out: ParsedWebhook = { messages: [], statuses: [], skipped: 0 };
  for (const entry of payload.entry) {
    for (const change of entry.changes ?? []) {
      if (change.field !== 'messages') continue;
      const v = WaValue.safeParse(change.value);
      if (!v.success) {
        out.skipped++;
        continue;
      }
      const value = v.data;
      const pnid = value.metadata.phone_number_id;
      const names = new Map((value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name ?? null]));
      for (const raw of value.messages ?? []) {
        const p = WaMessage.safeParse(raw);
        if (!p.success) {
          out.skipped++;
          continue;
        }
        const m = p.data;
        const occurredAt = providerInstant(m.timestamp);
        if (!occurredAt) {
          out.skipped++;
          continue;
        }
        const waId = m.from.replace(/[^\d]/g, '');
        const content = whatsappContent(m as Record<string, unknown>, m.type);
        if (!content) {
          out.skipped++;
          continue;
        }
        const context = obj((m as Record<string, unknown>).context);
        const quotes = content.reaction ? null : str(context?.id, 500);
        out.messages.push({
          channel: 'social',
          network: 'whatsapp',
          providerMessageId: m.id,
          threadRef: `wa:${pnid}:${waId}`,
          identity: { phone: waId ? `+${waId}` : null, social: waId ? { network: 'whatsapp', handle: waId } : null, displayName: names.get(m.from) ?? null },
          body: content.reaction ? content.reaction.emoji : m.type === 'text' ? (content.text ?? '') : placeholderBody(content.parts, content.text, m.type),
          occurredAt,
          teamHint: options.teamHint ?? null,
          recipient: (value.metadata.display_phone_number ?? pnid).replace(/[^\d]/g, '') || pnid,
          ...(content.parts.length ? { parts: content.parts } : {}),
          ...(content.media.length ? { media: content.media } : {}),
          ...(quotes ? { quotes } : {}),
          ...(content.reaction ? { reaction: content.reaction } : {}),
        });
      }
      for (const raw of value.statuses ?? []) {
        const p = WaStatus.safeParse(raw);
        const status = p.success ? STATUS_MAP[p.data.status] : undefined;
        const at = p.success ? providerInstant(p.data.timestamp) : null;
        if (!p.success || !status || !at) {
          out.skipped++;
          continue;
        }
        const err = p.data.errors?.[0];
        out.statuses.push({
          providerMessageId: p.data.id,
          status,
          error: status === 'failed' ? `provider error ${err?.code ?? 'unknown'}`.slice(0, 500) : null,
          occurredAt: at,
        });
      }
    }
    for (const raw of entry.messaging ?? []) {
      const p = MessengerEvent.safeParse(raw);
      if (!p.success) {
        out.skipped++;
        continue;
      }
      const e = p.data;
      if (!e.message && !e.reaction && !e.postback) continue;
      if (e.message?.is_echo) continue;
      const occurredAt = providerInstant(e.timestamp);
      if (!occurredAt) {
        out.skipped++;
        continue;
      }
      const common = {
        channel: 'social' as const,
        network: 'messenger' as const,
        threadRef: `fb:${e.recipient.id}:${e.sender.id}`,
        identity: { social: { network: 'messenger' as const, handle: e.sender.id } },
        occurredAt,
        teamHint: options.teamHint ?? null,
      };
      if (e.reaction) {
        // a reaction event has no id of its own: the reaction is named by its target, action, emoji and time
        const emoji = e.reaction.action === 'unreact' ? '' : (e.reaction.emoji ?? e.reaction.reaction ?? '').slice(0, 64);
        out.messages.push({
          ...common,
          providerMessageId: `reaction:${e.reaction.mid}:${e.reaction.action ?? 'react'}:${emoji}:${e.timestamp}`.slice(0, 500),
          body: emoji,
          reaction: { targetProviderMessageId: e.reaction.mid, emoji },
        });
        continue;
      }
      if (e.postback) {
        const title = str(e.postback.title, 1000) ?? str(e.postback.payload, 1000) ?? '';
        const pid = e.postback.mid ?? `postback:${e.sender.id}:${e.timestamp}`;
        if (!title) {
          out.skipped++;
          continue;
        }
        out.messages.push({
          ...common,
          providerMessageId: pid.slice(0, 500),
          body: title,
          parts: [{ type: 'interactive', replyKind: 'postback', replyId: str(e.postback.payload, 1000), title, description: null }],
        });
        continue;
      }
      const msg = e.message as NonNullable<typeof e.message>;
      const att = msg.attachments?.length ? messengerParts(msg.attachments) : { parts: [], media: [] };
      if (!att) {
        out.skipped++;
        continue;
      }
      const parts: MessagePart[] = [...att.parts];
      if (msg.quick_reply && msg.text) {
        parts.unshift({ type: 'interactive', replyKind: 'quick_reply', replyId: str(msg.quick_reply.payload, 1000), title: msg.text.slice(0, 1000), description: null });
      }
      const media = msg.quick_reply && msg.text ? att.media.map((x) => ({ ...x, part: x.part + 1 })) : att.media;
      const quotes = str(msg.reply_to?.mid, 500);
      out.messages.push({
        ...common,
        providerMessageId: msg.mid,
        body: msg.text ?? placeholderBody(parts, null, 'attachment'),
        ...(parts.length ? { parts } : {}),
        ...(media.length ? { media } : {}),
        ...(quotes ? { quotes } : {}),
      });
    }
  }
  return out;
}

/** Chatwoot-style `message_created` webhook (an integration format): incoming messages only. */
export const ChatwootMessageCreated = z.looseObject({
  event: z.literal('message_created'),
  id: z.union([z.number(), z.string()]),
  content: z.string().max(100_000).nullable().optional(),
  message_type: z.union([z.string(), z.number()]),
  created_at: z.union([z.string(), z.number()]).optional(),
  conversation: z.looseObject({ id: z.union([z.number(), z.string()]) }),
  sender: z
    .looseObject({
      id: z.union([z.number(), z.string()]).optional(),
      name: z.string().max(200).nullable().optional(),
      email: z.string().max(300).nullable().optional(),
      phone_number: z.string().max(64).nullable().optional(),
    })
    .optional(),
});

/** A Chatwoot item that cannot be stored (its created_at is no instant): answered 200 and counted, never a 500. */
export const CHATWOOT_SKIPPED = { skipped: 'bad_timestamp' } as const;

export function parseChatwoot(p: z.infer<typeof ChatwootMessageCreated>): InboundMessage | null | typeof CHATWOOT_SKIPPED {
  if (!(p.message_type === 'incoming' || p.message_type === 0)) return null;
  const created = p.created_at;
  const occurredAt =
    typeof created === 'number' ? providerInstant(created) : created && !Number.isNaN(Date.parse(created)) ? new Date(created).toISOString() : new Date().toISOString();
  if (!occurredAt) return CHATWOOT_SKIPPED;
  return {
    channel: 'social',
    network: 'other',
    providerMessageId: `chatwoot:${String(p.id)}`,
    threadRef: `chatwoot:${String(p.conversation.id)}`,
    // a Chatwoot contact's email and phone are whatever the visitor typed: claims, never keys (issue 9)
    identity: {
      claimedEmail: p.sender?.email ?? null,
      claimedPhone: p.sender?.phone_number ?? null,
      verified: false,
      social: p.sender?.id !== undefined ? { network: 'other', handle: `chatwoot-${String(p.sender.id)}` } : null,
      displayName: p.sender?.name ?? null,
    },
    body: p.content ?? '',
    occurredAt,
  };
}
