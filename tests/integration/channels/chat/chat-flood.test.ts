import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../helpers/databases';
import { startTestServer, type TestServer } from '../../helpers/server';
import { TEAM_A } from '../helpers';

/** Issue 9, finding 5: 600 anonymous sessions from one address made 600 customers and 600 cases. */
const CAP = 5;
const MESSAGES_PER_MINUTE = 8;

forEachDatabase('chat flood guard', (ctx) => {
  let t: TestServer;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestServer(ctx.db, {
      customers: 2,
      server: { senders: [], channels: { defaultTeam: TEAM_A, chatGuard: { maxOpenSessionsPerAddress: CAP, connectionsPerMinute: 10_000, sessionsPerHour: 10_000, messagesPerMinute: MESSAGES_PER_MINUTE } } },
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t?.close();
  });

  const counts = async () => {
    const { rows } = await ctx.db.query<{ customers: string; cases: string }>(
      `select (select count(*) from events where kind = 'customer.created' and channel = 'chat') as customers,
              (select count(*) from events where kind = 'case.opened' and channel = 'chat') as cases`,
    );
    return { customers: Number(rows[0]?.customers), cases: Number(rows[0]?.cases) };
  };

  /** One visitor: connect a fresh session and send one message; what the server answered. */
  const visit = (i: number) =>
    new Promise<{ ok: boolean; refusal?: { code: string; message: string } }>((resolve) => {
      const s = connect(`${t.baseUrl}/chat`, { auth: { session: '' }, transports: ['websocket'], forceNew: true, reconnection: false });
      sockets.push(s);
      s.once('connect_error', (err: Error & { data?: { code: string; message: string } }) => resolve({ ok: false, refusal: err.data ?? { code: 'connect_error', message: err.message } }));
      s.once('chat:session', () => {
        void s.emitWithAck('chat:message', { id: `flood-${i}`, text: `hello ${i}` }).then((ack: { ok: boolean; error?: { code: string; message: string } }) => resolve({ ok: ack.ok, ...(ack.error ? { refusal: ack.error } : {}) }));
      });
    });

  it('a session sending too fast is told so (ack and chat:error), and the extra messages are not stored', async () => {
    const s = connect(`${t.baseUrl}/chat`, { auth: { session: '' }, transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(s);
    const session = await new Promise<{ sessionId: string }>((resolve) => s.once('chat:session', resolve));
    const errors: Array<{ code: string }> = [];
    s.on('chat:error', (e: { code: string }) => errors.push(e));
    const acks: Array<{ ok: boolean; error?: { code: string; retryAfterMs: number } }> = [];
    for (let i = 0; i < MESSAGES_PER_MINUTE + 4; i++) acks.push((await s.emitWithAck('chat:message', { id: `fast-${i}`, text: `message ${i}` })) as (typeof acks)[number]);
    expect(acks.filter((a) => a.ok)).toHaveLength(MESSAGES_PER_MINUTE);
    expect(acks.slice(MESSAGES_PER_MINUTE).every((a) => !a.ok && a.error?.code === 'RATE_LIMITED' && a.error.retryAfterMs > 0)).toBe(true);
    expect(errors.map((e) => e.code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    const { rows } = await ctx.db.query<{ n: string }>(`select count(*) as n from events where kind = 'message.received' and meta->>'providerMessageId' like $1`, [`${session.sessionId}:fast-%`]);
    expect(Number(rows[0]?.n)).toBe(MESSAGES_PER_MINUTE);
    s.disconnect();
  });

  it(`600 anonymous sessions from one address make at most ${CAP} customers and cases; the others get a clear refusal`, async () => {
    const before = await counts();
    const answers: Array<Awaited<ReturnType<typeof visit>>> = [];
    for (let i = 0; i < 600; i += 50) answers.push(...(await Promise.all(Array.from({ length: 50 }, (_, j) => visit(i + j)))));
    const after = await counts();
    expect(after.customers - before.customers).toBeLessThanOrEqual(CAP);
    expect(after.cases - before.cases).toBeLessThanOrEqual(CAP);
    expect(answers.filter((a) => a.ok).length).toBeLessThanOrEqual(CAP);
    const refused = answers.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThanOrEqual(600 - CAP);
    expect(refused.every((a) => a.refusal?.code === 'TOO_MANY_SESSIONS' && /too many chats/i.test(a.refusal.message))).toBe(true);
    for (const s of sockets.splice(0)) s.disconnect();
  });
});
