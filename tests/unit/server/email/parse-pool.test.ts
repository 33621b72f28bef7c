import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_EMAIL_LIMITS, EmailRejectedError, parseEmail } from '../../../../src/server/channels/email/parse';
import { createEmailParsePool, ParseBudgetError } from '../../../../src/server/channels/email/parse-pool';

/**
 * MIME parsing off the event loop (issue 10, item 2): a message above the inline size is parsed in a worker thread
 * with the same result as on the main thread; a refusal keeps its code across the thread; a message past its time
 * budget fails as a transient error and the pool goes on.
 */
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../../fixtures/email', name));

/** a message of about `mb` megabytes: a Chinese body, HTML and one large attachment */
function large(mb: number, id = 'big'): Buffer {
  const payload = Buffer.alloc(mb * 1024 * 1024, 7).toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    `From: Lin Wei <lin.wei@example.cn>\r\nTo: support@omnidesk.test\r\nSubject: =?UTF-8?B?${Buffer.from('血压计的记录').toString('base64')}?=\r\nMessage-ID: <${id}@example.cn>\r\nDate: Mon, 16 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n` +
      `Content-Type: multipart/mixed; boundary="mix"\r\n\r\n--mix\r\nContent-Type: multipart/alternative; boundary="alt"\r\n\r\n` +
      `--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n您好，附件是血压计导出的记录。\r\n--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>您好，<b>附件</b>是记录。</p><script>x()</script>\r\n--alt--\r\n` +
      `--mix\r\nContent-Type: application/octet-stream; name="export.bin"\r\nContent-Disposition: attachment; filename="export.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${payload}\r\n--mix--\r\n`,
  );
}

describe('email parse pool', () => {
  // every message goes to the thread here (inline 0 bytes)
  const pool = createEmailParsePool({ threads: 1, inlineBytes: 0, budgetMs: 60_000 });
  afterAll(() => pool.close());

  it('a large message parsed in a thread equals the same message parsed on the main thread (attachments as Buffers)', async () => {
    const raw = large(3);
    const [inThread, inline] = await Promise.all([pool.parse(raw, DEFAULT_EMAIL_LIMITS), parseEmail(raw, DEFAULT_EMAIL_LIMITS)]);
    expect(inThread.message.subject).toBe('血压计的记录');
    expect(inThread.message.html).not.toContain('<script');
    expect(Buffer.isBuffer(inThread.attachments[0]!.content)).toBe(true);
    expect(inThread.attachments[0]!.content.equals(inline.attachments[0]!.content)).toBe(true);
    // the same, but for the receiving time each side stamped
    const strip = (p: typeof inline) => ({ ...p, message: { ...p.message, occurredAt: 'x' } });
    expect(strip(inThread)).toEqual(strip(inline));
  }, 60_000); // the first task starts the thread (and its TypeScript loader)

  it.each(['multipart-alternative.eml', 'gb2312.eml', 'inline-cid.eml', 'bounce-dsn.eml'])('%s parses in a thread as on the main thread', async (name) => {
    const raw = fixture(name);
    const strip = (p: Awaited<ReturnType<typeof parseEmail>>) => ({ ...p, message: { ...p.message, occurredAt: 'x' } });
    expect(strip(await pool.parse(raw, DEFAULT_EMAIL_LIMITS))).toEqual(strip(await parseEmail(raw, DEFAULT_EMAIL_LIMITS)));
  });

  it('a refusal keeps its class and code across the thread', async () => {
    const raw = fixture('malformed-no-from.eml');
    const err = await pool.parse(raw, DEFAULT_EMAIL_LIMITS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmailRejectedError);
    expect((err as EmailRejectedError).code).toBe('NO_SENDER');
  });

  it('past its time budget a message fails as a transient error, and the pool parses the next one', async () => {
    const tight = createEmailParsePool({ threads: 1, inlineBytes: 0, budgetMs: 1 });
    try {
      await expect(tight.parse(large(8, 'slow'), DEFAULT_EMAIL_LIMITS)).rejects.toBeInstanceOf(ParseBudgetError);
    } finally {
      await tight.close();
    }
    expect((await pool.parse(large(1, 'after'), DEFAULT_EMAIL_LIMITS)).message.providerMessageId).toBe('<after@example.cn>');
  }, 60_000);

  it('small messages stay on the calling thread', async () => {
    const small = createEmailParsePool({ threads: 1, inlineBytes: 1024 * 1024, budgetMs: 1 });
    try {
      // a 1 ms budget would fail any thread hop: this one never leaves the main thread
      expect((await small.parse(fixture('plain.eml'), DEFAULT_EMAIL_LIMITS)).message.body).toBeTruthy();
    } finally {
      await small.close();
    }
  });
});
