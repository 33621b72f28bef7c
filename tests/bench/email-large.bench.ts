/**
 * Large email without holding up the server (issue 10, item 2). A real server (HTTP + SMTP listener, on PostgreSQL as
 * the other throughput benches; PGlite, which runs in the server's own thread, only when PostgreSQL is not there) takes
 * mail over SMTP while a monitor asks GET /api/health every 20 ms, one request after another:
 *  - channels.email.health_p99_during_large_ms: the health check's p99 while 20 MB messages stream in, two at a time
 *    (target ≤ 100 ms; MIME parsing runs in the worker pool). The same with parsing on the main thread is printed
 *    beside it, from fewer messages.
 *  - channels.email.mixed_size.inbound_per_s: messages accepted per second over SMTP with a realistic size mix
 *    (1 KB – 25 MB: mostly small text and HTML, some photos and PDFs, a few very large), 8 connections.
 */
import nodemailer from 'nodemailer';
import { createServer } from '../../src/server/app';
import { createEmailParsePool, DEFAULT_EMAIL_LIMITS, inlineEmailParser, startSmtpInbound, type EmailParser } from '../../src/server/channels/email';
import { createLogger } from '../../src/server/kernel/logger';
import { openBenchDatabase } from './bench-database';
import { record, summarize } from './lib';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const MB = 1024 * 1024;

/**
 * A message of about `bytes`: text + HTML and, above 20 KB, an attachment making up the rest. From 1 MB on, the HTML is
 * a long forwarded report (a table of readings, ~10% of the size, up to 2 MB): sanitizing it is the costly part.
 */
function message(i: number, bytes: number): Buffer {
  const rows = bytes >= MB ? Math.min(2 * MB, Math.floor(bytes / 10)) / 120 : 0;
  const table = rows ? `<table>${Array.from({ length: Math.floor(rows) }, (_, r) => `<tr><td style="color:#333">${r}</td><td><b>${(r * 7) % 300}</b> mg/dL</td><td><a href="https://x.example/${r}">view</a></td></tr>`).join('')}</table>` : '';
  const attach = Math.max(0, Math.floor((bytes - 4096 - table.length) * 0.74));
  const head =
    `From: Sender ${i % 97} <sender.${i % 97}@example.org>\r\nTo: support@omnidesk.test\r\nSubject: Readings export ${i}\r\n` +
    `Message-ID: <large-${i}-${Date.now()}@example.org>\r\nDate: Mon, 16 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n`;
  const text = `Hello, the export of my readings is attached (message ${i}).\r\n`;
  const alt =
    `Content-Type: multipart/alternative; boundary="alt${i}"\r\n\r\n--alt${i}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}` +
    `--alt${i}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>${text}</p><img src="https://cdn.example.org/${i}.png">${table}\r\n--alt${i}--\r\n`;
  if (attach < 16 * 1024) return Buffer.from(head + alt);
  const b64 = Buffer.alloc(attach, i % 251).toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    `${head}Content-Type: multipart/mixed; boundary="mix${i}"\r\n\r\n--mix${i}\r\n${alt}--mix${i}\r\n` +
      `Content-Type: application/pdf; name="export-${i}.pdf"\r\nContent-Disposition: attachment; filename="export-${i}.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64}\r\n--mix${i}--\r\n`,
  );
}

/** Sizes as support mailboxes see them: most a few KB, some photos, a few large exports. Deterministic. */
function mixedSize(i: number): number {
  const r = (i * 2654435761) % 1000;
  if (r < 780) return 1024 + ((i * 7919) % (20 * 1024));
  if (r < 940) return 100 * 1024 + ((i * 104729) % (900 * 1024));
  if (r < 990) return 2 * MB + ((i * 1299709) % (6 * MB));
  return 20 * MB + ((i * 15485863) % (5 * MB));
}

async function withServer<T>(parser: EmailParser, run: (ctx: { healthUrl: string; send(raw: Buffer): Promise<void> }) => Promise<T>): Promise<T> {
  const bench = await openBenchDatabase({ customers: 5 });
  const { db } = bench;
  kind = bench.kind;
  const logger = createLogger({ level: 'silent' });
  const server = createServer({ db, jwtSecret: SECRET, logger });
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  const smtp = await startSmtpInbound({ db, logger, poke: (s) => server.poke(s), limits: DEFAULT_EMAIL_LIMITS, parser, port: 0 });
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 8 });
  try {
    return await run({
      healthUrl: `${url}/api/health`,
      send: async (raw) => {
        await transport.sendMail({ envelope: { from: 'sender@example.org', to: ['support@omnidesk.test'] }, raw });
      },
    });
  } finally {
    transport.close();
    await smtp.close();
    await parser.close();
    await server.close();
    await bench.close();
  }
}

let kind: 'postgres' | 'pglite' = 'postgres';

/** Health-check latencies, one request after another every 20 ms, until `done` settles. */
async function monitor(healthUrl: string, done: Promise<unknown>): Promise<number[]> {
  let over = false;
  void done.finally(() => (over = true));
  const samples: number[] = [];
  while (!over) {
    const t0 = performance.now();
    const res = await fetch(healthUrl);
    await res.arrayBuffer();
    samples.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  return samples;
}

async function largeStream(parser: EmailParser, count: number): Promise<{ p99: number; max: number; seconds: number }> {
  return withServer(parser, async ({ healthUrl, send }) => {
    await fetch(healthUrl); // warm
    const raws = Array.from({ length: count }, (_, i) => message(10_000 + i, 20 * MB));
    const t0 = performance.now();
    let next = 0;
    const sending = Promise.all(
      [0, 1].map(async () => {
        while (next < raws.length) await send(raws[next++]!);
      }),
    );
    const samples = await monitor(healthUrl, sending);
    await sending;
    const s = summarize(samples);
    return { p99: s.p99, max: s.max, seconds: (performance.now() - t0) / 1000 };
  });
}

export async function benchEmailLarge(): Promise<void> {
  console.log('\nLarge email over SMTP while the health check is polled (worker pool for MIME parsing)');
  const pooled = await largeStream(createEmailParsePool(), 10);
  record({ id: `channels.email.health_p99_during_large_ms${kind === 'pglite' ? '_pglite' : ''}`, value: pooled.p99, unit: 'ms', target: '<= 100' });
  console.log(`    10 × 20 MB in ${pooled.seconds.toFixed(1)} s; health max ${pooled.max.toFixed(0)} ms`);
  const inline = await largeStream(inlineEmailParser(), 3);
  console.log(`    for comparison, parsing on the main thread: 3 × 20 MB, health p99 ${inline.p99.toFixed(0)} ms, max ${inline.max.toFixed(0)} ms`);

  const N = 400;
  const sizes = Array.from({ length: N }, (_, i) => mixedSize(i));
  const total = sizes.reduce((a, b) => a + b, 0);
  const rate = await withServer(createEmailParsePool(), async ({ send }) => {
    const raws = sizes.map((b, i) => message(i, b));
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < raws.length) await send(raws[next++]!);
      }),
    );
    return N / ((performance.now() - t0) / 1000);
  });
  record({ id: `channels.email.mixed_size.inbound_per_s${kind === 'pglite' ? '_pglite' : ''}`, value: Math.round(rate * 10) / 10, unit: 'emails/s', target: null });
  console.log(`    ${N} messages, ${(total / MB).toFixed(0)} MB in all (78% ≤ 21 KB, 16% 0.1–1 MB, 5% 2–8 MB, 1% 20–25 MB), 8 SMTP connections`);
}
