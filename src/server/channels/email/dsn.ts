import type { BounceReport } from '../../../shared/kernel/event';
import { entityBody, rawEntities } from './mime-raw';

/**
 * RFC 3464 delivery-status reports (the `message/delivery-status` part of a multipart/report bounce, or
 * `message/global-delivery-status`, RFC 6533, in UTF-8): the per-message fields (Reporting-MTA), then one
 * group per recipient (Final-Recipient, Action, Status, Remote-MTA, Diagnostic-Code). Read from the raw
 * bytes, because mailparser folds this part into the message's text.
 */

type Recipient = BounceReport['recipients'][number];

const MAX_RECIPIENTS = 50;

/** Field groups (blank-line separated), each a lower-case name → value map with folded lines joined. */
function fieldGroups(text: string): Array<Map<string, string>> {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((group) => {
      const fields = new Map<string, string>();
      for (const field of group.split(/\n(?![ \t])/)) {
        const m = /^([A-Za-z0-9-]+)[ \t]*:(.*)$/s.exec(field.trim());
        if (m && !fields.has(m[1]!.toLowerCase())) fields.set(m[1]!.toLowerCase(), m[2]!.replace(/\n[ \t]+/g, ' ').trim());
      }
      return fields;
    })
    .filter((g) => g.size > 0);
}

/** `rfc822; a@b` → `a@b`, `dns; mx.example` → `mx.example` (the address/name type dropped). */
function typed(v: string | undefined, max: number): string | null {
  if (!v) return null;
  const value = v.replace(/^[A-Za-z0-9-]+[ \t]*;[ \t]*/, '').replace(/^<(.*)>$/, '$1').trim();
  return value ? value.slice(0, max) : null;
}

/** The fields of one delivery-status body. */
export function parseDeliveryStatus(text: string): { reportingMta: string | null; recipients: Recipient[] } {
  const groups = fieldGroups(text);
  let reportingMta: string | null = null;
  const recipients: Recipient[] = [];
  for (const g of groups) {
    reportingMta ??= typed(g.get('reporting-mta'), 255);
    const recipient = typed(g.get('final-recipient') ?? g.get('original-recipient'), 320);
    if (!recipient || recipients.length >= MAX_RECIPIENTS) continue;
    recipients.push({
      recipient,
      action: g.get('action')?.toLowerCase().slice(0, 40) || null,
      status: /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(g.get('status') ?? '')?.[1] ?? null,
      remoteMta: typed(g.get('remote-mta'), 255),
      diagnostic: typed(g.get('diagnostic-code'), 500),
    });
  }
  return { reportingMta, recipients };
}

/** The message's delivery-status report, or null when it has none. */
export function findDeliveryStatus(raw: Buffer): { reportingMta: string | null; recipients: Recipient[] } | null {
  const s = raw.toString('latin1');
  if (!/delivery-status/i.test(s)) return null;
  for (const e of rawEntities(s)) {
    const type = e.contentType?.toLowerCase() ?? '';
    const global = /^\s*message\/global-delivery-status\b/.test(type);
    if (!global && !/^\s*message\/delivery-status\b/.test(type)) continue;
    const body = entityBody(s, e).slice(0, 256 * 1024);
    return parseDeliveryStatus(global ? Buffer.from(body, 'latin1').toString('utf8') : body);
  }
  return null;
}

/** The status code a bounce is about: the first failed recipient's, else the first one given. */
export function bounceStatus(recipients: readonly Recipient[]): string | null {
  return (recipients.find((r) => r.action === 'failed' && r.status) ?? recipients.find((r) => r.status))?.status ?? null;
}

/** A returned message (or its headers) as a bounce carries it. */
export const RETURNED_MESSAGE_TYPE = /^(?:message\/(?:rfc822|global)|text\/rfc822-headers|message\/(?:rfc822|global)-headers)$/i;

/** The file name a returned part is stored under (they come without one). */
export function returnedPartName(contentType: string): string {
  return /headers$/i.test(contentType) ? 'returned-message-headers.txt' : 'returned-message.eml';
}
