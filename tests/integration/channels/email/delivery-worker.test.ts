/**
 * The delivery worker's rules with fake senders (no network): what is enqueued, retries up to the limit,
 * channels without a sender, and the abandoned-claim recovery.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChannelSender, OutboundMessage } from '../../../../src/server/channels/types';
import type { Case, Thread } from '../../../../src/shared/kernel/case';
import { forEachDatabase } from '../../helpers/databases';
import { mutation, push, startTestServer, type TestServer } from '../../helpers/server';
import { eventsWhere, waitFor } from './helpers';

forEachDatabase('delivery worker', (ctx) => {
  let t: TestServer;
  let socket: Socket;
  const sent: OutboundMessage[] = [];
  let failWith: Error | null = null;
  const email: ChannelSender = {
    channel: 'email',
    send(m) {
      if (failWith) return Promise.reject(failWith);
      sent.push(m);
      return Promise.resolve({ providerMessageId: `<${m.eventId}@fake>` });
    },
  };

  beforeAll(async () => {
    t = await startTestServer(ctx.db, { server: { senders: [email], delivery: { baseDelayMs: 10, maxDelayMs: 40, pollIntervalMs: 100, maxAttempts: 3 } } });
    socket = await t.connect(await t.token('admin'));
  });
  afterAll(async () => {
    await t?.close();
  });

  async function openThread(channel: 'email' | 'chat'): Promise<{ k: Case; th: Thread }> {
    const { rows } = await ctx.db.query<{ t: Thread; k: Case }>(
      `select t.data as t, k.data as k from threads t join cases k on k.id = t.case_id
        where t.channel = $1 and k.status <> 'closed' order by t.id limit 1`,
      [channel],
    );
    if (!rows[0]) throw new Error(`no open ${channel} thread in the demo data`);
    return { k: rows[0].k, th: rows[0].t };
  }
  const updates = (id: string) => eventsWhere(ctx.db, `kind = 'message.delivery_updated' and meta->>'messageId' = $1`, [id]);

  it('seeded history (already sent/delivered/read) is never enqueued', async () => {
    const { rows } = await ctx.db.query<{ n: unknown }>('select count(*) as n from deliveries');
    expect(Number(rows[0]!.n)).toBe(0);
    const { rows: seeded } = await ctx.db.query<{ n: unknown }>("select count(*) as n from events where kind = 'message.sent'");
    expect(Number(seeded[0]!.n)).toBeGreaterThan(0);
  });

  it('the sender gets the thread, customer, case and body of the reply', async () => {
    const { k, th } = await openThread('email');
    const m = mutation('reply.send', { caseId: k.id, threadId: th.id, body: 'We are sending a replacement.' });
    await push(socket, [m]);
    await waitFor('sent', async () => (await updates(m.id)).length > 0);
    const got = sent.find((s) => s.eventId === m.id)!;
    expect(got.body).toBe('We are sending a replacement.');
    expect(got.thread.id).toBe(th.id);
    expect(got.case?.id).toBe(k.id);
    expect(got.customer.id).toBe(k.customerId);
    const { rows } = await ctx.db.query('select provider_message_id, thread_id from outbound_provider_ids where event_id = $1', [m.id]);
    expect(rows).toEqual([{ provider_message_id: `<${m.id}@fake>`, thread_id: th.id }]);
  });

  it('a sender that keeps failing transiently is given up after maxAttempts, as failed with a data-free reason', async () => {
    const { k, th } = await openThread('email');
    failWith = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:25 for jane@example.com'), { code: 'ECONNREFUSED' });
    try {
      const m = mutation('reply.send', { caseId: k.id, threadId: th.id, body: 'Retry me.' });
      await push(socket, [m]);
      const [u] = await waitFor('failed', async () => {
        const l = await updates(m.id);
        return l.length ? l : null;
      });
      expect(u!.meta).toMatchObject({ status: 'failed', error: 'gave up after 3 attempts: Error ECONNREFUSED' });
      const { rows } = await ctx.db.query<{ attempts: number; status: string; last_error: string }>(
        'select attempts, status, last_error from deliveries where event_id = $1',
        [m.id],
      );
      expect(rows[0]).toEqual({ attempts: 3, status: 'failed', last_error: 'gave up after 3 attempts: Error ECONNREFUSED' });
    } finally {
      failWith = null;
    }
  });

  it('with the server\'s worker stopped, an email-only worker leaves other channels queued and re-claims abandoned sends', async () => {
    const { startDeliveryWorker } = await import('../../../../src/server/channels/delivery/worker');
    const { createLogger } = await import('../../../../src/server/kernel/logger');
    await t.server.delivery!.stop();
    const chat = await openThread('chat');
    const c = mutation('reply.send', { caseId: chat.k.id, threadId: chat.th.id, body: 'Chat reply.' });
    await push(socket, [c]);
    // another instance claimed this one long ago and died mid-send
    const { k, th } = await openThread('email');
    const m = mutation('reply.send', { caseId: k.id, threadId: th.id, body: 'Abandoned claim.' });
    await push(socket, [m]);
    await ctx.db.query(
      `update deliveries set status = 'sending', attempts = 1, locked_until = now() - interval '1 minute' where event_id = $1`,
      [m.id],
    );
    // the claim itself lives in the jobs kernel: that instance's lease ran out
    const { rows: claimed } = await ctx.db.query(
      `update jobs set status = 'running', attempts = 1, locked_by = 'dead-instance', locked_until = now() - interval '1 minute'
        where kind = 'delivery.email' and key = $1 and status = 'queued' returning id`,
      [m.id],
    );
    expect(claimed).toHaveLength(1);
    const w = startDeliveryWorker({ db: ctx.db, senders: [email], logger: createLogger({ level: 'silent' }), pollIntervalMs: 100 });
    try {
      await waitFor('re-claimed and sent', async () => (await updates(m.id)).length > 0);
      const { rows } = await ctx.db.query<{ attempts: number; status: string }>('select attempts, status from deliveries where event_id = $1', [m.id]);
      expect(rows[0]).toEqual({ attempts: 2, status: 'sent' });
      expect(sent.filter((s) => s.eventId === m.id)).toHaveLength(1);
      w.wake();
      await w.idle();
      const { rows: chatRow } = await ctx.db.query<{ status: string; attempts: number }>('select status, attempts from deliveries where event_id = $1', [c.id]);
      expect(chatRow[0]).toEqual({ status: 'queued', attempts: 0 });
      expect(await updates(c.id)).toHaveLength(0);
    } finally {
      await w.stop();
    }
  });
});
