/**
 * A social reply end to end through the outbound delivery worker: a WhatsApp message comes in by webhook,
 * the agent's reply (pushed twice, as a retry would) goes out to the Graph API exactly once, and the
 * platform's status webhooks move its delivery status to delivered and read.
 */
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSocialSender, sign } from '../../../../src/server/channels/social';
import { newId } from '../../../../src/shared/kernel/ids';
import type { Mutation } from '../../../../src/shared/contracts/sync';
import { forEachDatabase } from '../../helpers/databases';
import { push, startTestServer, type TestServer } from '../../helpers/server';
import { waitFor } from '../../../support/wait-for';
import { eventsOf } from '../helpers';

const SECRET = 'meta-app-secret-for-delivery-tests';
const PHONE_NUMBER_ID = '106540352242922';
const WA_ID = '16315550177';

const webhook = (value: Record<string, unknown>) => ({
  object: 'whatsapp_business_account',
  entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID }, ...value } }] }],
});

forEachDatabase('social reply through the delivery worker', (ctx) => {
  const requests: Array<{ url: string; body: { to?: string; text?: { body?: string } } }> = [];
  const api = createHttpServer((req: IncomingMessage, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', body: JSON.parse(data) as { to?: string } });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: WA_ID, wa_id: WA_ID }], messages: [{ id: `wamid.OUT${requests.length}` }] }));
    });
  });
  let t: TestServer;

  beforeAll(async () => {
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(api.address() as AddressInfo).port}/v21.0`;
    t = await startTestServer(ctx.db, {
      customers: 4,
      server: {
        senders: [createSocialSender({ apiBaseUrl: base, accessToken: 'test-token' })],
        delivery: { pollIntervalMs: 100, baseDelayMs: 50 },
        channels: { socialAppSecret: SECRET, socialVerifyToken: 'v' },
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((r) => api.close(() => r()));
  });

  const post = async (body: unknown) => {
    const raw = JSON.stringify(body);
    const res = await fetch(`${t.baseUrl}/webhooks/social`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw, SECRET) }, body: raw });
    expect(res.status).toBe(200);
  };

  it('delivers once, records the provider id, and follows the status webhooks', async () => {
    await post(webhook({ contacts: [{ profile: { name: 'Pat Social' }, wa_id: WA_ID }], messages: [{ from: WA_ID, id: 'wamid.IN1', timestamp: '1749416383', type: 'text', text: { body: 'My ECG patch app shows no signal' } }] }));
    const [inbound] = await eventsOf(ctx.db, "kind = 'message.received' and meta->>'providerMessageId' = 'wamid.IN1'");
    expect(inbound?.thread_id).toBeTruthy();

    const socket = await t.connect(await t.token('admin'));
    const reply: Mutation = {
      id: newId(), clientSeq: 1, occurredAt: new Date().toISOString(), name: 'reply.send',
      args: { caseId: inbound!.case_id!, threadId: inbound!.thread_id!, body: 'Please press the patch firmly for 10 seconds.' },
    };
    expect((await push(socket, [reply])).results[0]?.status).toBe('applied');
    expect((await push(socket, [reply])).results[0]?.status).toBe('duplicate');

    const sent = await waitFor(async () => {
      const ups = await eventsOf(ctx.db, "kind = 'message.delivery_updated' and meta->>'messageId' = $1 and meta->>'status' = 'sent'", [reply.id]);
      return ups[0] ?? null;
    }, { timeoutMs: 15_000, what: 'sent' });
    expect(sent.meta.providerMessageId).toBe('wamid.OUT1');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ url: `/v21.0/${PHONE_NUMBER_ID}/messages`, body: { to: WA_ID, text: { body: 'Please press the patch firmly for 10 seconds.' } } });

    for (const status of ['delivered', 'read']) {
      await post(webhook({ statuses: [{ id: 'wamid.OUT1', status, timestamp: '1750263773', recipient_id: WA_ID }] }));
    }
    const statuses = (await eventsOf(ctx.db, "kind = 'message.delivery_updated' and meta->>'messageId' = $1", [reply.id])).map((e) => e.meta.status);
    expect(statuses).toEqual(['sent', 'delivered', 'read']);
    // nothing more went out after the retries settle
    await new Promise((r) => setTimeout(r, 300));
    expect(requests).toHaveLength(1);
  });

  it('statuses only move forward: a delivered that arrives after read, and a failed after delivered, change nothing (issue 10)', async () => {
    const [inbound] = await eventsOf(ctx.db, "kind = 'message.received' and meta->>'providerMessageId' = 'wamid.IN1'");
    const socket = await t.connect(await t.token('admin'));
    const reply: Mutation = { id: newId(), clientSeq: 2, occurredAt: new Date().toISOString(), name: 'reply.send', args: { caseId: inbound!.case_id!, threadId: inbound!.thread_id!, body: 'Did that help?' } };
    expect((await push(socket, [reply])).results[0]?.status).toBe('applied');
    const sent = await waitFor(async () => (await eventsOf(ctx.db, "kind = 'message.delivery_updated' and meta->>'messageId' = $1", [reply.id]))[0] ?? null, { timeoutMs: 15_000, what: 'sent' });
    const wamid = sent.meta.providerMessageId as string;
    // WhatsApp batches and retries webhooks independently: read can come first
    await post(webhook({ statuses: [{ id: wamid, status: 'read', timestamp: '1750263800', recipient_id: WA_ID }] }));
    await post(webhook({ statuses: [{ id: wamid, status: 'delivered', timestamp: '1750263790', recipient_id: WA_ID }] }));
    await post(webhook({ statuses: [{ id: wamid, status: 'failed', timestamp: '1750263810', recipient_id: WA_ID, errors: [{ code: 131026, title: 'Message undeliverable' }] }] }));
    const statuses = (await eventsOf(ctx.db, "kind = 'message.delivery_updated' and meta->>'messageId' = $1", [reply.id])).map((e) => e.meta.status);
    expect(statuses).toEqual(['sent', 'read']);
    socket.disconnect();
  });
});
