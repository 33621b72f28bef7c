import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../../src/shared/kernel/ids';
import { appendEvents } from '../../../../src/server/kernel/events/append';
import { createSocialSender, sign } from '../../../../src/server/channels/social';
import { PermanentDeliveryError, type OutboundMessage } from '../../../../src/server/channels/types';
import { forEachDatabase } from '../../helpers/databases';
import { startTestServer, type TestServer } from '../../helpers/server';
import { eventsOf } from '../helpers';

const SECRET = 'meta-app-secret-for-tests';
const VERIFY = 'verify-me';
const CHATWOOT = 'chatwoot-token-for-tests';

/** The envelope of a WhatsApp Cloud API webhook around one change's `value`, as in Meta's documentation. */
function waWebhook<V extends object>(value: V) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' }, ...value },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

/** "Received messages": one text from `from`. */
function waPayload(wamid: string, from: string, text: string, name = 'Kerry Fisher') {
  return waWebhook({
    contacts: [{ profile: { name }, wa_id: from }],
    messages: [{ from, id: wamid, timestamp: '1749416383', type: 'text', text: { body: text } }],
  });
}

/** "Status messages": the status of one of our outbound messages. */
function statusPayload(wamid: string, status: string, recipient: string) {
  return waWebhook({
    statuses: [
      {
        id: wamid,
        status,
        timestamp: '1750263773',
        recipient_id: recipient,
        pricing: { billable: true, pricing_model: 'PMP', category: 'service' },
        ...(status === 'failed' ? { errors: [{ code: 131047, title: 'Re-engagement message' }] } : {}),
      },
    ],
  });
}

forEachDatabase('social webhooks', (ctx) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 4, server: { channels: { socialAppSecret: SECRET, socialVerifyToken: VERIFY, chatwootToken: CHATWOOT } } } as never);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (body: unknown, signature?: string) => {
    const raw = JSON.stringify(body);
    return fetch(`${t.baseUrl}/webhooks/social`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature !== undefined ? { 'x-hub-signature-256': signature } : { 'x-hub-signature-256': sign(raw, SECRET) }) },
      body: raw,
    });
  };

  it('answers the verification handshake only with the right token', async () => {
    const ok = await fetch(`${t.baseUrl}/webhooks/social?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const bad = await fetch(`${t.baseUrl}/webhooks/social?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(bad.status).toBe(403);
  });

  it('a forged signature is refused with 401 and nothing is stored', async () => {
    const before = await eventsOf(ctx.db, "kind = 'message.received'");
    const res = await post(waPayload('wamid.FORGED', '16315551181', 'hi'), sign('something else', SECRET));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    const missing = await post(waPayload('wamid.FORGED', '16315551181', 'hi'), '');
    expect(missing.status).toBe(401);
    expect(await eventsOf(ctx.db, "kind = 'message.received'")).toHaveLength(before.length);
  });

  it('a signed WhatsApp message is stored once; the replayed webhook is a duplicate', async () => {
    const body = waPayload('wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=', '16315551181', 'My glucose sensor <script>alert(1)</script> stopped');
    const a = await post(body);
    expect(a.status).toBe(200);
    expect(await a.json()).toMatchObject({ ok: true, received: 1, appended: 1 });
    const b = await post(body);
    expect(await b.json()).toMatchObject({ ok: true, received: 1, appended: 0 });
    const evs = await eventsOf(ctx.db, "kind = 'message.received' and meta->>'providerMessageId' = $1", ['wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=']);
    expect(evs).toHaveLength(1);
    expect(evs[0]?.body).toBe('My glucose sensor <script>alert(1)</script> stopped');
    expect(evs[0]?.meta.network).toBe('whatsapp');
    const { rows } = await ctx.db.query<{ data: { phones: string[]; socialHandles: unknown[]; name: string } }>('select data from customers where id = $1', [evs[0]?.customer_id]);
    expect(rows[0]?.data.phones).toEqual(['+16315551181']);
    expect(rows[0]?.data.socialHandles).toEqual([{ network: 'whatsapp', handle: '16315551181' }]);
    expect(t.logs()).not.toContain('Kerry');
    expect(t.logs()).not.toContain('16315551181');
  });

  it('a non-text message is kept with a placeholder; an unknown payload shape is a clear 400', async () => {
    const body = waPayload('wamid.IMAGE1', '16315551182', '');
    const m = body.entry[0]!.changes[0]!.value.messages[0] as Record<string, unknown>;
    m.type = 'image';
    delete m.text;
    m.image = { caption: 'the burn', mime_type: 'image/jpeg', sha256: 'x', id: '1' };
    expect((await post(body)).status).toBe(200);
    const evs = await eventsOf(ctx.db, "meta->>'providerMessageId' = 'wamid.IMAGE1'");
    expect(evs[0]?.body).toBe('[image] the burn');
    const res = await post({ hello: 'world' });
    expect(res.status).toBe(400);
  });

  it('one bad item does not lose the delivery: an out-of-range Messenger timestamp is skipped and counted, the rest stored, 200 (issue 9, finding 8)', async () => {
    const messaging = (mid: string, timestamp: number) => ({ sender: { id: 'PSID-77' }, recipient: { id: 'PAGE-1' }, timestamp, message: { mid, text: `text of ${mid}` } });
    const delivery = {
      object: 'page',
      entry: [
        { id: 'PAGE-1', messaging: [messaging('m_good_1', 1749416383000), messaging('m_bad_far_future', 9_000_000_000_000_000), messaging('m_good_2', 1749416384000)] },
      ],
    };
    const res = await post(delivery);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, appended: 2, skipped: 1 });
    const stored = await eventsOf(ctx.db, "kind = 'message.received' and meta->>'providerMessageId' like 'm\\_%'");
    expect(stored.map((e) => e.meta.providerMessageId).sort()).toEqual(['m_good_1', 'm_good_2']);
  });

  it('a Chatwoot delivery with an out-of-range created_at is skipped and counted with a 200, not a 500; a good one is stored (issue 9, finding 8)', async () => {
    const cw = (id: number, created_at: number | string) =>
      fetch(`${t.baseUrl}/webhooks/chatwoot`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-omnidesk-token': CHATWOOT },
        body: JSON.stringify({ event: 'message_created', id, content: `cw ${id}`, message_type: 'incoming', created_at, conversation: { id: 4242 }, sender: { id: 77, name: 'Casey' } }),
      });
    const bad = await cw(9001, 1e300);
    expect(bad.status).toBe(200);
    expect(await bad.json()).toMatchObject({ ok: true, skipped: 1 });
    const good = await cw(9002, 1749416383);
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ ok: true, status: 'appended' });
    const stored = await eventsOf(ctx.db, "kind = 'message.received' and meta->>'providerMessageId' like 'chatwoot:900%'");
    expect(stored.map((e) => e.meta.providerMessageId)).toEqual(['chatwoot:9002']);
  });

  it('statuses[] of our outbound message become delivery updates, each once', async () => {
    const [received] = await eventsOf(ctx.db, "kind = 'message.received' and meta->>'network' = 'whatsapp'");
    const sentId = newId();
    await ctx.db.transaction(async (tx) => {
      await appendEvents(tx, [
        {
          id: sentId, seq: null, customerId: received!.customer_id, caseId: received!.case_id, threadId: received!.thread_id, channel: 'social', kind: 'message.sent',
          author: { type: 'system', id: null, name: null }, body: 'We are on it', occurredAt: new Date().toISOString(), meta: { subject: null, deliveryStatus: 'queued' },
        },
      ]);
      await tx.query(`insert into outbound_provider_ids (channel, provider_message_id, event_id, thread_id) values ('social', 'wamid.OUT1', $1, $2)`, [sentId, received!.thread_id]);
    });
    expect((await post(statusPayload('wamid.OUT1', 'delivered', '16315551181'))).status).toBe(200);
    await post(statusPayload('wamid.OUT1', 'delivered', '16315551181'));
    await post(statusPayload('wamid.OUT1', 'read', '16315551181'));
    await post(statusPayload('wamid.UNKNOWN', 'read', '16315551181'));
    const ups = await eventsOf(ctx.db, "kind = 'message.delivery_updated' and meta->>'messageId' = $1", [sentId]);
    expect(ups.map((u) => u.meta.status)).toEqual(['delivered', 'read']);
  });
});

describe('social sender (Graph API over HTTP)', () => {
  let requests: Array<{ url: string; auth: string | undefined; body: Record<string, unknown> }> = [];
  let nextStatus = 200;
  const api = createHttpServer((req: IncomingMessage, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', auth: req.headers.authorization, body: JSON.parse(data) as Record<string, unknown> });
      res.writeHead(nextStatus, { 'content-type': 'application/json' });
      res.end(JSON.stringify(nextStatus === 200 ? { messaging_product: 'whatsapp', contacts: [{ input: '1', wa_id: '1' }], messages: [{ id: 'wamid.SENT42' }] } : { error: { message: 'x' } }));
    });
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(api.address() as AddressInfo).port}/v21.0`;
  });
  afterAll(() => new Promise<void>((r) => api.close(() => r())));

  const message = (ref: string): OutboundMessage =>
    ({ eventId: newId(), body: 'Hello from support', subject: null, thread: { externalRef: ref, channel: 'social' }, customer: {}, case: null, threadProviderIds: [] }) as unknown as OutboundMessage;

  it('posts a WhatsApp text to /{phone-number-id}/messages with the bearer token and returns the wamid', async () => {
    requests = [];
    nextStatus = 200;
    const sender = createSocialSender({ apiBaseUrl: base, accessToken: 'tok' });
    const r = await sender.send(message('wa:106540352242922:16315551181'));
    expect(r.providerMessageId).toBe('wamid.SENT42');
    expect(requests[0]).toMatchObject({ url: '/v21.0/106540352242922/messages', auth: 'Bearer tok', body: { messaging_product: 'whatsapp', to: '16315551181', type: 'text', text: { body: 'Hello from support' } } });
  });

  it('a 400 is permanent, a 500 is worth a retry, a thread without reference is permanent', async () => {
    const sender = createSocialSender({ apiBaseUrl: base, accessToken: 'tok' });
    nextStatus = 400;
    await expect(sender.send(message('wa:1:2'))).rejects.toBeInstanceOf(PermanentDeliveryError);
    nextStatus = 500;
    const err = await sender.send(message('wa:1:2')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
    await expect(sender.send(message('chat-session'))).rejects.toBeInstanceOf(PermanentDeliveryError);
  });
});
