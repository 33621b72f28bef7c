import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PUSH_BATCH, SYNC_EVENTS, type Poke, type PullResponse, type PushResponse } from '../../../src/shared/contracts/sync';
import type { Case, Thread } from '../../../src/shared/kernel/case';
import { newId } from '../../../src/shared/kernel/ids';
import { signAccessToken } from '../../../src/server/kernel/auth/tokens';
import { DEMO_TEAMS, demoAgent, projectInMemory, SAFETY_CUSTOMER_ID, SHOWCASE_CUSTOMER_ID } from '../../../src/server/seed';
import { forEachDatabase } from '../helpers/databases';
import { mutation, pull, pullAll, push, request, startTestServer, TEST_JWT_SECRET, type TestServer } from '../helpers/server';

const G = DEMO_TEAMS.glucose.id;
const C = DEMO_TEAMS.cardio.id;
const PHI_MARKER = 'PHI-MARKER-do-not-log-7f3a';

forEachDatabase('sync over socket.io', (ctx) => {
  let t: TestServer;
  let alice: Socket;
  let showcaseCase: Case;
  let showcaseThreads: Map<string, Thread>;
  let cardioCase: Case;
  let cardioThread: Thread;
  let otherGlucoseCase: Case;

  beforeAll(async () => {
    t = await startTestServer(ctx.db);
    const world = projectInMemory(t.data.events);
    const cases = [...world.cases.values()];
    const threadsOf = (k: Case) => [...world.threads.values()].filter((th) => th.caseId === k.id);
    showcaseCase = cases.find((k) => k.customerId === SHOWCASE_CUSTOMER_ID) as Case;
    showcaseThreads = new Map(threadsOf(showcaseCase).map((th) => [th.channel, th]));
    cardioCase = cases.find((k) => k.customerId === SAFETY_CUSTOMER_ID) as Case;
    cardioThread = threadsOf(cardioCase)[0] as Thread;
    otherGlucoseCase = cases.find((k) => k.teamId === G && k.customerId !== SHOWCASE_CUSTOMER_ID && k.status !== 'closed') as Case;
    expect(showcaseCase && cardioCase && cardioThread && otherGlucoseCase, 'fixtures exist in the generated world').toBeTruthy();
    expect(cardioCase.teamId).toBe(C);
    alice = await t.connect(await t.token('alice'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const eventCount = async (id: string) => {
    const { rows } = await ctx.db.query<{ n: unknown }>('select count(*) as n from events where id = $1', [id]);
    return Number(rows[0]?.n);
  };
  const caseRow = async (id: string) => {
    const { rows } = await ctx.db.query<{ status: string; priority: string; assignee_id: string | null; data: Case }>(
      'select status, priority, assignee_id, data from cases where id = $1',
      [id],
    );
    return rows[0];
  };
  const globalMaxSeq = async () => {
    const { rows } = await ctx.db.query<{ m: unknown }>('select coalesce(max(seq), 0) as m from events');
    return Number(rows[0]?.m);
  };

  describe('handshake', () => {
    it('refuses a bad, an expired or a missing token, and a missing clientId, with UNAUTHENTICATED', async () => {
      const expired = (await signAccessToken(demoAgent('alice'), TEST_JWT_SECRET, { now: new Date(Date.now() - 13 * 3600_000) })).token;
      const otherSecret = (await signAccessToken(demoAgent('alice'), 'another-secret-another-secret-0123456789')).token;
      for (const token of ['not-a-jwt', expired, otherSecret, '']) {
        const err = await t.connect(token).then(
          () => null,
          (e: Error & { data?: { code?: string } }) => e,
        );
        expect(err, 'connection refused').not.toBeNull();
        expect(err?.data?.code).toBe('UNAUTHENTICATED');
      }
      const expiredErr = await t.connect(expired).catch((e: Error & { data?: { message?: string } }) => e);
      expect((expiredErr as Error & { data?: { message?: string } }).data?.message).toMatch(/expired/);
      const noClientId = await t.connect(await t.token('alice'), 'not-a-uuid').catch((e: Error & { data?: { code?: string } }) => e);
      expect((noClientId as Error & { data?: { code?: string } }).data?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('push', () => {
    it('maps a reply to ONE message.sent on the thread channel, queued, by the agent, at server time', async () => {
      const email = showcaseThreads.get('email') as Thread;
      const m = { ...mutation('reply.send', { caseId: showcaseCase.id, threadId: email.id, body: `Dear Margaret, ${PHI_MARKER}` }), occurredAt: '2020-01-01T00:00:00.000Z' };
      const before = Date.now();
      const res = await push(alice, [m]);
      expect(res.results).toEqual([{ id: m.id, status: 'applied', seq: expect.any(Number) }]);
      const seq = (res.results[0] as { seq: number }).seq;
      const page = await pull(alice, seq - 1, 1);
      const e = page.events[0];
      expect(e).toMatchObject({
        id: m.id,
        seq,
        kind: 'message.sent',
        channel: 'email',
        customerId: SHOWCASE_CUSTOMER_ID,
        caseId: showcaseCase.id,
        threadId: email.id,
        author: { type: 'agent', id: demoAgent('alice').id, name: 'Alice Turner' },
        meta: { deliveryStatus: 'queued', subject: expect.stringMatching(/^Re: /) },
      });
      expect(Date.parse(e?.occurredAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
      expect(await eventCount(m.id)).toBe(1);
    });

    it('a note on a phone thread keeps channel internal; notes need no case', async () => {
      const phone = showcaseThreads.get('phone') as Thread;
      const onThread = mutation('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId: showcaseCase.id, threadId: phone.id, body: 'called back, no answer' });
      const onCustomer = mutation('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId: null, threadId: null, body: 'prefers mornings' });
      const res = await push(alice, [onThread, onCustomer]);
      expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      const events = (await pull(alice, (res.results[0] as { seq: number }).seq - 1, 10)).events;
      expect(events.find((e) => e.id === onThread.id)).toMatchObject({ kind: 'note.added', channel: 'internal', threadId: phone.id, caseId: showcaseCase.id });
      expect(events.find((e) => e.id === onCustomer.id)).toMatchObject({ kind: 'note.added', channel: 'internal', threadId: null, caseId: null });
    });

    it('is idempotent: the same mutation twice in one batch and again in a later push → applied, duplicate, duplicate; one event', async () => {
      const m = mutation('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId: showcaseCase.id, threadId: null, body: 'idempotency check' });
      const first = await push(alice, [m, m]);
      expect(first.results[0]).toMatchObject({ id: m.id, status: 'applied' });
      expect(first.results[1]).toEqual({ id: m.id, status: 'duplicate' });
      const again = await push(alice, [m]);
      expect(again.results).toEqual([{ id: m.id, status: 'duplicate' }]);
      // also from another connection of the same agent (a reconnect)
      const other = await t.connect(await t.token('alice'));
      expect((await push(other, [m])).results).toEqual([{ id: m.id, status: 'duplicate' }]);
      other.disconnect();
      expect(await eventCount(m.id)).toBe(1);
    });

    it('a reply on a closed case is rejected CONFLICT, the next valid mutation in the batch still applies, and a retry gets the same rejection', async () => {
      const thread = (await ctx.db.query<{ id: string }>('select id from threads where case_id = $1 limit 1', [otherGlucoseCase.id])).rows[0] as { id: string };
      const close = mutation('case.setStatus', { caseId: otherGlucoseCase.id, status: 'closed' });
      const reply = mutation('reply.send', { caseId: otherGlucoseCase.id, threadId: thread.id, body: 'too late' });
      const reopen = mutation('case.setStatus', { caseId: otherGlucoseCase.id, status: 'open' });
      const note = mutation('note.add', { customerId: otherGlucoseCase.customerId, caseId: otherGlucoseCase.id, threadId: null, body: 'closed after confirmation' });
      // the case may be another agent's: a lead acts on any case of the team (kernel/permissions)
      const lead = await t.connect(await t.token('lena'));
      const res = await push(lead, [close, reply, reopen, note]);
      expect(res.results[0]).toMatchObject({ status: 'applied' });
      expect(res.results[1]).toEqual({ id: reply.id, status: 'rejected', error: { code: 'CONFLICT', message: 'case is closed' } });
      expect(res.results[2]).toMatchObject({ status: 'rejected', error: { code: 'CONFLICT' } });
      expect(res.results[3]).toMatchObject({ id: note.id, status: 'applied' });
      expect(await eventCount(reply.id)).toBe(0);
      expect(await eventCount(note.id)).toBe(1);
      expect((await caseRow(otherGlucoseCase.id))?.status).toBe('closed');
      expect((await caseRow(otherGlucoseCase.id))?.data.resolvedAt).not.toBeNull();
      const retry = await push(lead, [reply]);
      expect(retry.results).toEqual([{ id: reply.id, status: 'rejected', error: { code: 'CONFLICT', message: 'case is closed' } }]);
      lead.disconnect();
    });

    it("an agent cannot act on another team's case or customer: rejected FORBIDDEN, nothing appended", async () => {
      const ms = [
        mutation('reply.send', { caseId: cardioCase.id, threadId: cardioThread.id, body: 'hello' }),
        mutation('case.setStatus', { caseId: cardioCase.id, status: 'resolved' }),
        mutation('note.add', { customerId: SAFETY_CUSTOMER_ID, caseId: null, threadId: null, body: 'peek' }),
        mutation('customer.update', { customerId: SAFETY_CUSTOMER_ID, patch: { vip: true } }),
      ];
      const res = await push(alice, ms);
      for (const [i, r] of res.results.entries()) {
        expect(r, ms[i]?.name).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });
        expect(await eventCount(ms[i]?.id ?? '')).toBe(0);
      }
      expect((await caseRow(cardioCase.id))?.status).toBe(cardioCase.status);
    });

    it('assign, priority and customer.update change the projections; an assignee outside the team or an unknown case is rejected', async () => {
      const mei = demoAgent('mei');
      // reassigning to a colleague and VIP are a lead's (kernel/permissions): as alice they are refused
      const refused = await push(alice, [
        mutation('case.assign', { caseId: showcaseCase.id, assigneeId: mei.id }),
        mutation('customer.update', { customerId: SHOWCASE_CUSTOMER_ID, patch: { vip: true } }),
        mutation('case.setPriority', { caseId: showcaseCase.id, priority: 'P0' }),
      ]);
      expect(refused.results.map((r) => (r.status === 'rejected' ? r.error.code : r.status))).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
      const lead = await t.connect(await t.token('lena'));
      const res = await push(lead, [
        mutation('case.assign', { caseId: showcaseCase.id, assigneeId: mei.id }),
        mutation('case.assign', { caseId: showcaseCase.id, assigneeId: demoAgent('bob').id }),
        mutation('case.setPriority', { caseId: showcaseCase.id, priority: 'P1' }),
        mutation('customer.update', { customerId: SHOWCASE_CUSTOMER_ID, patch: { vip: true } }),
        mutation('case.setStatus', { caseId: newId(), status: 'open' }),
      ]);
      expect(res.results.map((r) => (r.status === 'rejected' ? r.error.code : r.status))).toEqual([
        'applied',
        'INVALID_ARGUMENT',
        'applied',
        'applied',
        'NOT_FOUND',
      ]);
      const row = await caseRow(showcaseCase.id);
      expect(row).toMatchObject({ assignee_id: mei.id, priority: 'P1' });
      expect(row?.data).toMatchObject({ assigneeId: mei.id, priority: 'P1' });
      const { rows } = await ctx.db.query<{ vip: boolean; data: { vip: boolean } }>('select vip, data from customers where id = $1', [SHOWCASE_CUSTOMER_ID]);
      expect(rows[0]).toMatchObject({ vip: true, data: { vip: true } });
      const events = (await pull(alice, (res.results[0] as { seq: number }).seq - 1, 10)).events;
      expect(events.map((e) => e.kind)).toEqual(['case.assigned', 'case.priority_changed', 'customer.updated']);
      expect(events[0]?.meta).toEqual({ from: demoAgent('alice').id, to: mei.id });
      expect(events[1]?.meta).toEqual({ from: 'P2', to: 'P1' });
      lead.disconnect();
    });

    it('concurrent pushes from several agents get unique, gap-free seqs (seq order = commit order)', async () => {
      const lena = await t.connect(await t.token('lena'));
      const drWang = await t.connect(await t.token('dr.wang'));
      const before = await globalMaxSeq();
      const note = (i: number) => mutation('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId: null, threadId: null, body: `concurrent ${i}` });
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => push([alice, lena, drWang][i % 3] as Socket, [note(i), note(100 + i)])),
      );
      const seqs = results.flatMap((r) => r.results.map((x) => (x.status === 'applied' ? x.seq : -1))).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => before + 1 + i));
      lena.disconnect();
      drWang.disconnect();
    });
  });

  describe('pull', () => {
    it("returns exactly the caller's teams' events: alice never sees Cardio & Vitals", async () => {
      const { events, cursor } = await pullAll(alice, 0, 1000);
      const { rows } = await ctx.db.query<{ id: string }>('select id from events where team_id = $1 order by seq', [G]);
      expect(events.map((e) => e.id)).toEqual(rows.map((r) => r.id));
      expect(events.some((e) => e.customerId === SAFETY_CUSTOMER_ID)).toBe(false);
      expect(cursor).toBe(await globalMaxSeq());
      const bob = await t.connect(await t.token('bob'));
      const bobs = await pullAll(bob, 0, 1000);
      expect(bobs.events.some((e) => e.customerId === SHOWCASE_CUSTOMER_ID)).toBe(false);
      expect(bobs.events.some((e) => e.customerId === SAFETY_CUSTOMER_ID)).toBe(true);
      bob.disconnect();
    });

    it('pages of 2: walking the cursor yields every visible event once, in seq order', async () => {
      const all = await pullAll(alice, 0, 1000);
      const paged = await pullAll(alice, 0, 2);
      expect(paged.pages).toBeGreaterThanOrEqual(Math.ceil(all.events.length / 2));
      const seqs = paged.events.map((e) => e.seq as number);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(paged.events.map((e) => e.id)).toEqual(all.events.map((e) => e.id));
      expect(paged.cursor).toBe(all.cursor);
    });

    it("invisible events at the tail still advance the cursor, so the client does not re-scan them", async () => {
      const bob = await t.connect(await t.token('bob'));
      const start = (await pullAll(alice)).cursor;
      const res = await push(bob, [mutation('note.add', { customerId: SAFETY_CUSTOMER_ID, caseId: null, threadId: null, body: 'cardio only' })]);
      const seq = (res.results[0] as { seq: number }).seq;
      const page = await pull(alice, start, 2);
      expect(page).toEqual({ events: [], cursor: seq, hasMore: false });
      bob.disconnect();
    });
  });

  describe('malformed and hostile input', () => {
    it('a malformed sync:push or sync:pull gets INVALID_ARGUMENT and the same socket keeps working', async () => {
      const bad: Array<[string, unknown]> = [
        [SYNC_EVENTS.push, null],
        [SYNC_EVENTS.push, 'mutations please'],
        [SYNC_EVENTS.push, {}],
        [SYNC_EVENTS.push, { mutations: [] }],
        [SYNC_EVENTS.push, { mutations: [{ id: 'x', name: 'reply.send' }] }],
        [SYNC_EVENTS.push, { mutations: [{ ...mutation('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId: null, threadId: null, body: 'x' }), name: 'case.delete' }] }],
        [SYNC_EVENTS.pull, null],
        [SYNC_EVENTS.pull, { cursor: -1, limit: 10 }],
        [SYNC_EVENTS.pull, { cursor: 0, limit: 100_000 }],
        [SYNC_EVENTS.pull, { cursor: '0', limit: 10 }],
      ];
      for (const [event, payload] of bad) {
        const ack = await request(alice, event, payload);
        expect(ack, `${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.any(String) } });
      }
      // only an ack callback, no payload
      const bare = (await alice.timeout(5000).emitWithAck(SYNC_EVENTS.pull)) as { ok: boolean; error?: { code: string } };
      expect(bare).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      // too many mutations: a clear PAYLOAD_TOO_LARGE
      const many = Array.from({ length: MAX_PUSH_BATCH + 1 }, () => mutation('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId: null, threadId: null, body: 'x' }));
      expect(await request(alice, SYNC_EVENTS.push, { mutations: many })).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
      expect(alice.connected).toBe(true);
      const ok = await request<PullResponse>(alice, SYNC_EVENTS.pull, { cursor: 0, limit: 1 });
      expect(ok.ok).toBe(true);
    });

    it('a message without an ack callback is ignored (nothing applied) and the socket keeps working', async () => {
      const m = mutation('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId: null, threadId: null, body: 'fire and forget' });
      alice.emit(SYNC_EVENTS.push, { mutations: [m] });
      const ok = await request<PushResponse>(alice, SYNC_EVENTS.push, {
        mutations: [mutation('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId: null, threadId: null, body: 'with ack' })],
      });
      expect(ok).toMatchObject({ ok: true, value: { results: [{ status: 'applied' }] } });
      expect(await eventCount(m.id)).toBe(0);
      expect(t.logs()).toContain('without ack callback ignored');
    });

    it('an oversized frame closes only that connection; the server keeps serving', async () => {
      const victim = await t.connect(await t.token('alice'));
      const closed = new Promise<string>((resolve) => victim.once('disconnect', (reason) => resolve(reason)));
      victim.emit(SYNC_EVENTS.push, { mutations: [{ junk: 'x'.repeat(9 * 1024 * 1024) }] }, () => undefined);
      expect(await closed).toMatch(/transport|io server disconnect/);
      const health = await fetch(`${t.baseUrl}/api/health`);
      expect(health.status).toBe(200);
      const fresh = await t.connect(await t.token('alice'));
      expect((await pull(fresh, 0, 1)).events).toHaveLength(1);
      fresh.disconnect();
      expect(alice.connected).toBe(true);
    });
  });

  describe('pokes', () => {
    it("a push pokes the team's room: alice (Glucose) is poked by lena's push, bob (Cardio) is not — until a Cardio push", async () => {
      const bob = await t.connect(await t.token('bob'));
      const admin = await t.connect(await t.token('admin'));
      const lena = await t.connect(await t.token('lena'));
      const pokes = { alice: [] as Poke[], bob: [] as Poke[], admin: [] as Poke[] };
      const onAlice = (p: Poke) => pokes.alice.push(p);
      alice.on(SYNC_EVENTS.poke, onAlice);
      bob.on(SYNC_EVENTS.poke, (p: Poke) => pokes.bob.push(p));
      admin.on(SYNC_EVENTS.poke, (p: Poke) => pokes.admin.push(p));

      const res = await push(lena, [mutation('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId: showcaseCase.id, threadId: null, body: 'lead note' })]);
      const seq = (res.results[0] as { seq: number }).seq;
      await expect.poll(() => pokes.alice.map((p) => p.seq)).toContain(seq);
      await expect.poll(() => pokes.admin.map((p) => p.seq)).toContain(seq);
      await new Promise((r) => setTimeout(r, 300));
      expect(pokes.bob).toEqual([]);

      const cardio = await push(bob, [mutation('note.add', { customerId: SAFETY_CUSTOMER_ID, caseId: cardioCase.id, threadId: null, body: 'cardio note' })]);
      const cseq = (cardio.results[0] as { seq: number }).seq;
      await expect.poll(() => pokes.bob.map((p) => p.seq)).toContain(cseq);
      await new Promise((r) => setTimeout(r, 300));
      expect(pokes.alice.map((p) => p.seq)).not.toContain(cseq);
      alice.off(SYNC_EVENTS.poke, onAlice);
      for (const s of [bob, admin, lena]) s.disconnect();
    });
  });

  describe('privacy', () => {
    it('server logs carry ids and codes, never message bodies, names or tokens', async () => {
      const logs = t.logs();
      expect(logs.length).toBeGreaterThan(0);
      expect(logs).toContain('sync:push');
      expect(logs).not.toContain(PHI_MARKER);
      expect(logs).not.toContain('Margaret');
      expect(logs).not.toContain(await t.token('alice'));
      expect(logs).not.toContain('omnidesk-agent');
    });
  });
});
