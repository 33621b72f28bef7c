import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { PermanentDeliveryError, type ChannelSender, type OutboundMessage } from '../types';
import { composeReply } from './compose';

export interface SmtpSenderOptions {
  /** nodemailer SMTP transport options or an smtp:// / smtps:// URL */
  transport: SMTPTransport.Options | string;
  /** the support address replies come from, e.g. `"Omnidesk Support" <support@example.com>` */
  from: string;
  /** domain of generated Message-IDs (default: the from address's domain) */
  messageIdDomain?: string;
}

/** References keeps the root and the newest ids (RFC 5322 suggests trimming long chains this way). */
const MAX_REFERENCES = 20;

/** The threading headers of a reply from the thread's provider ids (oldest first). */
export function threadingHeaders(ids: readonly string[]): { inReplyTo: string | undefined; references: string[] } {
  const list = [...new Set(ids)];
  const references = list.length > MAX_REFERENCES ? [list[0]!, ...list.slice(-(MAX_REFERENCES - 1))] : list;
  return { inReplyTo: list[list.length - 1], references };
}

export function replyMessageId(eventId: string, domain: string): string {
  return `<${eventId}@${domain}>`;
}

/**
 * Agent replies over SMTP (nodemailer). From = the support address, To = the customer's first email,
 * In-Reply-To = the newest id of the thread, References = the chain, so the customer's client threads it.
 * The body is multipart/alternative (text + HTML, compose.ts), the customer's last message quoted under it.
 * The Message-ID is derived from the message.sent event id: a resend after a crash carries the same id,
 * which receiving systems use to drop the copy. 5xx answers are permanent; connection problems and 4xx
 * are retried by the delivery worker.
 */
export function createSmtpSender(options: SmtpSenderOptions): ChannelSender & { close(): void } {
  const transporter: Transporter<SMTPTransport.SentMessageInfo> = nodemailer.createTransport(options.transport as SMTPTransport.Options);
  const domain = options.messageIdDomain ?? (/@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'omnidesk.local');
  return {
    channel: 'email',
    async send(m: OutboundMessage) {
      const to = m.customer.emails[0];
      if (!to) throw new PermanentDeliveryError('the customer has no email address');
      const { inReplyTo, references } = threadingHeaders(m.threadProviderIds);
      const subject = m.subject ?? (m.thread.subject ? `Re: ${m.thread.subject}` : '');
      const messageId = replyMessageId(m.eventId, domain);
      const { text, html } = composeReply(m.body, m.quoted ?? null);
      try {
        await transporter.sendMail({
          from: options.from,
          to,
          subject,
          // multipart/alternative: plain text first, HTML preferred by clients that show it
          text,
          html,
          messageId,
          ...(m.cc?.length ? { cc: [...m.cc] } : {}),
          ...(m.attachments?.length ? { attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })) } : {}),
          ...(inReplyTo ? { inReplyTo, references } : {}),
        });
      } catch (err) {
        const e = err as { responseCode?: unknown; code?: unknown };
        if (typeof e.responseCode === 'number' && e.responseCode >= 500) {
          throw new PermanentDeliveryError(`refused by the mail server (SMTP ${e.responseCode})`);
        }
        if (e.code === 'EENVELOPE' && typeof e.responseCode !== 'number') {
          throw new PermanentDeliveryError('invalid recipient address');
        }
        throw err;
      }
      return { providerMessageId: messageId };
    },
    close() {
      transporter.close();
    },
  };
}
