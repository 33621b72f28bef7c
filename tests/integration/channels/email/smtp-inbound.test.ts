/**
 * Inbound email over a real SMTP conversation: nodemailer (a real client) → the smtp-server listener →
 * mailparser → the shared ingestion pipeline → events, on PGlite and PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEmailParsePool, startSmtpInbound, type SmtpInbound } from '../../../../src/server/channels/email';
import type { Customer } from '../../../../src/shared/kernel/customer';
import { forEachDatabase } from '../../helpers/databases';
import { pullAll, startTestServer, type TestServer } from '../../helpers/server';
import { byProviderId, captureLogger, customerWithEmail, eventsWhere, smtpClient } from './helpers';

forEachDatabase('email inbound over SMTP', (ctx) => {
  let t: TestServer;
  let smtp: SmtpInbound;
  let customer: Customer;
  const log = captureLogger();

  beforeAll(async () => {
    t = await startTestServer(ctx.db);
    smtp = await startSmtpInbound({ db: ctx.db, logger: log.logger, poke: (s) => t.server.poke(s), port: 0 });
    customer = await customerWithEmail(ctx.db);
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.close();
  });

  const send = (mail: Parameters<ReturnType<typeof smtpClient>['sendMail']>[0]) => smtpClient(smtp.port).sendMail(mail);

  it('an email from a known customer lands in that customer\'s timeline, with a new case and thread', async () => {
    const info = await send({
      from: `"${customer.name}" <${customer.emails[0]}>`,
      to: 'support@omnidesk.test',
      subject: 'My CGM sensor fell off after one day',
      text: 'Hello, the sensor fell off after one day. What can I do?',
      html: '<p>Hello, the sensor <b>fell off</b> after one day.<script>alert(1)</script><img src="https://t.example/p.gif"></p>',
      messageId: '<first-1@customer.example>',
    });
    expect(info.accepted).toHaveLength(1);
    const [e] = await byProviderId(ctx.db, '<first-1@customer.example>');
    expect(e).toBeDefined();
    expect(e!.customer_id).toBe(customer.id);
    expect(e!.case_id).not.toBeNull();
    expect(e!.body).toContain('the sensor fell off after one day');
    expect(e!.meta.subject).toBe('My CGM sensor fell off after one day');
    const html = String(e!.meta.html);
    expect(html).toContain('<b>fell off</b>');
    expect(html).not.toContain('script');
    expect(html).toContain('data-remote-src="https://t.example/p.gif"');
    const opened = await eventsWhere(ctx.db, `kind = 'case.opened' and case_id = $1`, [e!.case_id]);
    expect(opened).toHaveLength(1);

    // the agent of that team sees it through sync
    const agent = t.data.agents.map((x) => x.agent).find((a) => a.role === 'agent' && a.teamIds.includes(customer.teamId));
    const socket = await t.connect(await t.token(agent!.username));
    const { events } = await pullAll(socket);
    expect(events.some((x) => x.id === e!.id && x.kind === 'message.received')).toBe(true);
  });

  it('a reply (In-Reply-To) with another subject joins the same thread', async () => {
    await send({
      from: customer.emails[0],
      to: 'support@omnidesk.test',
      subject: 'photo attached',
      text: 'Here is a photo.',
      messageId: '<second-1@customer.example>',
      inReplyTo: '<first-1@customer.example>',
      references: ['<first-1@customer.example>'],
      attachments: [{ filename: 'sensor.jpg', content: Buffer.from('fake jpeg bytes'), contentType: 'image/jpeg' }],
    });
    const [first] = await byProviderId(ctx.db, '<first-1@customer.example>');
    const [second] = await byProviderId(ctx.db, '<second-1@customer.example>');
    expect(second!.thread_id).toBe(first!.thread_id);
    expect(second!.case_id).toBe(first!.case_id);
    const atts = second!.meta.attachments as Array<{ sha256: string; filename: string; size: number }>;
    expect(atts).toHaveLength(1);
    expect(atts[0]!.filename).toBe('sensor.jpg');
    const { rows } = await ctx.db.query<{ size: number }>('select size from attachments where sha256 = $1', [atts[0]!.sha256]);
    expect(rows).toEqual([{ size: 15 }]);
  });

  it('Chinese mail in GB2312 and Big5 (raw MIME over SMTP) is decoded', async () => {
    for (const [file, subject] of [
      ['gb2312.eml', '血糖仪读数不准'],
      ['big5.eml', '血氧儀無法開機'],
    ] as const) {
      const raw = readFileSync(new URL(`../../../fixtures/email/${file}`, import.meta.url));
      await smtpClient(smtp.port).sendMail({ envelope: { from: 'x@example.cn', to: 'support@omnidesk.test' }, raw });
      const [e] = await byProviderId(ctx.db, file === 'gb2312.eml' ? '<gb-1@example.cn>' : '<big5-1@example.tw>');
      expect(e!.meta.subject).toBe(subject);
      expect(e!.body).toMatch(/您好/);
    }
  });

  it('the same message delivered twice is stored once', async () => {
    const mail = { from: customer.emails[0], to: 'support@omnidesk.test', subject: 'twice', text: 'sent twice', messageId: '<dup-1@customer.example>' };
    const a = await send(mail);
    const b = await send(mail);
    expect(a.response).toMatch(/^250 /);
    expect(b.response).toMatch(/^250 .*duplicate/);
    expect(await byProviderId(ctx.db, '<dup-1@customer.example>')).toHaveLength(1);
  });

  it('two senders whose messages share a Message-ID are both kept, each on its own customer; each redelivery still stored once', async () => {
    const id = '<shared-id-1@broken-generator.example>';
    const other = 'someone.else@elsewhere.example';
    const mine = { from: customer.emails[0], to: 'support@omnidesk.test', subject: 'cuff error', text: 'first sender', messageId: id };
    const theirs = { from: other, to: 'support@omnidesk.test', subject: 'cuff error', text: 'second sender', messageId: id };
    expect((await send(mine)).response).toMatch(/^250 /);
    expect((await send(theirs)).response).not.toMatch(/duplicate/);
    expect((await send(theirs)).response).toMatch(/^250 .*duplicate/);
    expect((await send({ ...mine, from: customer.emails[0]!.toUpperCase() })).response).toMatch(/^250 .*duplicate/);
    const stored = await byProviderId(ctx.db, id);
    expect(stored.map((e) => e.body)).toEqual(['first sender', 'second sender']);
    const [a, b] = stored;
    expect(a!.customer_id).toBe(customer.id);
    expect(b!.customer_id).not.toBe(customer.id);
    expect(b!.thread_id).not.toBe(a!.thread_id);
    const { rows } = await ctx.db.query<{ sender: string }>('select sender from inbound_provider_ids where provider_message_id = $1 order by created_at', [id]);
    expect(rows.map((r) => r.sender)).toEqual([customer.emails[0]!.toLowerCase(), other]);
  });

  it('a 50 MB attachment is refused with 552 and nothing is stored', async () => {
    const { rows: before } = await ctx.db.query<{ n: unknown }>('select count(*) as n from attachments');
    const big = Buffer.alloc(50 * 1024 * 1024, 7);
    const err = await send({
      from: customer.emails[0],
      to: 'support@omnidesk.test',
      subject: 'huge',
      text: 'see attachment',
      messageId: '<huge-1@customer.example>',
      attachments: [{ filename: 'huge.bin', content: big }],
    }).then(
      () => null,
      (e: unknown) => e as { responseCode?: number; response?: string },
    );
    expect(err?.responseCode).toBe(552);
    expect(err?.response).toMatch(/maximum message size/);
    expect(await byProviderId(ctx.db, '<huge-1@customer.example>')).toHaveLength(0);
    const { rows: after } = await ctx.db.query<{ n: unknown }>('select count(*) as n from attachments');
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n));
    // the listener keeps working
    await send({ from: customer.emails[0], to: 'support@omnidesk.test', subject: 'after', text: 'still there', messageId: '<after-huge@customer.example>' });
    expect(await byProviderId(ctx.db, '<after-huge@customer.example>')).toHaveLength(1);
  });

  it('a message without a sender is refused with 550 and a clear reason', async () => {
    const err = await smtpClient(smtp.port)
      .sendMail({ envelope: { from: 'x@example.com', to: 'support@omnidesk.test' }, raw: 'Subject: no from\r\n\r\nbody\r\n' })
      .then(
        () => null,
        (e: unknown) => e as { responseCode?: number; response?: string },
      );
    expect(err?.responseCode).toBe(550);
    expect(err?.response).toMatch(/no usable From address/);
  });

  it('an auto-reply and a bounce are stored but open no case', async () => {
    const cases = async () => Number((await ctx.db.query<{ n: unknown }>('select count(*) as n from cases')).rows[0]!.n);
    const before = await cases();
    await send({
      from: 'someone.new@example.org',
      to: 'support@omnidesk.test',
      subject: 'Out of office',
      text: 'I am away.',
      messageId: '<ooo-int@example.org>',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await send({
      from: 'MAILER-DAEMON@mx.example.org',
      to: 'support@omnidesk.test',
      subject: 'Undelivered Mail Returned to Sender',
      text: 'Your message could not be delivered.',
      messageId: '<bounce-int@mx.example.org>',
    });
    const [ooo] = await byProviderId(ctx.db, '<ooo-int@example.org>');
    const [bounce] = await byProviderId(ctx.db, '<bounce-int@mx.example.org>');
    expect(ooo).toBeDefined();
    expect(bounce).toBeDefined();
    expect(ooo!.case_id).toBeNull();
    expect(bounce!.case_id).toBeNull();
    expect(await cases()).toBe(before);
  });

  it('logs carry no addresses, names, subjects or bodies', () => {
    const text = log.text();
    expect(text).toContain('email received');
    for (const secret of [customer.emails[0]!, customer.name, 'My CGM sensor', 'the sensor fell off', 'someone.new@example.org']) {
      expect(text).not.toContain(secret);
    }
  });

  it('a large message is parsed in the worker pool and stored whole; past its time budget the sender is told to retry (451), nothing stored', async () => {
    const pool = createEmailParsePool({ threads: 1, inlineBytes: 64 * 1024, budgetMs: 60_000 });
    const tight = createEmailParsePool({ threads: 1, inlineBytes: 64 * 1024, budgetMs: 1 });
    const pooled = await startSmtpInbound({ db: ctx.db, logger: log.logger, poke: (x) => t.server.poke(x), port: 0, parser: pool });
    const strict = await startSmtpInbound({ db: ctx.db, logger: log.logger, poke: (x) => t.server.poke(x), port: 0, parser: tight });
    try {
      const big = Buffer.alloc(3 * 1024 * 1024, 9);
      const mail = (id: string) => ({
        from: customer.emails[0],
        to: 'support@omnidesk.test',
        subject: 'the export of my readings',
        text: 'Attached: the export of three months of readings.',
        messageId: id,
        attachments: [{ filename: 'readings.bin', content: big, contentType: 'application/octet-stream' }],
      });
      const info = await smtpClient(pooled.port).sendMail(mail('<big-pooled@customer.example>'));
      expect(info.accepted).toHaveLength(1);
      const [e] = await byProviderId(ctx.db, '<big-pooled@customer.example>');
      const atts = e!.meta.attachments as Array<{ sha256: string; size: number }>;
      expect(atts.map((a) => a.size)).toEqual([big.length]);
      const { rows } = await ctx.db.query<{ size: number }>('select size from attachments where sha256 = $1', [atts[0]!.sha256]);
      expect(rows).toEqual([{ size: big.length }]);

      const refused = await smtpClient(strict.port).sendMail(mail('<big-slow@customer.example>')).catch((err: { responseCode?: number }) => err);
      expect((refused as { responseCode?: number }).responseCode).toBe(451);
      expect(await byProviderId(ctx.db, '<big-slow@customer.example>')).toHaveLength(0);
    } finally {
      await pooled.close();
      await strict.close();
      await pool.close();
      await tight.close();
    }
  }, 120_000);
});
