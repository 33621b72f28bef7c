/**
 * Machine-sent mail that must never open a case: auto-replies (vacation, "we received your message") and
 * bounces (delivery status notifications). Recognised by the standard headers (RFC 3834 Auto-Submitted,
 * the common X-Autoreply/X-Autorespond, Precedence bulk/junk/list/auto_reply), RFC 3464 multipart/report
 * delivery-status reports, and the conventional bounce senders (MAILER-DAEMON, postmaster) / empty
 * envelope sender. They are still stored (an agent may want to see that a reply bounced).
 */
export type AutomatedKind = 'auto-reply' | 'bounce';

export interface AutoReplyInput {
  /** lower-case header name → raw value(s) */
  header(name: string): string | undefined;
  /** the top-level content type, lower case, e.g. "multipart/report" */
  contentType: string;
  /** parameters of the top-level content type, lower-case names */
  contentTypeParams: Readonly<Record<string, string>>;
  /** the From address, as received */
  fromAddress: string | null;
}

const BOUNCE_SENDER = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;

export function detectAutomated(m: AutoReplyInput): AutomatedKind | null {
  if (m.contentType === 'multipart/report' && /delivery-status/i.test(m.contentTypeParams['report-type'] ?? '')) return 'bounce';
  if (m.fromAddress && BOUNCE_SENDER.test(m.fromAddress)) return 'bounce';
  const returnPath = m.header('return-path');
  if (returnPath !== undefined && /^\s*<\s*>\s*$/.test(returnPath)) return 'bounce';
  const autoSubmitted = m.header('auto-submitted');
  if (autoSubmitted && !/^\s*no\b/i.test(autoSubmitted)) return 'auto-reply';
  if (m.header('x-autoreply') || m.header('x-autorespond') || m.header('x-autoresponder')) return 'auto-reply';
  const precedence = m.header('precedence');
  if (precedence && /^\s*(bulk|junk|list|auto_reply)\b/i.test(precedence)) return 'auto-reply';
  return null;
}
