/**
 * IMAP polling against a real Dovecot started by this suite (its own config, user and Maildir in a temp
 * dir). Messages are put into the mailbox with IMAP APPEND by a real client (imapflow); the poller
 * ingests each once, marks it seen, refuses what it must, and survives a server restart.
 */
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSED_KEYWORD, startImapPoller, type ImapPoller } from '../../../../src/server/channels/email';
import type { Customer } from '../../../../src/shared/kernel/customer';
import { forEachDatabase, REQUIRE_SERVICES } from '../../helpers/databases';
import { startTestServer, type TestServer } from '../../helpers/server';
import { DOVECOT_PROBLEM, startDovecot, type Dovecot } from './dovecot';
import { byProviderId, captureLogger, customerWithEmail } from './helpers';

if (DOVECOT_PROBLEM) {
  const line = '!'.repeat(100);
  console.warn(
    `\n${line}\nWARNING: Dovecot missing: ${DOVECOT_PROBLEM}. IMAP tests ${REQUIRE_SERVICES ? 'FAIL (OMNIDESK_REQUIRE_SERVICES=1)' : 'SKIPPED'}.\n${line}\n`,
  );
}
const skip = DOVECOT_PROBLEM !== null && !REQUIRE_SERVICES;

describe.skipIf(skip)(skip ? `SKIPPED: ${DOVECOT_PROBLEM}` : 'IMAP polling (Dovecot)', () => {
  forEachDatabase('email inbound over IMAP', (ctx) => {
    let t: TestServer;
    let dovecot: Dovecot;
    let poller: ImapPoller;
    let customer: Customer;
    const log = captureLogger();

    const client = () =>
      new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });

    async function append(raw: string): Promise<void> {
      const c = client();
      await c.connect();
      try {
        await c.append('INBOX', raw);
      } finally {
        await c.logout();
      }
    }

    async function flagsOf(messageId: string): Promise<string[]> {
      const c = client();
      await c.connect();
      const lock = await c.getMailboxLock('INBOX');
      try {
        const uids = (await c.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
        const m = uids[0] ? await c.fetchOne(String(uids[0]), { uid: true, flags: true }, { uid: true }) : false;
        return m && m.flags ? [...m.flags].sort() : [];
      } finally {
        lock.release();
        await c.logout();
      }
    }

    const mail = (id: string, subject: string, extra = '') =>
      `From: ${customer.emails[0]}\r\nTo: support@omnidesk.test\r\nSubject: ${subject}\r\nMessage-ID: ${id}\r\n${extra}` +
      `Date: Mon, 16 Nov 2026 09:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMy oximeter shows 0%.\r\n`;

    beforeAll(async () => {
      dovecot = await startDovecot();
      t = await startTestServer(ctx.db);
      customer = await customerWithEmail(ctx.db);
      poller = startImapPoller({
        db: ctx.db,
        logger: log.logger,
        poke: (s) => t.server.poke(s),
        imap: { host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password } },
        intervalMs: 0,
      });
    });
    afterAll(async () => {
      await poller?.stop();
      await t?.close();
      await dovecot?.dispose();
    });

    it('an appended message is ingested once and marked seen', async () => {
      await append(mail('<imap-1@customer.example>', 'Oximeter reads 0'));
      expect(await poller.pollNow()).toEqual({ fetched: 1, appended: 1, duplicates: 0, refused: 0, failed: 0 });
      const [e] = await byProviderId(ctx.db, '<imap-1@customer.example>');
      expect(e!.customer_id).toBe(customer.id);
      expect(e!.body).toContain('My oximeter shows 0%.');
      expect(await flagsOf('<imap-1@customer.example>')).toEqual(['\\Seen']);
      // nothing new: nothing fetched
      expect(await poller.pollNow()).toEqual({ fetched: 0, appended: 0, duplicates: 0, refused: 0, failed: 0 });
      expect(await byProviderId(ctx.db, '<imap-1@customer.example>')).toHaveLength(1);
    });

    it('the same message appearing again (another copy in the mailbox) is a duplicate, not a second event', async () => {
      await append(mail('<imap-1@customer.example>', 'Oximeter reads 0'));
      expect(await poller.pollNow()).toMatchObject({ fetched: 1, appended: 0, duplicates: 1 });
      expect(await byProviderId(ctx.db, '<imap-1@customer.example>')).toHaveLength(1);
    });

    it('a message without a sender is refused, kept in the mailbox and flagged', async () => {
      await append('Subject: nobody\r\nMessage-ID: <imap-bad@x>\r\n\r\nno sender\r\n');
      expect(await poller.pollNow()).toMatchObject({ fetched: 1, refused: 1, appended: 0 });
      expect(await flagsOf('<imap-bad@x>')).toEqual([REFUSED_KEYWORD, '\\Seen'].sort());
      expect(await byProviderId(ctx.db, '<imap-bad@x>')).toHaveLength(0);
    });

    it('survives a server restart: the next poll reconnects', async () => {
      await dovecot.stop();
      await expect(poller.pollNow()).rejects.toThrow();
      await dovecot.start();
      await append(mail('<imap-2@customer.example>', 'Re: Oximeter reads 0', 'In-Reply-To: <imap-1@customer.example>\r\n'));
      expect(await poller.pollNow()).toMatchObject({ fetched: 1, appended: 1 });
      const [first] = await byProviderId(ctx.db, '<imap-1@customer.example>');
      const [second] = await byProviderId(ctx.db, '<imap-2@customer.example>');
      expect(second!.thread_id).toBe(first!.thread_id);
    });
  });
});
