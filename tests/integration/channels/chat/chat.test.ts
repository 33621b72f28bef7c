import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../helpers/databases';
import { mutation, push, startTestServer, type TestServer } from '../../helpers/server';
import { eventsOf, TEAM_A } from '../helpers';

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
    const evs = await eventsOf(ctx.db, "kind = 'customer.created' and meta->'customer'->'emails' ? 'olive@example.com'");
    expect(evs).toHaveLength(1);
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
