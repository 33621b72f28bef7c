import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { DeliveryStatus } from '../../../shared/kernel/event';
import type { InboundMessage } from '../types';

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
  message: z.looseObject({ mid: z.string().min(1).max(500), text: z.string().max(100_000).optional(), is_echo: z.boolean().optional() }).optional(),
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

const PLACEHOLDER: Record<string, string> = {
  image: '[image]',
  audio: '[voice message]',
  video: '[video]',
  document: '[document]',
  sticker: '[sticker]',
  location: '[location]',
  contacts: '[contact card]',
  reaction: '[reaction]',
  interactive: '[interactive reply]',
  button: '[button reply]',
};

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

function placeholderBody(m: Record<string, unknown>, type: string): string {
  const caption = (m[type] as { caption?: unknown } | undefined)?.caption;
  const base = PLACEHOLDER[type] ?? `[${type.slice(0, 30)} message]`;
  return typeof caption === 'string' && caption.trim() ? `${base} ${caption}` : base;
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
        const body = m.type === 'text' && m.text ? m.text.body : placeholderBody(m, m.type);
        out.messages.push({
          channel: 'social',
          network: 'whatsapp',
          providerMessageId: m.id,
          threadRef: `wa:${pnid}:${waId}`,
          identity: { phone: waId ? `+${waId}` : null, social: waId ? { network: 'whatsapp', handle: waId } : null, displayName: names.get(m.from) ?? null },
          body,
          occurredAt,
          teamHint: options.teamHint ?? null,
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
      if (!p.success || !p.data.message || p.data.message.is_echo) {
        if (!p.success) out.skipped++;
        continue;
      }
      const e = p.data;
      const msg = e.message as NonNullable<typeof e.message>;
      const occurredAt = providerInstant(e.timestamp);
      if (!occurredAt) {
        out.skipped++;
        continue;
      }
      out.messages.push({
        channel: 'social',
        network: 'messenger',
        providerMessageId: msg.mid,
        threadRef: `fb:${e.recipient.id}:${e.sender.id}`,
        identity: { social: { network: 'messenger', handle: e.sender.id } },
        body: msg.text ?? '[attachment]',
        occurredAt,
        teamHint: options.teamHint ?? null,
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
