import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../helpers/databases';
import { mutation, push, startTestServer, type TestServer } from '../../helpers/server';
import { ingestBatchNow } from '../../../../src/server/channels/ingest';
import { captureLogger, createCustomer, eventsOf, inbound, TEAM_A } from '../helpers';

forEachDatabase('chat channel (/chat namespace)', (ctx) => {
  let t: TestServer;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 4, server: { senders: [], channels: { defaultTeam: TEAM_A }, delivery: { pollIntervalMs: 100 } } });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t?.close();
  });

  const widget = (session = '') => {
    const s = connect(`${t.baseUrl}/chat`, { auth: { session }, transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(s);
    return s;
  };
  const next = <T>(s: Socket, event: string) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within 15 s`)), 15_000);
      s.once(event, (p: T) => {
        clearTimeout(timer);
        resolve(p);
      });
    });

  it('serves the widget page and the socket.io client', async () => {
    const page = await fetch(`${t.baseUrl}/chat/widget`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('textContent');
    expect(html).not.toContain('innerHTML');
    const js = await fetch(`${t.baseUrl}/chat/socket.io.min.js`);
    expect(js.status).toBe(200);
  });

  it('with no agent online the widget offers the offline form; a left message is stored with the email', async () => {
    const s = widget();
    const status = await next<{ agentsOnline: boolean }>(s, 'chat:status');
    expect(status.agentsOnline).toBe(false);
    const ack = (await s.emitWithAck('chat:offline', { id: 'off-1', name: 'Olive Offline', email: 'Olive@Example.com', text: 'please call me back' })) as { ok: boolean };
    expect(ack.ok).toBe(true);
    const bad = (await s.emitWithAck('chat:offline', { id: 'off-2', email: 'not-an-email', text: 'x' })) as { ok: boolean; error: { code: string } };
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    // the typed address is a claim: kept on the thread (unverified), never a key of the customer
    const [thread] = await eventsOf(ctx.db, "kind = 'thread.opened' and meta->'thread'->'claims'->>'email' = 'olive@example.com'");
    expect(thread?.meta).toMatchObject({ thread: { unverified: true } });
    expect(await eventsOf(ctx.db, "kind = 'customer.created' and meta->'customer'->'emails' ? 'olive@example.com'")).toHaveLength(0);
  });

  it("a visitor who types a patient's email into chat:offline is not filed on the patient, nor receives the patient's replies (issue 9, finding 1)", async () => {
    const patient = await createCustomer(ctx.db, { name: 'Pat Patient', emails: ['pat.patient@example.com'] });
    // the patient's own conversation, on a provider-asserted identity
    const [own] = await ingestBatchNow({ db: ctx.db, logger: captureLogger(), defaultTeamId: TEAM_A }, [
      inbound({ channel: 'chat', threadRef: 'patient-own-session', identity: { email: 'pat.patient@example.com' }, body: 'my reading was 54 mg/dL' }),
    ]);
    expect(own?.customerId).toBe(patient.id);

    const visitor = widget();
    const session = await next<{ sessionId: string; token: string }>(visitor, 'chat:session');
    const heard: unknown[] = [];
    visitor.on('chat:message', (m: unknown) => heard.push(m));
    const ack = (await visitor.emitWithAck('chat:offline', { id: 'v-1', name: 'Pat Patient', email: 'PAT.patient@example.com', text: 'what was my last reading?' })) as { ok: boolean };
    expect(ack.ok).toBe(true);

    const [msg] = await eventsOf(ctx.db, "kind = 'message.received' and meta->>'providerMessageId' = $1", [`${session.sessionId}:v-1`]);
    expect(msg?.customer_id).not.toBe(patient.id);
    expect(msg?.case_id).not.toBe(own?.caseId);
    const [opened] = await eventsOf(ctx.db, "kind = 'thread.opened' and thread_id = $1", [msg!.thread_id]);
    expect(opened?.meta).toMatchObject({ thread: { unverified: true, claims: { email: 'pat.patient@example.com' } } });
    const suggestion = await ctx.db.query<{ candidate_id: string; reason: string }>('select candidate_id, reason from merge_suggestions where customer_id = $1', [msg!.customer_id]);
    expect(suggestion.rows).toEqual([{ candidate_id: patient.id, reason: 'unverified_identity' }]);

    // the agent answers the patient: nothing of it reaches the visitor, live or in the history
    const agent = await t.connect(await t.token('alice'));
    const r = await push(agent, [mutation('reply.send', { caseId: own!.caseId!, threadId: own!.threadId!, body: 'Your last reading was 54 mg/dL' })]);
    expect(r.results[0]?.status).toBe('applied');
    await new Promise((res) => setTimeout(res, 500));
    expect(heard).toEqual([]);
    visitor.disconnect();
    const again = widget(session.token);
    const history = await next<Array<{ text: string }>>(again, 'chat:history');
    expect(history.map((h) => h.text)).toEqual(['what was my last reading?']);
  });

  it('a chat with script in it is stored as text; typing goes both ways; the agent reply reaches the widget; reconnecting keeps the session', async () => {
    const token = await t.token('alice');
    const agent = await t.connect(token);
    const s = widget();
    const sessionP = next<{ token: string; sessionId: string }>(s, 'chat:session');
    const statusP = next<{ agentsOnline: boolean }>(s, 'chat:status');
    const session = await sessionP;
    expect((await statusP).agentsOnline).toBe(true);

    const text = 'hi <script>alert("x")</script><img src=x onerror=alert(1)>';
    expect(await s.emitWithAck('chat:message', { id: 'm-1', text, name: 'Wendy Widget' })).toMatchObject({ ok: true, status: 'appended' });
    expect(await s.emitWithAck('chat:message', { id: 'm-1', text, name: 'Wendy Widget' })).toMatchObject({ ok: true, status: 'duplicate' });
    const [received] = await eventsOf(ctx.db, "kind = 'message.received' and meta->>'providerMessageId' = $1", [`${session.sessionId}:m-1`]);
    expect(received?.body).toBe(text);

    const customerTyping = next<{ threadId: string; typing: boolean }>(agent, 'live:typing');
    s.emit('chat:typing', { typing: true });
    expect(await customerTyping).toMatchObject({ threadId: received!.thread_id, typing: true });

    const agentTyping = next<{ typing: boolean }>(s, 'chat:typing');
    agent.emit('live:typing', { threadId: received!.thread_id, typing: true });
    expect(await agentTyping).toEqual({ typing: true });

    const reply = next<{ from: string; text: string }>(s, 'chat:message');
    const r = await push(agent, [mutation('reply.send', { caseId: received!.case_id!, threadId: received!.thread_id!, body: 'Hello Wendy, <b>we</b> can help' })]);
    expect(r.results[0]?.status).toBe('applied');
    expect(await reply).toMatchObject({ from: 'agent', text: 'Hello Wendy, <b>we</b> can help' });

    s.disconnect();
    const again = widget(session.token);
    const resumed = next<{ sessionId: string }>(again, 'chat:session');
    const history = next<Array<{ id: string; from: string; text: string }>>(again, 'chat:history');
    expect((await resumed).sessionId).toBe(session.sessionId);
    expect((await history).map((h) => [h.from, h.text])).toEqual([
      ['customer', text],
      ['agent', 'Hello Wendy, <b>we</b> can help'],
    ]);
    // a forged session token gets a fresh session, not someone else's
    const forged = widget(`${session.sessionId}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    const forgedSession = next<{ sessionId: string }>(forged, 'chat:session');
    expect((await forgedSession).sessionId).not.toBe(session.sessionId);
  });
});
