/**
 * Issue 10: WhatsApp / Messenger content other than text, end to end through the server — webhook in the providers'
 * real formats → events (parts, quoted message, reactions) → the media.download job against a fake Graph API →
 * the attachment store → message.attachment_stored → GET /api/attachments with the customer's visibility.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Event } from '../../../../src/shared/kernel/event';
import { newId } from '../../../../src/shared/kernel/ids';
import { sign } from '../../../../src/server/channels/social';
import { appendEvents } from '../../../../src/server/kernel/events/append';
import { forEachDatabase } from '../../helpers/databases';
import { startTestServer, type TestServer } from '../../helpers/server';
import { createCustomer, eventsOf, TEAM_A } from '../helpers';
import { fb, fbWebhook, wa, waWebhook } from '../../../fixtures/social/meta-webhooks';
import { pngBytes, sha256Hex, startFakeGraph, type FakeGraph } from '../../../support/fake-graph';
import { mediaDownloadJob } from '../../../../src/server/channels/media/download';
import { waitFor } from '../../../support/wait-for';

const SECRET = 'meta-app-secret-for-media-tests';
const MAX = 4096;

forEachDatabase('social media and rich content (issue 10)', (ctx) => {
  let t: TestServer;
  let graph: FakeGraph;
  beforeAll(async () => {
    graph = await startFakeGraph();
    t = await startTestServer(ctx.db, {
      customers: 4,
      server: { channels: { socialAppSecret: SECRET, socialVerifyToken: 'v', socialApiUrl: graph.url, socialAccessToken: graph.token, mediaMaxBytes: MAX } },
    } as never);
  });
  afterAll(async () => {
    await t?.close();
    await graph?.close();
  });

  const post = async (body: unknown) => {
    const raw = JSON.stringify(body);
    const res = await fetch(`${t.baseUrl}/webhooks/social`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw, SECRET) }, body: raw });
    expect(res.status).toBe(200);
    return res;
  };
  const byPid = async (pid: string) => (await eventsOf(ctx.db, "meta->>'providerMessageId' = $1", [pid]))[0];
  const stored = (messageId: string) => eventsOf(ctx.db, "kind = 'message.attachment_stored' and meta->>'messageId' = $1", [messageId]);
  const get = (path: string, token?: string) => fetch(`${t.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('an image is downloaded through the media endpoint with the token, verified, stored once by sha256, and recorded as an event', async () => {
    const bytes = pngBytes(1);
    graph.media.set('MEDIA-IMG-1', { bytes, mimeType: 'image/png' });
    // the webhook declares the digest in base64, the media object in hex: both are checked against the bytes
    const body = waWebhook([wa.image('wamid.IMG1', 'MEDIA-IMG-1', Buffer.from(sha256Hex(bytes), 'hex').toString('base64'), 'the burn', '16315550101')], '16315550101');
    await post(body);
    const msg = await byPid('wamid.IMG1');
    expect(msg?.kind).toBe('message.received');
    expect(msg?.meta.parts).toEqual([{ type: 'image', mediaId: 'MEDIA-IMG-1', mimeType: 'image/jpeg', filename: null, caption: 'the burn' }]);
    await waitFor(async () => (await stored(msg!.id)).length === 1, { timeoutMs: 20_000 });
    const [ev] = await stored(msg!.id);
    expect(Event.parse({ ...ev, seq: 1, customerId: ev!.customer_id, caseId: ev!.case_id, threadId: ev!.thread_id, channel: 'social', author: { type: 'system', id: null, name: null }, occurredAt: new Date().toISOString() }).kind).toBe('message.attachment_stored');
    expect(ev?.meta).toMatchObject({ messageId: msg!.id, part: 0, attachment: { sha256: sha256Hex(bytes), size: bytes.length, contentType: 'image/png', filename: 'image-1.png' } });
    expect(ev?.thread_id).toBe(msg!.thread_id);
    const { rows } = await ctx.db.query<{ size: number }>('select size from attachments where sha256 = $1', [sha256Hex(bytes)]);
    expect(Number(rows[0]?.size)).toBe(bytes.length);
    // both requests carried the bearer token
    expect(graph.requests.filter((r) => r.path.includes('MEDIA-IMG-1'))).toEqual([
      { path: '/MEDIA-IMG-1', bearer: true },
      { path: '/files/MEDIA-IMG-1', bearer: true },
    ]);
    // a redelivered webhook adds no message, no job and no download
    await post(body);
    await new Promise((r) => setTimeout(r, 500));
    expect(await eventsOf(ctx.db, "meta->>'providerMessageId' = 'wamid.IMG1'")).toHaveLength(1);
    expect(graph.requests.filter((r) => r.path.includes('MEDIA-IMG-1'))).toHaveLength(2);
    expect(await stored(msg!.id)).toHaveLength(1);
    // no token, no URL, no caption in the logs
    expect(t.logs()).not.toContain(graph.token);
    expect(t.logs()).not.toContain('/files/');
    expect(t.logs()).not.toContain('the burn');
  });

  it('GET /api/attachments/:eventId/:sha256: the bytes for who sees the customer; 404 across teams, for another hash, for a non-attachment; 401 without a token', async () => {
    const msg = await byPid('wamid.IMG1');
    const [ev] = await stored(msg!.id);
    const sha = (ev!.meta.attachment as { sha256: string }).sha256;
    const { rows } = await ctx.db.query<{ team_id: string }>('select team_id from events where id = $1', [ev!.id]);
    const team = rows[0]!.team_id;
    const glucose = t.data.teams.find((x) => x.name.startsWith('Glucose'))!.id;
    const [same, other] = team === glucose ? ['alice', 'bob'] : ['bob', 'alice'];
    const ok = await get(`/api/attachments/${ev!.id}/${sha}`, await t.token(same!));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(Buffer.from(await ok.arrayBuffer()).equals(pngBytes(1))).toBe(true);
    expect((await get(`/api/attachments/${ev!.id}/${sha}`, await t.token('admin'))).status).toBe(200);
    expect((await get(`/api/attachments/${ev!.id}/${sha}`, await t.token(other!))).status).toBe(404);
    expect((await get(`/api/attachments/${ev!.id}/${'0'.repeat(64)}`, await t.token(same!))).status).toBe(404);
    expect((await get(`/api/attachments/${msg!.id}/${sha}`, await t.token(same!))).status).toBe(404);
    expect((await get(`/api/attachments/${newId()}/${sha}`, await t.token(same!))).status).toBe(404);
    expect((await get(`/api/attachments/not-an-id/${sha}`, await t.token(same!))).status).toBe(404);
    expect((await get(`/api/attachments/${ev!.id}/${sha}`)).status).toBe(401);
  });

  it("an email's attachment is served the same way (its message.received names it), to its team only", async () => {
    const c = await createCustomer(ctx.db, { name: 'Mail Sender', teamId: TEAM_A });
    const bytes = Buffer.from('%PDF-1.4 discharge letter');
    const sha = sha256Hex(bytes);
    await ctx.db.query('insert into attachments (sha256, size, content) values ($1, $2, $3) on conflict do nothing', [sha, bytes.length, bytes]);
    const id = newId();
    await ctx.db.transaction((tx) =>
      appendEvents(tx, [
        {
          id, seq: null, customerId: c.id, caseId: null, threadId: null, channel: 'email', kind: 'message.received', author: { type: 'customer', id: c.id, name: null }, body: 'see attached', occurredAt: new Date().toISOString(),
          meta: { subject: 'letter', providerMessageId: `<${id}@x>`, network: null, attachments: [{ id: 'a1', filename: 'letter.pdf', contentType: 'application/pdf', size: bytes.length, sha256: sha }] },
        },
      ]),
    );
    const ok = await get(`/api/attachments/${id}/${sha}`, await t.token('alice'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toBe('attachment; filename="letter.pdf"');
    expect(Buffer.from(await ok.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await get(`/api/attachments/${id}/${sha}`, await t.token('bob'))).status).toBe(404);
    expect((await get(`/api/attachments/${id}/${sha}`, await t.token('lena'))).status).toBe(200);
  });

  it('over the size limit (declared by the media object) nothing is downloaded or stored; the message stays', async () => {
    graph.media.set('MEDIA-BIG', { bytes: Buffer.alloc(MAX + 1, 7), mimeType: 'video/mp4' });
    await post(waWebhook([{ ...wa.video('wamid.BIG', 'MEDIA-BIG', sha256Hex(Buffer.alloc(MAX + 1, 7))), from: '16315550102' }], '16315550102'));
    const msg = await byPid('wamid.BIG');
    expect(msg?.body).toBe('[video] it blinks red');
    await waitFor(async () => (await ctx.db.query<{ status: string }>(`select status from jobs where kind = 'media.download' and key = $1`, [`${msg!.id}:0`])).rows[0]?.status === 'failed', { timeoutMs: 20_000 });
    const { rows } = await ctx.db.query<{ last_error: string }>(`select last_error from jobs where kind = 'media.download' and key = $1`, [`${msg!.id}:0`]);
    expect(rows[0]?.last_error).toContain('too_large');
    expect(graph.requests.some((r) => r.path === '/files/MEDIA-BIG')).toBe(false);
    expect(await stored(msg!.id)).toHaveLength(0);
    // the desktop learns why there is no file (once)
    const failed = await eventsOf(ctx.db, "kind = 'message.attachment_failed' and meta->>'messageId' = $1", [msg!.id]);
    expect(failed.map((f) => f.meta)).toEqual([{ messageId: msg!.id, part: 0, reason: 'too_large' }]);
  });

  it('bytes that do not match the declared sha256 are never stored (the job retries)', async () => {
    const bytes = pngBytes(2);
    graph.media.set('MEDIA-BAD', { bytes, mimeType: 'image/png', declaredSha256: sha256Hex(pngBytes(3)) });
    await post(waWebhook([{ ...wa.sticker('wamid.BAD', 'MEDIA-BAD', sha256Hex(pngBytes(3))), from: '16315550103' }], '16315550103'));
    const msg = await byPid('wamid.BAD');
    await waitFor(async () => ((await ctx.db.query<{ last_error: string | null }>(`select last_error from jobs where kind = 'media.download' and key = $1`, [`${msg!.id}:0`])).rows[0]?.last_error ?? '').includes('sha256_mismatch'), { timeoutMs: 20_000 });
    expect(await stored(msg!.id)).toHaveLength(0);
    expect((await ctx.db.query('select 1 from attachments where sha256 = $1', [sha256Hex(bytes)])).rows).toHaveLength(0);
    // not given up yet (retries with backoff): no failure recorded
    expect(await eventsOf(ctx.db, "kind = 'message.attachment_failed' and meta->>'messageId' = $1", [msg!.id])).toHaveLength(0);
  });

  it('a document keeps its file name; location, contacts, interactive answers and the reply context are kept on the message', async () => {
    const doc = Buffer.from('%PDF-1.4 lab report');
    graph.media.set('MEDIA-DOC', { bytes: doc, mimeType: 'application/pdf' });
    const from = '16315550104';
    await post(waWebhook([wa.text('wamid.Q0', 'is my sensor broken?', from)], from));
    await post(
      waWebhook(
        [
          { ...wa.document('wamid.DOC', 'MEDIA-DOC', sha256Hex(doc), 'report.pdf'), from },
          { ...wa.location('wamid.LOC'), from },
          { ...wa.contacts('wamid.CON'), from },
          { ...wa.buttonReply('wamid.BR', 'wamid.Q0'), from },
          { ...wa.listReply('wamid.LR', 'wamid.Q0'), from },
          { ...wa.button('wamid.TB', 'wamid.Q0'), from },
          { ...wa.replyText('wamid.RT', 'wamid.Q0', 'this one'), from },
          { ...wa.unsupported('wamid.UN'), from },
        ],
        from,
      ),
    );
    const q0 = await byPid('wamid.Q0');
    const docMsg = await byPid('wamid.DOC');
    await waitFor(async () => (await stored(docMsg!.id)).length === 1, { timeoutMs: 20_000 });
    expect((await stored(docMsg!.id))[0]?.meta.attachment).toMatchObject({ filename: 'report.pdf', contentType: 'application/pdf' });
    // the job's payload carries no file name (personal data stays in the event log only)
    const { rows: jobRows } = await ctx.db.query<{ payload: unknown }>(`select payload from jobs where kind = 'media.download' and key = $1`, [`${docMsg!.id}:0`]);
    expect(JSON.stringify(jobRows[0]?.payload)).not.toContain('report.pdf');
    expect((await byPid('wamid.LOC'))?.meta.parts).toEqual([{ type: 'location', latitude: 37.483307, longitude: -122.148981, name: 'Main clinic', address: '1 Hacker Way, Menlo Park, CA 94025' }]);
    expect((await byPid('wamid.CON'))?.meta.parts).toMatchObject([{ type: 'contacts', contacts: [{ name: 'Ana Fisher' }] }]);
    for (const pid of ['wamid.BR', 'wamid.LR', 'wamid.TB', 'wamid.RT']) expect((await byPid(pid))?.meta.quoted).toEqual({ providerMessageId: 'wamid.Q0', eventId: q0!.id });
    expect((await byPid('wamid.BR'))?.body).toBe('Sensor works now');
    expect((await byPid('wamid.LR'))?.meta.parts).toMatchObject([{ replyKind: 'list_reply', replyId: 'topic-battery', title: 'Battery' }]);
    expect((await byPid('wamid.UN'))?.meta.parts).toEqual([{ type: 'unsupported', providerType: 'unsupported', errorCode: 131051 }]);
    // all on the one conversation's case
    const all = await Promise.all(['wamid.DOC', 'wamid.LOC', 'wamid.RT'].map(byPid));
    expect(new Set(all.map((e) => e?.case_id))).toEqual(new Set([q0!.case_id]));
  });

  it('a reaction is no customer message: it lands on the reacted-to message and never reopens a closed case nor opens a new one', async () => {
    const from = '16315550105';
    await post(waWebhook([wa.text('wamid.R0', 'thanks, fixed', from)], from));
    const target = await byPid('wamid.R0');
    const caseId = target!.case_id!;
    // the case is closed (as an agent would)
    await ctx.db.transaction((tx) =>
      appendEvents(tx, [
        { id: newId(), seq: null, customerId: target!.customer_id, caseId, threadId: null, channel: 'internal', kind: 'case.status_changed', author: { type: 'system', id: null, name: null }, body: null, occurredAt: new Date().toISOString(), meta: { from: 'open', to: 'closed' } },
      ]),
    );
    const before = (await eventsOf(ctx.db, 'customer_id = $1', [target!.customer_id])).length;
    const body = waWebhook([{ ...wa.reaction('wamid.R1', 'wamid.R0', '\u{1F44D}'), from }], from);
    await post(body);
    await post(body); // redelivered: once
    const after = await eventsOf(ctx.db, 'customer_id = $1', [target!.customer_id]);
    expect(after.length).toBe(before + 1);
    const r = after[after.length - 1]!;
    expect(r).toMatchObject({ kind: 'message.reacted', case_id: caseId, thread_id: target!.thread_id, body: null });
    expect(r.meta).toMatchObject({ targetProviderMessageId: 'wamid.R0', targetEventId: target!.id, emoji: '\u{1F44D}' });
    const { rows } = await ctx.db.query<{ status: string }>('select status from cases where id = $1', [caseId]);
    expect(rows[0]?.status).toBe('closed');
    expect((await ctx.db.query('select 1 from cases where customer_id = $1', [target!.customer_id])).rows).toHaveLength(1);
    // taking it back is another reaction with an empty emoji
    await post(waWebhook([{ ...wa.reaction('wamid.R2', 'wamid.R0'), from }], from));
    expect((await byPid('wamid.R2'))?.meta).toMatchObject({ targetEventId: target!.id, emoji: '' });
    // a real message afterwards still opens a new case, as before
    await post(waWebhook([wa.text('wamid.R3', 'it broke again', from)], from));
    const next = await byPid('wamid.R3');
    expect(next?.case_id).not.toBe(caseId);
    expect(next?.case_id).not.toBeNull();
  });

  it('a reaction to a message we do not know, from a new contact, makes no case and no thread', async () => {
    const from = '16315550106';
    await post(waWebhook([{ ...wa.reaction('wamid.R9', 'wamid.UNKNOWN', '\u2764\uFE0F'), from }], from));
    const r = await byPid('wamid.R9');
    expect(r).toMatchObject({ kind: 'message.reacted', case_id: null, thread_id: null });
    expect(r?.meta.targetEventId).toBeNull();
    expect((await ctx.db.query('select 1 from cases where customer_id = $1', [r!.customer_id])).rows).toHaveLength(0);
    // the next real message opens the case on a thread of its own
    await post(waWebhook([wa.text('wamid.R10', 'hello', from)], from));
    expect((await byPid('wamid.R10'))?.case_id).not.toBeNull();
  });

  it('Messenger: an image attachment is fetched from its URL (no token), reply_to is kept, a reaction event lands on its message', async () => {
    const bytes = pngBytes(4);
    graph.cdn.set('fb-image.png', { bytes, mimeType: 'image/png' });
    await post(fbWebhook([fb.attachments('m_IMG', [fb.image(`${graph.url}/cdn/fb-image.png`)])]));
    const msg = await byPid('m_IMG');
    expect(msg?.meta.parts).toEqual([{ type: 'image', mediaId: null, mimeType: null, filename: null, caption: null }]);
    await waitFor(async () => (await stored(msg!.id)).length === 1, { timeoutMs: 20_000 });
    expect((await stored(msg!.id))[0]?.meta.attachment).toMatchObject({ sha256: sha256Hex(bytes), contentType: 'image/png' });
    expect(graph.requests.find((r) => r.path === '/cdn/fb-image.png')?.bearer).toBe(false);
    await post(fbWebhook([fb.replyTo('m_RT', 'm_IMG', 'this photo'), fb.quickReply('m_QR')]));
    expect((await byPid('m_RT'))?.meta.quoted).toEqual({ providerMessageId: 'm_IMG', eventId: msg!.id });
    expect((await byPid('m_QR'))?.meta.parts).toMatchObject([{ replyKind: 'quick_reply', replyId: 'COLOR_RED' }]);
    await post(fbWebhook([fb.reaction('m_IMG', '\u{1F622}')]));
    const reacted = await eventsOf(ctx.db, "kind = 'message.reacted' and meta->>'targetProviderMessageId' = 'm_IMG'");
    expect(reacted).toHaveLength(1);
    expect(reacted[0]).toMatchObject({ thread_id: msg!.thread_id, meta: { targetEventId: msg!.id, emoji: '\u{1F622}' } });
  });

  it('erasing the customer deletes the downloaded media and its file name; the route then answers 404', async () => {
    const msg = await byPid('wamid.IMG1');
    const [ev] = await stored(msg!.id);
    const sha = (ev!.meta.attachment as { sha256: string }).sha256;
    const res = await fetch(`${t.baseUrl}/api/admin/customers/${msg!.customer_id}/erase`, { method: 'POST', headers: { authorization: `Bearer ${await t.token('admin')}` } });
    expect(res.status).toBe(200);
    expect((await ctx.db.query('select 1 from attachments where sha256 = $1', [sha])).rows).toHaveLength(0);
    const [after] = await stored(msg!.id);
    expect((after!.meta.attachment as { filename: string }).filename).toBe('[erased]');
    expect((await byPid('wamid.IMG1'))?.meta.parts).toEqual([]);
    expect((await get(`/api/attachments/${ev!.id}/${sha}`, await t.token('admin'))).status).toBe(404);
  });

  it('a download that runs after the customer was erased fetches nothing (the parts are gone)', async () => {
    const from = '16315550107';
    await post(waWebhook([{ ...wa.image('wamid.LATE', 'MEDIA-LATE', sha256Hex(pngBytes(5))), from }], from));
    const msg = await byPid('wamid.LATE');
    // the provider did not have it yet: the job gave up (unavailable)
    await waitFor(async () => (await eventsOf(ctx.db, "kind = 'message.attachment_failed' and meta->>'messageId' = $1", [msg!.id])).length === 1, { timeoutMs: 20_000 });
    const res = await fetch(`${t.baseUrl}/api/admin/customers/${msg!.customer_id}/erase`, { method: 'POST', headers: { authorization: `Bearer ${await t.token('admin')}` } });
    expect(res.status).toBe(200);
    graph.media.set('MEDIA-LATE', { bytes: pngBytes(5), mimeType: 'image/png' });
    const before = graph.requests.length;
    const job = mediaDownloadJob({ db: ctx.db, logger: { info: () => {}, warn: () => {} }, apiBaseUrl: graph.url, accessToken: graph.token });
    await job.handler({ eventId: msg!.id, channel: 'social', source: { part: 0, kind: 'whatsapp', mediaId: 'MEDIA-LATE', sha256: null, mimeType: null, filename: null } }, { id: newId(), kind: 'media.download', key: null, attempt: 1, maxAttempts: 6, lastAttempt: false });
    expect(graph.requests.length).toBe(before);
    expect(await stored(msg!.id)).toHaveLength(0);
    expect((await ctx.db.query('select 1 from attachments where sha256 = $1', [sha256Hex(pngBytes(5))])).rows).toHaveLength(0);
  });
});
