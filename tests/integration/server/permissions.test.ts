/**
 * Permissions by role, generated from the tables (issue 9): every HTTP route the running server registered
 * (src/server/kernel/http/guard.ts guardedRoutes, each with its ROUTE_PERMISSIONS entry), every socket event of
 * SOCKET_PERMISSIONS, and every mutation of MUTATION_PERMISSIONS, tried as every role against a running server.
 * A role without the permission must be refused; a role with it must get past the check.
 */
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTATION_PERMISSIONS, ROUTE_PERMISSIONS, SOCKET_PERMISSIONS, type Access } from '../../../src/shared/contracts/permissions';
import type { Mutation, MutationResult } from '../../../src/shared/contracts/sync';
import { Role, type Agent } from '../../../src/shared/kernel/agent';
import type { Case } from '../../../src/shared/kernel/case';
import type { CompensationTier, HandoffSummary, ScriptEntry } from '../../../src/shared/kernel/escalation';
import { aboveAuthority } from '../../../src/shared/features/escalation/compensation';
import { ErrorBody } from '../../../src/shared/kernel/errors';
import { deterministicId, newId } from '../../../src/shared/kernel/ids';
import { can, type Permission } from '../../../src/shared/kernel/permissions';
import type { MutationName } from '../../../src/shared/mutations';
import { hashPassword } from '../../../src/server/kernel/auth';
import { guardedRoutes } from '../../../src/server/kernel/http/guard';
import { insertAgents } from '../../../src/server/features/directory';
import { DEMO_TEAMS } from '../../../src/server/seed';
import { forEachDatabase } from '../helpers/databases';
import { mutation, push, startTestServer, type TestServer } from '../helpers/server';

const ROLES = Role.options;
const G = DEMO_TEAMS.glucose.id;
const PASSWORD = 'permission-test-password-1';
const T0 = Date.UTC(2026, 2, 3);
const member = (n: number, role: Role, username: string): Agent => ({
  id: deterministicId(T0, n),
  username,
  displayName: username,
  role,
  teamIds: [G],
  languages: ['en'],
  presence: 'offline',
});
/** one caller per role, all in team Glucose (admins see every team anyway), and the owners of the other cases */
const CALLERS: Record<Role, Agent> = {
  agent: member(1, 'agent', 'perm-agent'),
  specialist: member(2, 'specialist', 'perm-specialist'),
  lead: member(3, 'lead', 'perm-lead'),
  admin: member(4, 'admin', 'perm-admin'),
};
const OTHER_AGENT = member(5, 'agent', 'perm-other-agent');
const OTHER_SPECIALIST = member(6, 'specialist', 'perm-other-specialist');
const GUARD_REFUSAL = 'your role may not do this';

/** What the mutation scenarios work on (found in the seeded data, arranged by an admin before each try). */
interface Fixtures {
  /** an open case assigned to another frontline agent */
  other: { caseId: string; threadId: string; customerId: string };
  /** an open case on the specialist queue (assigned to another specialist) */
  specialist: { caseId: string; threadId: string; customerId: string };
  /** an open unassigned case */
  free: { caseId: string; threadId: string; customerId: string };
  /** a resolved case (articles are drafted from solved cases) */
  solved: { caseId: string; customerId: string };
  /** two unmerged customers of the team, fresh for each try */
  pair(): { sourceId: string; targetId: string };
  /** notes on the free case: [0] carries the confirmed flag that opened its complaint record, [2] is flagged by the scenario */
  notes: [string, string, string];
  /** the free case's open flag (on a note of its own), raised afresh before each try */
  flagId(): string;
  setFlag(id: string): void;
  /** a compensation approval pending on the free case, requested afresh by the agent before each try */
  approvalId(): string;
  /** a request for the lead's help open on the free case, asked afresh by the agent before each try */
  helpId(): string;
  /** a green-channel fast-track open on the free case, made afresh by the admin before each try */
  fastTrackId(): string;
}

const start = (): ScriptEntry => ({ type: 'started', runId: newId(), scriptId: `perm-${newId().slice(-8)}`, revision: 1, ruleId: null });
const SUMMARY: HandoffSummary = { problem: 'permission test', device: null, mood: null, safety: false, tried: [], answers: [], open: [], note: '' };

/**
 * For each mutation and each permission its decision consults (MUTATION_PERMISSIONS), the arguments of a change
 * that needs exactly that permission. `none` is a change every role may make. The test fails when the table names
 * a permission that has no scenario here.
 */
const SCENARIOS: { [N in MutationName]: Partial<Record<Permission | 'none', (f: Fixtures) => Extract<Mutation, { name: N }>['args']>> } = {
  'reply.send': {
    'cases.act.any': (f) => ({ caseId: f.other.caseId, threadId: f.other.threadId, body: 'permission test reply' }),
    'cases.act.specialist': (f) => ({ caseId: f.specialist.caseId, threadId: f.specialist.threadId, body: 'permission test reply' }),
    none: (f) => ({ caseId: f.free.caseId, threadId: f.free.threadId, body: 'permission test reply' }),
  },
  'note.add': { none: (f) => ({ customerId: f.other.customerId, caseId: f.other.caseId, threadId: null, body: 'permission test note' }) },
  'knowledge.feedback': {
    none: (f) => ({ customerId: f.other.customerId, caseId: f.other.caseId, articleId: 'g4-pairing.en', slug: 'g4-pairing', version: 1, locale: 'en', verdict: 'helpful', comment: null }),
  },
  'knowledge.draft': {
    none: (f) => ({
      customerId: f.solved.customerId,
      caseId: f.solved.caseId,
      article: { locale: 'en', title: 'Permission test draft', category: 'setup', summary: '', products: [], deviceKinds: [], body: 'permission test' },
    }),
  },
  'case.setStatus': {
    'cases.act.any': (f) => ({ caseId: f.other.caseId, status: 'pending' }),
    'cases.act.specialist': (f) => ({ caseId: f.specialist.caseId, status: 'pending' }),
    none: (f) => ({ caseId: f.free.caseId, status: 'pending' }),
  },
  'case.assign': {
    'cases.act.any': (f) => ({ caseId: f.other.caseId, assigneeId: OTHER_AGENT.id }),
    'cases.act.specialist': (f) => ({ caseId: f.specialist.caseId, assigneeId: OTHER_SPECIALIST.id }),
  },
  'case.setPriority': {
    'cases.act.any': (f) => ({ caseId: f.other.caseId, priority: 'P2' }),
    'cases.act.specialist': (f) => ({ caseId: f.specialist.caseId, priority: 'P2' }),
    'cases.priority.p0': (f) => ({ caseId: f.free.caseId, priority: 'P0' }),
    none: (f) => ({ caseId: f.free.caseId, priority: 'P1' }),
  },
  'case.setTags': {
    // a new tag each time: tagging twice with the same one is refused as a no-op (CONFLICT), not by permission
    'cases.act.any': (f) => ({ caseId: f.other.caseId, add: [`t-${newId().slice(-12)}`], remove: [] }),
    'cases.act.specialist': (f) => ({ caseId: f.specialist.caseId, add: [`t-${newId().slice(-12)}`], remove: [] }),
    none: (f) => ({ caseId: f.free.caseId, add: [`t-${newId().slice(-12)}`], remove: [] }),
  },
  'customer.update': {
    'customers.vip': (f) => ({ customerId: f.free.customerId, patch: { vip: true } }),
    none: (f) => ({ customerId: f.free.customerId, patch: { language: 'en' } }),
  },
  'customer.merge': { 'customers.merge': (f) => f.pair() },
  'customer.unmerge': { 'customers.merge': (f) => ({ mergeId: newId(), customerId: f.pair().targetId }) },
  'customer.dismissSuggestion': {
    'customers.merge': (f) => {
      const p = f.pair();
      return { customerId: p.targetId, candidateId: p.sourceId };
    },
  },
  'safety.flag': { none: (f) => ({ messageId: f.notes[2], categories: ['injury'], reason: 'permission test flag' }) },
  'safety.confirm': { none: (f) => ({ caseId: f.free.caseId, flagId: f.flagId(), reason: 'permission test' }) },
  'safety.dismiss': { none: (f) => ({ caseId: f.free.caseId, flagId: f.flagId(), reason: 'permission test' }) },
  'complaint.update': { 'safety.review': (f) => ({ caseId: f.free.caseId, patch: { narrative: 'permission test' } }) },
  'complaint.decide': { 'safety.review': (f) => ({ caseId: f.free.caseId, reportability: 'not_reportable', rationale: 'permission test' }) },
  'script.record': {
    'cases.act.any': (f) => ({ caseId: f.other.caseId, entry: start() }),
    'cases.act.specialist': (f) => ({ caseId: f.specialist.caseId, entry: start() }),
    none: (f) => ({ caseId: f.free.caseId, entry: start() }),
  },
  'case.handoff': {
    'cases.act.any': (f) => ({ caseId: f.other.caseId, to: 'lead', summary: SUMMARY, ruleId: null }),
    'cases.act.specialist': (f) => ({ caseId: f.specialist.caseId, to: 'lead', summary: SUMMARY, ruleId: null }),
    none: (f) => ({ caseId: f.free.caseId, to: 'specialist', summary: SUMMARY, ruleId: null }),
  },
  'approval.request': {
    'cases.act.any': (f) => ({ caseId: f.other.caseId, tier: 'severe', note: 'permission test' }),
    'cases.act.specialist': (f) => ({ caseId: f.specialist.caseId, tier: 'severe', note: 'permission test' }),
  },
  'approval.decide': { 'cases.act.any': (f) => ({ caseId: f.free.caseId, approvalId: f.approvalId(), approved: false, reason: 'permission test' }) },
  'case.requestHelp': {
    'cases.act.any': (f) => ({ caseId: f.other.caseId, note: 'permission test' }),
    'cases.act.specialist': (f) => ({ caseId: f.specialist.caseId, note: 'permission test' }),
  },
  'case.answerHelp': { 'console.act': (f) => ({ caseId: f.free.caseId, requestId: f.helpId(), reply: 'permission test' }) },
  'case.fastTrack': { 'cases.greenChannel': (f) => ({ caseId: f.other.caseId, reason: 'permission test' }) },
  'case.reviewFastTrack': { 'console.act': (f) => ({ caseId: f.free.caseId, fastTrackId: f.fastTrackId(), note: 'permission test' }) },
};

forEachDatabase('permissions by role (generated from the route, socket and mutation tables)', (ctx) => {
  let t: TestServer;
  const tokens = new Map<Role, string>();
  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 60 });
    const passwordHash = await hashPassword(PASSWORD);
    await insertAgents(ctx.db, [...Object.values(CALLERS), OTHER_AGENT, OTHER_SPECIALIST].map((agent) => ({ agent, passwordHash })));
    for (const role of ROLES) tokens.set(role, (await t.login(CALLERS[role].username, PASSWORD)).token);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  /** a fresh token (a route that passes the guard may act on the token itself: logout, refresh) */
  const freshToken = async (role: Role) => (await t.login(CALLERS[role].username, PASSWORD)).token;
  const call = (method: string, url: string, token: string | null) =>
    fetch(`${t.baseUrl}${url.replace(/:[A-Za-z]+/g, () => newId())}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }) },
      ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
    });
  const refusedByGuard = async (res: Response) => {
    if (res.status !== 403) return false;
    const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
    return ErrorBody.safeParse(body?.error).data?.message === GUARD_REFUSAL;
  };

  describe('HTTP routes', () => {
    it('the server registered routes, and every one has an entry (the guard refuses to start otherwise)', () => {
      const routes = guardedRoutes(t.server.app);
      expect(routes.length).toBeGreaterThan(5);
      for (const r of routes) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
    });

    it('every non-public route refuses a caller without a token (401), a role without the permission (403), and admits a role with it', async () => {
      const routes = guardedRoutes(t.server.app).filter((r) => r.method !== 'HEAD' && r.access !== 'public');
      const checked: string[] = [];
      for (const r of routes) {
        const access = r.access as Exclude<Access, 'public'>;
        const anon = await call(r.method, r.url, null);
        expect(anon.status, `${r.method} ${r.url} without a token`).toBe(401);
        for (const role of ROLES) {
          const allowed = access === 'authenticated' || can(role, access);
          // a fresh sign-in only where the route may end the session (each sign-in counts against the sign-in limits)
          const ownsToken = r.url.startsWith('/api/auth/');
          const res = await call(r.method, r.url, allowed && ownsToken ? await freshToken(role) : tokens.get(role)!);
          const label = `${r.method} ${r.url} as ${role} (${r.access})`;
          if (allowed) {
            expect(res.status, label).not.toBe(401);
            expect(await refusedByGuard(res), label).toBe(false);
          } else {
            expect(await refusedByGuard(res), label).toBe(true);
          }
        }
        checked.push(`${r.method} ${r.url}`);
      }
      expect(checked).toEqual(expect.arrayContaining(['GET /api/me', 'GET /api/directory', 'GET /api/customers']));
    }, 120_000);

    it('table entries for routes other features add later are listed with their permission', () => {
      expect(ROUTE_PERMISSIONS['* /api/agents/*']).toBe('agents.manage');
      expect(ROUTE_PERMISSIONS['* /api/auth/lockouts/*']).toBe('lockouts.lift');
      expect(ROUTE_PERMISSIONS['POST /api/admin/customers/:id/erase']).toBe('customers.erase');
    });
  });

  describe('socket events', () => {
    const emit = (socket: Socket, event: string, timeoutMs = 5_000) => socket.timeout(timeoutMs).emitWithAck(event, {}) as Promise<{ ok: boolean; error?: ErrorBody }>;

    it('an event with no entry is refused FORBIDDEN on every namespace; a permission-gated event refuses roles without it', async () => {
      const sockets = new Map<Role, Socket>();
      for (const role of ROLES) sockets.set(role, await t.connect(tokens.get(role)!));
      for (const role of ROLES) {
        const res = await emit(sockets.get(role)!, 'sync:not-a-thing');
        expect(res, role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        expect(await emit(sockets.get(role)!, 'chat:message'), 'a customer event on the agents\' namespace').toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
      for (const [namespace, events] of Object.entries(SOCKET_PERMISSIONS)) {
        if (namespace !== '/') continue;
        for (const [event, access] of Object.entries(events) as Array<[string, Access]>) {
          for (const role of ROLES) {
            const allowed = access === 'public' || access === 'authenticated' || can(role, access);
            // an admitted event without an ack of its own (live:typing) never answers: a short wait is enough
            const res: { ok: boolean; error?: ErrorBody } = await emit(sockets.get(role)!, event, allowed ? 500 : 5_000).catch(() => ({ ok: true }));
            const label = `${event} as ${role} (${access})`;
            if (allowed) expect(res.error?.message, label).not.toBe(GUARD_REFUSAL);
            else expect(res, label).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
          }
        }
      }
    });

    it('the anonymous chat namespace admits only its own events', async () => {
      const chat = connectSocket(`${t.baseUrl}/chat`, { transports: ['websocket'], reconnection: false, forceNew: true });
      try {
        await new Promise<void>((resolve, reject) => {
          chat.once('connect', () => resolve());
          chat.once('connect_error', reject);
        });
        for (const event of ['sync:push', 'sync:pull', 'live:typing', 'sync:reference']) {
          expect(await emit(chat, event), event).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        }
        // its own events pass the guard (and are then validated by the chat channel)
        expect((await emit(chat, 'chat:message')).error?.code).toBe('INVALID_ARGUMENT');
      } finally {
        chat.disconnect();
      }
    });
  });

  describe('mutations', () => {
    let fixtures: Fixtures;
    let approvalId = '';
    let helpId = '';
    let fastTrackId = '';
    let admin: Socket;
    const sockets = new Map<Role, Socket>();
    beforeAll(async () => {
      const { rows } = await ctx.db.query<{ case_id: string; customer_id: string; thread_id: string }>(
        `select distinct on (c.id) c.id as case_id, c.customer_id, t.id as thread_id
           from cases c join threads t on t.case_id = c.id join customers cu on cu.id = c.customer_id
          where c.team_id = $1 and c.status not in ('closed', 'resolved') and cu.data->>'mergedInto' is null
          order by c.id, t.id`,
        [G],
      );
      const distinctCustomers = [...new Map(rows.map((r) => [r.customer_id, r])).values()];
      expect(distinctCustomers.length, 'three open cases of three customers').toBeGreaterThanOrEqual(3);
      const [a, b, c] = distinctCustomers.map((r) => ({ caseId: r.case_id, threadId: r.thread_id, customerId: r.customer_id }));
      const used = new Set([a!.customerId, b!.customerId, c!.customerId]);
      const { rows: loose } = await ctx.db.query<{ id: string }>(
        `select id from customers where team_id = $1 and data->>'mergedInto' is null and id <> all($2::uuid[]) order by id`,
        [G, [...used]],
      );
      const spare = loose.map((r) => r.id);
      const { rows: solved } = await ctx.db.query<{ id: string; customer_id: string }>(
        `select c.id, c.customer_id from cases c join customers cu on cu.id = c.customer_id
          where c.team_id = $1 and c.status = 'resolved' and cu.data->>'mergedInto' is null order by c.id limit 1`,
        [G],
      );
      expect(solved.length, 'a resolved case').toBe(1);
      const notes: [string, string, string] = [newId(), newId(), newId()];
      let flagId = '';
      fixtures = {
        notes,
        approvalId: () => approvalId,
        helpId: () => helpId,
        fastTrackId: () => fastTrackId,
        flagId: () => flagId,
        setFlag: (id: string) => {
          flagId = id;
        },
        other: a!,
        specialist: b!,
        free: c!,
        solved: { caseId: solved[0]!.id, customerId: solved[0]!.customer_id },
        pair() {
          const sourceId = spare.shift();
          const targetId = spare.shift();
          if (!sourceId || !targetId) throw new Error('out of customers to merge');
          return { sourceId, targetId };
        },
      };
      admin = await t.connect(tokens.get('admin')!);
      const made = await push(
        admin,
        notes.map((id) => mutation('note.add', { customerId: c!.customerId, caseId: c!.caseId, threadId: null, body: 'permission test: a routine note' }, id)),
      );
      for (const r of made.results) expect(r.status, JSON.stringify(r)).toBe('applied');
      for (const role of ROLES) sockets.set(role, await t.connect(tokens.get(role)!));
    }, 60_000);

    /**
     * as an admin: the free case's safety side (a complaint record, one open flag, notes[2] unflagged), then
     * the three cases open, P2, assigned to the other agent / the other specialist / nobody, the customer not VIP
     */
    async function arrange(): Promise<void> {
      const f = fixtures;
      const { rows } = await ctx.db.query<{ data: Case }>('select data from cases where id = $1', [f.free.caseId]);
      const safety = rows[0]!.data.safety;
      const pending = (safety?.flags ?? []).filter((x) => x.state === 'open' || x.state === 'dismissal_proposed');
      const before: Mutation[] = pending.map((x) => mutation('safety.dismiss', { caseId: f.free.caseId, flagId: x.id, reason: 'reset' }));
      if (!safety?.complaint) {
        const first = newId();
        before.push(mutation('safety.flag', { messageId: f.notes[0], categories: ['burn_heat'], reason: 'arrange' }, first));
        before.push(mutation('safety.confirm', { caseId: f.free.caseId, flagId: first, reason: 'arrange' }));
      }
      // a new note each time to carry the open flag: a flag confirmed by the last try stays confirmed
      const note = newId();
      const fresh = newId();
      before.push(mutation('note.add', { customerId: f.free.customerId, caseId: f.free.caseId, threadId: null, body: 'permission test: a routine note' }, note));
      before.push(mutation('safety.flag', { messageId: note, categories: ['skin'], reason: 'arrange' }, fresh));
      for (const r of (await push(admin, before)).results) expect(r.status, JSON.stringify(r)).toBe('applied');
      f.setFlag(fresh);
      // one compensation approval pending on the free case, asked by the agent (whose tier it is above)
      const { rows: again } = await ctx.db.query<{ data: Case }>('select data from cases where id = $1', [f.free.caseId]);
      const open = (again[0]!.data.escalation?.approvals ?? []).filter((x) => x.state === 'pending');
      if (open.length > 0) {
        const r = await push(admin, open.map((x) => mutation('approval.decide', { caseId: f.free.caseId, approvalId: x.id, approved: false, reason: 'reset' })));
        for (const x of r.results) expect(x.status, JSON.stringify(x)).toBe('applied');
      }
      await push(admin, [mutation('case.assign', { caseId: f.free.caseId, assigneeId: null })]);
      const asked = newId();
      const req = await push(sockets.get('agent')!, [mutation('approval.request', { caseId: f.free.caseId, tier: 'medium', note: 'arrange' }, asked)]);
      for (const x of req.results) expect(x.status, JSON.stringify(x)).toBe('applied');
      approvalId = asked;
      // no request for the lead's help open on the three cases; then one, asked by the agent, on the free case
      for (const k of [f.other, f.specialist, f.free]) {
        const { rows: h } = await ctx.db.query<{ data: Case }>('select data from cases where id = $1', [k.caseId]);
        const open = h[0]!.data.help;
        if (open) for (const x of (await push(admin, [mutation('case.answerHelp', { caseId: k.caseId, requestId: open.id, reply: 'reset' })])).results) expect(x.status, JSON.stringify(x)).toBe('applied');
      }
      const help = newId();
      for (const x of (await push(sockets.get('agent')!, [mutation('case.requestHelp', { caseId: f.free.caseId, note: 'arrange' }, help)])).results) expect(x.status, JSON.stringify(x)).toBe('applied');
      helpId = help;
      // no fast-track open on the other case; a new one, by the admin, on the free case (a lead may review it)
      for (const k of [f.other, f.free]) {
        const { rows: ft } = await ctx.db.query<{ data: Case }>('select data from cases where id = $1', [k.caseId]);
        const open = ft[0]!.data.fastTrack;
        if (open && open.reviewedAt === null) {
          for (const x of (await push(admin, [mutation('case.reviewFastTrack', { caseId: k.caseId, fastTrackId: open.id, note: 'reset' })])).results) expect(x.status, JSON.stringify(x)).toBe('applied');
        }
      }
      const track = newId();
      for (const x of (await push(admin, [mutation('case.fastTrack', { caseId: f.free.caseId, reason: 'arrange' }, track)])).results) expect(x.status, JSON.stringify(x)).toBe('applied');
      fastTrackId = track;
      const res = await push(admin, [
        mutation('case.setPriority', { caseId: f.other.caseId, priority: 'P2' }),
        mutation('case.setPriority', { caseId: f.specialist.caseId, priority: 'P2' }),
        mutation('case.setPriority', { caseId: f.free.caseId, priority: 'P2' }),
        mutation('case.assign', { caseId: f.other.caseId, assigneeId: OTHER_AGENT.id }),
        mutation('case.assign', { caseId: f.specialist.caseId, assigneeId: OTHER_SPECIALIST.id }),
        mutation('case.assign', { caseId: f.free.caseId, assigneeId: null }),
        mutation('customer.update', { customerId: f.free.customerId, patch: { vip: false } }),
      ]);
      for (const r of res.results) expect(r.status, JSON.stringify(r)).toBe('applied');
    }

    it('every permission of MUTATION_PERMISSIONS has a scenario, and every scenario a table entry', () => {
      for (const [name, perms] of Object.entries(MUTATION_PERMISSIONS) as Array<[MutationName, readonly Permission[]]>) {
        expect(Object.keys(SCENARIOS[name]).filter((k) => k !== 'none').sort(), name).toEqual([...perms].sort());
      }
    });

    const cases = (Object.entries(SCENARIOS) as Array<[MutationName, Record<string, (f: Fixtures) => unknown>]>).flatMap(([name, byPerm]) =>
      Object.keys(byPerm).map((perm) => [name, perm] as const),
    );
    it.each(cases)('%s needing %s: refused FORBIDDEN for every role without it, applied past the check for every role with it', async (name, perm) => {
      // a rejected mutation changed nothing, so the next role finds the world as arranged (arranging is most of the time)
      let arranged = false;
      for (const role of ROLES) {
        if (!arranged) await arrange();
        const args = SCENARIOS[name][perm as Permission]!(fixtures);
        const [result] = (await push(sockets.get(role)!, [mutation(name, args as never)])).results as [MutationResult];
        arranged = result.status === 'rejected';
        const allowed = perm === 'none' || can(role, perm as Permission);
        const label = `${name} (${perm}) as ${role}: ${JSON.stringify(result)}`;
        if (allowed) expect(result.status === 'rejected' ? result.error.code : 'ok', label).not.toBe('FORBIDDEN');
        else expect(result.status === 'rejected' ? result.error.code : result.status, label).toBe('FORBIDDEN');
        // a compensation request within the caller's own authority is refused by the rule itself, not by the permission
        const ownTier = name === 'approval.request' && !aboveAuthority((args as unknown as { tier: CompensationTier }).tier, role);
        if (allowed && ownTier) expect(result.status === 'rejected' ? result.error.code : result.status, label).toBe('INVALID_ARGUMENT');
        else if (allowed && name !== 'customer.unmerge') expect(result.status, label).toBe('applied');
      }
    });
  });
});
