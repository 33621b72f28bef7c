/**
 * Inbound email into PostgreSQL (target ≥ 500 emails/s parsed and stored): N raw RFC 5322 messages (plain,
 * HTML with remote images, multipart/alternative, GB2312 Chinese, small attachments; 500 senders writing
 * threads of replies) go through the real path — mailparser + sanitizer, attachment store, the shared
 * ingestion pipeline (dedupe, identity, thread/case, events) — on a fresh database, up to 64 in flight
 * as an SMTP listener with many connections would. Beside it: a raw pg insert loop of the same rows
 * (one INSERT per message into a bare table, one transaction).
 */
import { receiveEmail } from '../../src/server/channels/email';
import { createLogger } from '../../src/server/kernel/logger';
import { openBenchDatabase } from './bench-database';
import { record } from './lib';
import { timeRawInserts } from './raw-insert';

const N = 5000;
const SENDERS = 500;
const IN_FLIGHT = 64;

// GB2312 samples, base64 (Node cannot encode GB2312 itself): "血糖仪一直报错", "您好，我的血糖仪一直报错。"
const ZH_SUBJECT_B64 = '0arMx9LH0rvWsbGotO0=';
const ZH_BODY_B64 = 'xPq6w6OsztK1xNGqzMfSx9K71rGxqLTtoaM=';

function rawEmail(i: number): string {
  const sender = i % SENDERS;
  const round = Math.floor(i / SENDERS);
  const from = `Customer ${sender} <bench.customer.${sender}@example.org>`;
  const id = `<bench-${i}@example.org>`;
  const prev = round > 0 ? `<bench-${i - SENDERS}@example.org>` : null;
  const root = `<bench-${sender}@example.org>`;
  const threading = prev ? `In-Reply-To: ${prev}\r\nReferences: ${root}${prev !== root ? ` ${prev}` : ''}\r\n` : '';
  const head = `From: ${from}\r\nTo: support@omnidesk.test\r\nMessage-ID: ${id}\r\n${threading}Date: Mon, 16 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n`;
  switch (i % 4) {
    case 0:
      return `${head}Subject: ${prev ? 'Re: ' : ''}Sensor ${sender} keeps disconnecting\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello,\r\nmy sensor disconnects every hour since the update (message ${i}).\r\nThanks\r\n`;
    case 1:
      return (
        `${head}Subject: ${prev ? 'Re: ' : ''}Sensor ${sender} keeps disconnecting\r\nContent-Type: multipart/alternative; boundary="b${i}"\r\n\r\n` +
        `--b${i}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe app shows error E${i % 9}. Screenshot in the HTML part.\r\n` +
        `--b${i}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p style="color:#333">The app shows <b>error E${i % 9}</b>.</p>` +
        `<img src="https://cdn.example.org/s/${i}.png"><script>track()</script><a href="https://help.example.org">help</a></body></html>\r\n--b${i}--\r\n`
      );
    case 2:
      return (
        `${head}Subject: =?GB2312?B?${ZH_SUBJECT_B64}?=\r\nContent-Type: text/plain; charset=GB2312\r\nContent-Transfer-Encoding: base64\r\n\r\n${ZH_BODY_B64}\r\n`
      );
    default:
      return (
        `${head}Subject: ${prev ? 'Re: ' : ''}Receipt for the cuff\r\nContent-Type: multipart/mixed; boundary="m${i}"\r\n\r\n` +
        `--m${i}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nReceipt attached.\r\n` +
        `--m${i}\r\nContent-Type: application/pdf; name="receipt.pdf"\r\nContent-Disposition: attachment; filename="receipt.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
        `${Buffer.from(`%PDF-1.4 receipt ${i % 50} `.repeat(40)).toString('base64')}\r\n--m${i}--\r\n`
      );
  }
}

export async function benchEmailInbound(): Promise<void> {
  console.log(`\nEmail inbound: ${N.toLocaleString('en')} raw emails → parse + sanitize + ingest (fresh database)`);
  const bench = await openBenchDatabase();
  const { db, kind } = bench;
  try {
    const raws = Array.from({ length: N }, (_, i) => Buffer.from(rawEmail(i)));
    const deps = { db, logger: createLogger({ level: 'warn' }) };

    const t0 = performance.now();
    let next = 0;
    const worker = async () => {
      for (;;) {
        const i = next++;
        if (i >= N) return;
        await receiveEmail(deps, raws[i]!, 'smtp');
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const ms = performance.now() - t0;

    const { rows } = await db.query<{ n: unknown }>(
      `select count(*) as n from events where kind = 'message.received' and meta->>'providerMessageId' like '<bench-%@example.org>'`,
    );
    if (Number(rows[0]!.n) !== N) throw new Error(`bench: expected ${N} stored emails, found ${String(rows[0]!.n)}`);
    const perS = N / (ms / 1000);
    record({ id: kind === 'postgres' ? 'channels.email.inbound_per_s' : 'channels.email.inbound_per_s_pglite', value: perS, unit: 'emails/s', target: '>= 500' });

    if (bench.url) {
      const { rows: evs } = await db.query<{ id: string; body: string | null; meta: unknown }>(
        `select id, body, meta from events where kind = 'message.received' and meta->>'providerMessageId' like '<bench-%@example.org>'`,
      );
      const raw = await timeRawInserts(bench.url, {
        createTable: 'create table raw_emails (id uuid primary key, body text, meta jsonb)',
        insert: 'insert into raw_emails (id, body, meta) values ($1, $2, $3)',
        count: evs.length,
        row: (i) => [evs[i]!.id, evs[i]!.body, JSON.stringify(evs[i]!.meta)],
      });
      record({ id: 'channels.email.raw_pg_insert_per_s', value: raw.perS, unit: 'rows/s', target: null });
      record({ id: 'channels.email.inbound_vs_raw_insert_ratio', value: perS / raw.perS, unit: 'ratio', target: null });
    }
  } finally {
    await bench.close();
  }
}
