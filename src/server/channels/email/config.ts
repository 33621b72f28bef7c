/**
 * The email channel's settings, from the environment (all optional: without them the channel is off).
 *  - OMNIDESK_SMTP_INBOUND_PORT / OMNIDESK_SMTP_INBOUND_HOST (127.0.0.1): the inbound SMTP listener
 *  - OMNIDESK_SMTP_OUTBOUND_URL (smtp://user:pass@host:587, smtps://…:465): agent replies go out here
 *  - OMNIDESK_SUPPORT_FROM: the From of replies, e.g. `"Omnidesk Support" <support@example.com>` (required with the URL)
 *  - OMNIDESK_IMAP_URL (imap://user:pass@host:143/INBOX, imaps://…): a mailbox polled every
 *    OMNIDESK_IMAP_INTERVAL_MS (30000)
 *  - OMNIDESK_EMAIL_MAX_MB (30): largest message accepted; attachments: 25 MB each and together
 *  - OMNIDESK_EMAIL_PARSE_THREADS (cores − 1, 1–4; 0 = parse on the main thread): worker threads that parse messages
 *    above OMNIDESK_EMAIL_PARSE_INLINE_KB (256), each within OMNIDESK_EMAIL_PARSE_BUDGET_MS (30000)
 */
export interface EmailConfig {
  inbound: { port: number; host: string } | null;
  outbound: { url: string; from: string } | null;
  imap: { host: string; port: number; secure: boolean; user: string; pass: string; mailbox: string; intervalMs: number } | null;
  maxMessageBytes: number;
  /** MIME parsing off the event loop (parse-pool.ts); threads 0: on the main thread */
  parse: { threads: number | null; inlineBytes: number; budgetMs: number };
}

export function loadEmailConfig(env: Record<string, string | undefined> = process.env): EmailConfig {
  const num = (name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number => {
    const v = env[name]?.trim();
    if (!v) return fallback;
    if (!/^\d+$/.test(v) || Number(v) > max) throw new Error(`${name} must be an integer 0-${max}, got "${v}"`);
    return Number(v);
  };
  const inboundPort = env.OMNIDESK_SMTP_INBOUND_PORT?.trim();
  const outUrl = env.OMNIDESK_SMTP_OUTBOUND_URL?.trim();
  const from = env.OMNIDESK_SUPPORT_FROM?.trim();
  if (outUrl && !from) throw new Error('OMNIDESK_SUPPORT_FROM is required with OMNIDESK_SMTP_OUTBOUND_URL');
  if (outUrl && !/^smtps?:\/\//.test(outUrl)) throw new Error('OMNIDESK_SMTP_OUTBOUND_URL must start with smtp:// or smtps://');
  let imap: EmailConfig['imap'] = null;
  const imapUrl = env.OMNIDESK_IMAP_URL?.trim();
  if (imapUrl) {
    let u: URL;
    try {
      u = new URL(imapUrl);
    } catch {
      throw new Error('OMNIDESK_IMAP_URL is not a URL');
    }
    if (u.protocol !== 'imap:' && u.protocol !== 'imaps:') throw new Error('OMNIDESK_IMAP_URL must start with imap:// or imaps://');
    const secure = u.protocol === 'imaps:';
    imap = {
      host: u.hostname,
      port: u.port ? Number(u.port) : secure ? 993 : 143,
      secure,
      user: decodeURIComponent(u.username),
      pass: decodeURIComponent(u.password),
      mailbox: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
      intervalMs: num('OMNIDESK_IMAP_INTERVAL_MS', 30_000),
    };
  }
  return {
    inbound: inboundPort ? { port: num('OMNIDESK_SMTP_INBOUND_PORT', 0, 65535), host: env.OMNIDESK_SMTP_INBOUND_HOST?.trim() || '127.0.0.1' } : null,
    outbound: outUrl && from ? { url: outUrl, from } : null,
    imap,
    maxMessageBytes: num('OMNIDESK_EMAIL_MAX_MB', 30, 1024) * 1024 * 1024,
    parse: {
      threads: env.OMNIDESK_EMAIL_PARSE_THREADS?.trim() ? num('OMNIDESK_EMAIL_PARSE_THREADS', 0, 64) : null,
      inlineBytes: num('OMNIDESK_EMAIL_PARSE_INLINE_KB', 256, 1024 * 1024) * 1024,
      budgetMs: num('OMNIDESK_EMAIL_PARSE_BUDGET_MS', 30_000, 3_600_000),
    },
  };
}
