/**
 * The demo's mail sink (issue 15): `npm start` points the server's outbound email at it, so an agent's email reply is
 * really delivered over SMTP (not "Queued" forever) and can be read at a local web page, as the customer got it.
 * Keeps the last 200 messages in memory; nothing leaves the machine. Development only: no TLS, no auth, loopback.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

export interface SunkMail {
  at: string;
  from: string;
  to: string;
  cc: string;
  subject: string;
  text: string;
  attachments: string[];
}

export interface MailSink {
  /** the server's OMNIDESK_SMTP_OUTBOUND_URL */
  smtpUrl: string;
  /** where to read what was sent */
  webUrl: string;
  messages(): readonly SunkMail[];
  close(): Promise<void>;
}

const MAX = 200;
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const addresses = (a: unknown): string => {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  return list.map((x: { text?: string }) => x.text ?? '').join(', ');
};

function page(mails: readonly SunkMail[]): string {
  const items = [...mails]
    .reverse()
    .map(
      (m) => `<article><h2>${esc(m.subject || '(no subject)')}</h2><p class="meta">${esc(m.at)} · from ${esc(m.from)} · to ${esc(m.to)}${m.cc ? ` · cc ${esc(m.cc)}` : ''}</p>` +
        `${m.attachments.length ? `<p class="meta">attached: ${m.attachments.map(esc).join(', ')}</p>` : ''}<pre>${esc(m.text)}</pre></article>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Omnidesk demo mail (${mails.length})</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:60rem;color:#1f2933}article{border:1px solid #c3cad3;border-radius:6px;padding:1rem;margin:1rem 0}.meta{color:#4a5560;font-size:.9em}pre{white-space:pre-wrap;font:inherit}</style></head>
<body><h1>Email the demo customers received</h1><p class="meta">Every email reply an agent sends in the demo is delivered here (it refreshes itself). Nothing leaves this machine.</p>${items || '<p>No email sent yet.</p>'}</body></html>`;
}

export async function startMailSink(options: { smtpPort?: number; webPort?: number; host?: string } = {}): Promise<MailSink> {
  const host = options.host ?? '127.0.0.1';
  const mails: SunkMail[] = [];
  const smtp = new SMTPServer({
    name: 'omnidesk-demo-sink',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    size: 30 * 1024 * 1024,
    onData(stream: SMTPServerDataStream, _session, callback) {
      simpleParser(stream).then(
        (m) => {
          mails.push({
            at: new Date().toISOString(),
            from: addresses(m.from),
            to: addresses(m.to),
            cc: addresses(m.cc),
            subject: m.subject ?? '',
            text: (m.text ?? '').slice(0, 100_000),
            attachments: m.attachments.map((a) => `${a.filename ?? 'file'} (${a.size} bytes)`),
          });
          if (mails.length > MAX) mails.shift();
          callback();
        },
        (err: unknown) => callback(err instanceof Error ? err : new Error('unreadable message')),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort ?? 0, host, () => resolve());
  });
  const web: Server = createServer((req, res) => {
    if (req.url === '/messages.json') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(mails));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
    res.end(page(mails));
  });
  await new Promise<void>((resolve, reject) => {
    web.once('error', reject);
    web.listen(options.webPort ?? 0, host, () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const webPort = (web.address() as AddressInfo).port;
  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    webUrl: `http://${host}:${webPort}/`,
    messages: () => mails,
    async close() {
      await new Promise<void>((r) => smtp.close(() => r()));
      await new Promise<void>((r) => web.close(() => r()));
    },
  };
}
