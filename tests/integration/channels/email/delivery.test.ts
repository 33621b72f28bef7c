/**
 * Outbound email: an agent's reply pushed over the sync socket is delivered by the delivery worker through
 * nodemailer to a real SMTP peer (smtp-server sink), exactly once, with the threading headers the customer's
 * client needs; transient failures retry, permanent ones end as `failed`, both visible as events.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSmtpSender, receiveEmail } from '../../../../src/server/channels/email';
import type { Customer } from '../../../../src/shared/kernel/customer';
import { forEachDatabase } from '../../helpers/databases';
import { mutation, pullAll, push, startTestServer, type TestServer } from '../../helpers/server';
import { byProviderId, captureLogger, customerWithEmail, eventsWhere, startSmtpSink, waitFor, type SmtpSink } from './helpers';

const SUPPORT = 'support@omnidesk.test';

forEachDatabase('outbound email delivery', (ctx) => {
  let t: TestServer;
  let sink: SmtpSink;
  let socket: Socket;
  let customer: Customer;
  const plan: Array<{ code: number; text: string }> = [];
  const log = captureLogger();
  let sender: ReturnType<typeof createSmtpSender>;
  let n = 0;

  beforeAll(async () => {
    sink = await startSmtpSink({ rcpt: () => plan.shift() ?? null });
    sender = createSmtpSender({
      transport: { host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, connectionTimeout: 5000 },
      from: `"Omnidesk Support" <${SUPPORT}>`,
    });
    t = await startTestServer(ctx.db, {
      server: { senders: [sender], delivery: { baseDelayMs: 20, maxDelayMs: 100, pollIntervalMs: 200, maxAttempts: 3 } },
    });
    customer = await customerWithEmail(ctx.db);
    socket = await t.connect(await t.token('admin'));
  });
  afterAll(async () => {
    await t?.close();
    sender?.close();
    await sink?.close();
  });

  /** The customer writes in (the real parse + ingest path); returns the message.received event. */
  async function customerWrites(messageId: string, subject: string, extra = '') {
    const raw = Buffer.from(
      `From: ${customer.emails[0]}\r\nTo: ${SUPPORT}\r\nSubject: ${subject}\r\nMessage-ID: ${messageId}\r\n${extra}` +
        `Date: ${new Date().toUTCString()}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMy cuff shows error E3.\r\n`,
    );
    await receiveEmail({ db: ctx.db, logger: log.logger, poke: (s) => t.server.poke(s) }, raw, 'smtp');
    const [e] = await byProviderId(ctx.db, messageId);
    if (!e?.case_id || !e.thread_id) throw new Error('inbound message not threaded');
    return e as typeof e & { case_id: string; thread_id: string };
  }

  const deliveryEvents = (messageId: string) =>
    eventsWhere(ctx.db, `kind = 'message.delivery_updated' and meta->>'messageId' = $1`, [messageId]);
  const settled = (messageId: string) =>
    waitFor(`delivery of ${messageId}`, async () => {
      const list = await deliveryEvents(messageId);
      return list.length ? list : null;
    });
  const sinkGot = (messageId: string) => sink.messages.filter((m) => m.messageId === messageId);

  it('a reply is sent to the customer with In-Reply-To/References of the thread, then shown as sent', async () => {
    const first = await customerWrites('<cuff-1@customer.example>', 'Cuff error E3');
    await customerWrites('<cuff-2@customer.example>', 'Re: Cuff error E3', 'In-Reply-To: <cuff-1@customer.example>\r\nReferences: <cuff-1@customer.example>\r\n');
    const m = mutation('reply.send', { caseId: first.case_id, threadId: first.thread_id, body: 'Please re-seat the tube and try again.' });
    const res = await push(socket, [m]);
    expect(res.results[0]!.status).toBe('applied');

    const [update] = await settled(m.id);
    expect(update!.meta).toMatchObject({ messageId: m.id, status: 'sent', providerMessageId: `<${m.id}@omnidesk.test>`, error: null });
    const [mail] = sinkGot(`<${m.id}@omnidesk.test>`);
    expect(mail).toBeDefined();
    expect(mail!.inReplyTo).toBe('<cuff-2@customer.example>');
    expect(mail!.references).toEqual(['<cuff-1@customer.example>', '<cuff-2@customer.example>']);
    expect(mail!.subject).toBe('Re: Cuff error E3');
    // multipart/alternative: the reply and the customer's last message quoted, in text and (escaped) HTML
    expect(mail!.text).toMatch(/^Please re-seat the tube and try again\.\n\nOn \d{4}-\d\d-\d\d \d\d:\d\d UTC, .+ wrote:\n> My cuff shows error E3\.\n$/);
    expect(mail!.html).toContain('<p>Please re-seat the tube and try again.</p>');
    expect(mail!.html).toMatch(/<blockquote type="cite"[^>]*>\n<p>My cuff shows error E3\.<\/p>\n<\/blockquote>/);
    const raw = sink.raw.find((r) => r.includes(`<${m.id}@omnidesk.test>`))!.toString('latin1');
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;/im);
    expect((mail!.to as { value: Array<{ address: string }> }).value[0]!.address).toBe(customer.emails[0]);
    expect((mail!.from as { value: Array<{ address: string }> }).value[0]!.address).toBe(SUPPORT);

    // the agent's desktop sees queued → sent through sync
    const { events } = await pullAll(socket);
    const sent = events.find((e) => e.id === m.id);
    expect(sent?.kind === 'message.sent' && sent.meta.deliveryStatus).toBe('queued');
    expect(events.some((e) => e.kind === 'message.delivery_updated' && e.meta.messageId === m.id && e.meta.status === 'sent')).toBe(true);

    // the customer answers our reply with another subject: same thread, by In-Reply-To = our Message-ID
    const answer = await customerWrites('<cuff-3@customer.example>', 'thanks', `In-Reply-To: <${m.id}@omnidesk.test>\r\n`);
    expect(answer.thread_id).toBe(first.thread_id);

    // a second reply references the whole chain, ours included
    const m2 = mutation('reply.send', { caseId: first.case_id, threadId: first.thread_id, body: 'Glad it works.' });
    await push(socket, [m2]);
    await settled(m2.id);
    const [mail2] = sinkGot(`<${m2.id}@omnidesk.test>`);
    expect(mail2!.inReplyTo).toBe('<cuff-3@customer.example>');
    expect(mail2!.references).toEqual([
      '<cuff-1@customer.example>',
      '<cuff-2@customer.example>',
      `<${m.id}@omnidesk.test>`,
      '<cuff-3@customer.example>',
    ]);
  });

  it('a retried push delivers exactly once', async () => {
    const first = await customerWrites(`<retry-${++n}@customer.example>`, 'Strap broke');
    const m = mutation('reply.send', { caseId: first.case_id, threadId: first.thread_id, body: 'A new strap is on its way.' });
    expect((await push(socket, [m])).results[0]!.status).toBe('applied');
    expect((await push(socket, [m])).results[0]!.status).toBe('duplicate');
    await settled(m.id);
    // give the worker every chance to send a second copy: wake it and let it finish a round
    t.server.delivery!.wake();
    await t.server.delivery!.idle();
    expect(sinkGot(`<${m.id}@omnidesk.test>`)).toHaveLength(1);
    expect(await deliveryEvents(m.id)).toHaveLength(1);
    const { rows } = await ctx.db.query<{ n: unknown }>('select count(*) as n from deliveries where event_id = $1', [m.id]);
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('a transient failure (451) is retried and then sent', async () => {
    const first = await customerWrites(`<transient-${++n}@customer.example>`, 'App sync fails');
    plan.push({ code: 451, text: 'Try again later' });
    const m = mutation('reply.send', { caseId: first.case_id, threadId: first.thread_id, body: 'Please update the app.' });
    await push(socket, [m]);
    const events = await settled(m.id);
    expect(events.map((e) => e.meta.status)).toEqual(['sent']);
    const { rows } = await ctx.db.query<{ attempts: number; status: string }>('select attempts, status from deliveries where event_id = $1', [m.id]);
    expect(rows[0]).toEqual({ attempts: 2, status: 'sent' });
    expect(sinkGot(`<${m.id}@omnidesk.test>`)).toHaveLength(1);
  });

  it('a permanent failure (550) ends as failed, with a reason free of personal data', async () => {
    const first = await customerWrites(`<perm-${++n}@customer.example>`, 'Where is my refund');
    plan.push({ code: 550, text: `No such user ${customer.emails[0]}` });
    const m = mutation('reply.send', { caseId: first.case_id, threadId: first.thread_id, body: 'The refund was issued.' });
    await push(socket, [m]);
    const [update] = await settled(m.id);
    expect(update!.meta).toMatchObject({ status: 'failed', providerMessageId: null, error: 'refused by the mail server (SMTP 550)' });
    expect(sinkGot(`<${m.id}@omnidesk.test>`)).toHaveLength(0);
    const { events } = await pullAll(socket);
    expect(events.some((e) => e.kind === 'message.delivery_updated' && e.meta.messageId === m.id && e.meta.status === 'failed')).toBe(true);
  });

  it('a bounce quoting a delivered reply turns it to failed, and opens no case', async () => {
    const first = await customerWrites(`<bounce-src-${++n}@customer.example>`, 'Sensor replacement');
    const m = mutation('reply.send', { caseId: first.case_id, threadId: first.thread_id, body: 'Your replacement ships today.' });
    await push(socket, [m]);
    await settled(m.id);
    const cases = async () => Number((await ctx.db.query<{ n: unknown }>('select count(*) as n from cases')).rows[0]!.n);
    const before = await cases();
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>',
      `To: ${SUPPORT}`,
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: <dsn-${m.id}@mx.customer.example>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
      '',
      '--r',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--r',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.customer.example',
      '',
      `Final-Recipient: rfc822; ${customer.emails[0]}`,
      'Action: failed',
      'Status: 5.1.1',
      '--r',
      'Content-Type: message/rfc822-headers',
      '',
      `Message-ID: <${m.id}@omnidesk.test>`,
      'Subject: Re: Sensor replacement',
      '--r--',
      '',
    ].join('\r\n');
    const { result } = await receiveEmail({ db: ctx.db, logger: log.logger, poke: (s) => t.server.poke(s) }, Buffer.from(dsn), 'smtp');
    expect(result.threadId).toBe(first.thread_id);
    const updates = await deliveryEvents(m.id);
    expect(updates.map((u) => u.meta.status)).toEqual(['sent', 'failed']);
    expect(updates[1]!.meta.error).toBe("bounced by the recipient's mail server (status 5.1.1)");
    expect(await cases()).toBe(before);
    // the report itself is kept on the bounce's event: reporter, failed recipient, status, the returned headers by name
    const [stored] = await byProviderId(ctx.db, `<dsn-${m.id}@mx.customer.example>`);
    const attachments = stored!.meta.attachments as Array<{ id: string; filename: string }>;
    expect(attachments.map((a) => a.filename)).toEqual(['returned-message-headers.txt']);
    expect(stored!.meta.bounceReport).toEqual({
      reportedBy: 'MAILER-DAEMON@mx.customer.example',
      reportingMta: 'mx.customer.example',
      recipients: [{ recipient: customer.emails[0], action: 'failed', status: '5.1.1', remoteMta: null, diagnostic: null }],
      returnedMessage: { messageId: `<${m.id}@omnidesk.test>`, subject: 'Re: Sensor replacement', date: null, attachmentId: attachments[0]!.id },
    });
    const { events } = await pullAll(socket);
    const pulled = events.find((e) => e.id === stored!.id);
    expect(pulled?.kind === 'message.received' && pulled.meta.bounceReport?.recipients[0]?.status).toBe('5.1.1');

    // the next reply quotes the customer's message, never the bounce that came after it
    const m2 = mutation('reply.send', { caseId: first.case_id, threadId: first.thread_id, body: 'Trying again.' });
    await push(socket, [m2]);
    await settled(m2.id);
    const [again] = sinkGot(`<${m2.id}@omnidesk.test>`);
    expect(again!.text).toContain('> My cuff shows error E3.');
    expect(again!.text).not.toContain('could not be delivered');
  });

  it('a reply with Cc and a file the agent uploaded goes out with both; a file someone else uploaded is refused (issue 15)', async () => {
    const first = await customerWrites('<cc-1@customer.example>', 'Cuff strap');
    const upload = async (who: string, bytes: Buffer, name: string) => {
      const res = await fetch(`${t.baseUrl}/api/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await t.token(who)}`, 'content-type': 'application/octet-stream', 'x-filename': encodeURIComponent(name), 'x-content-type': 'application/pdf' },
        body: bytes,
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { id: string; filename: string; contentType: string; size: number; sha256: string };
    };
    const pdf = await upload('admin', Buffer.from('%PDF-1.4 return label'), 'Rücksendeetikett.pdf');
    expect(pdf).toMatchObject({ filename: 'Rücksendeetikett.pdf', contentType: 'application/pdf', size: 21 });
    const m = mutation('reply.send', { caseId: first.case_id, threadId: first.thread_id, body: 'Here is the return label.', cc: ['Carer@Example.com'], attachments: [pdf] });
    expect((await push(socket, [m])).results[0]!.status).toBe('applied');
    const [update] = await settled(m.id);
    expect(update!.meta).toMatchObject({ status: 'sent' });
    const [mail] = sinkGot(`<${m.id}@omnidesk.test>`);
    expect((mail!.cc as { text: string }).text).toBe('carer@example.com');
    expect(mail!.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content.toString() }))).toEqual([{ filename: 'Rücksendeetikett.pdf', contentType: 'application/pdf', content: '%PDF-1.4 return label' }]);

    // a file lena uploaded: the admin knows its hash, but a reply may carry only its author's uploads
    const hers = await upload('lena', Buffer.from('%PDF-1.4 lena private'), 'private.pdf');
    const stolen = mutation('reply.send', { caseId: first.case_id, threadId: first.thread_id, body: 'Take this.', attachments: [hers] });
    const r = await push(socket, [stolen]);
    expect(r.results[0]).toMatchObject({ status: 'rejected', error: { code: 'INVALID_ARGUMENT' } });
    // too large, or not a file: refused with a reason
    const big = await fetch(`${t.baseUrl}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${await t.token('admin')}`, 'content-type': 'application/octet-stream', 'x-filename': 'big.bin' }, body: Buffer.alloc(10 * 1024 * 1024 + 1) });
    expect(big.status).toBe(413);
    const noName = await fetch(`${t.baseUrl}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${await t.token('admin')}`, 'content-type': 'application/octet-stream' }, body: Buffer.from('x') });
    expect(noName.status).toBe(400);
  });

  it('logs carry no addresses or bodies', () => {
    const text = t.logs() + log.text();
    expect(text).toContain('delivery sent');
    for (const secret of [customer.emails[0]!, 'Please re-seat the tube', 'No such user']) expect(text).not.toContain(secret);
  });
});
