/**
 * The complaint / adverse-event record's export (issue 12) on a running server, on both databases:
 * GET /api/safety/complaints/:caseId/export?format=json|pdf — who may, what it holds, the audit entry, the log.
 */
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuditListResponse } from '../../../src/shared/features/audit';
import { ComplaintExport, complaintExportPath } from '../../../src/shared/features/safety';
import type { Agent } from '../../../src/shared/kernel/agent';
import type { Case } from '../../../src/shared/kernel/case';
import { deterministicId, newId } from '../../../src/shared/kernel/ids';
import { hashPassword } from '../../../src/server/kernel/auth';
import { insertAgents } from '../../../src/server/features/directory';
import { DEMO_TEAMS, demoAgent } from '../../../src/server/seed';
import { forEachDatabase } from '../helpers/databases';
import { errorOf, mutation, push, startTestServer, type TestServer } from '../helpers/server';

const G = DEMO_TEAMS.glucose.id;
const C = DEMO_TEAMS.cardio.id;
const PASSWORD = 'complaint-export-password-1';
const T0 = Date.UTC(2026, 2, 4);
const agentOf = (n: number, role: Agent['role'], username: string, teamIds: string[]): Agent => ({
  id: deterministicId(T0, n),
  username,
  displayName: username,
  role,
  teamIds,
  languages: ['en'],
  presence: 'offline',
});
const GLUCOSE_SPECIALIST = agentOf(1, 'specialist', 'export-specialist', [G]);
const CARDIO_SPECIALIST = agentOf(2, 'specialist', 'export-cardio-specialist', [C]);
const GLUCOSE_AGENT = agentOf(3, 'agent', 'export-agent', [G]);
/** listed in tests/support/phi-sentinels.ts: the PHI log scan looks for it too */
const SENTINEL = 'complaint-sentinel: the patch burned my skin';
const NOTE = `${SENTINEL}, 贴片把我的皮肤烫伤了，燙傷起水泡 🔥😢`;

forEachDatabase('complaint record export', (ctx) => {
  let t: TestServer;
  /** a Glucose case whose record the note opened, its customer, and a case of the same team with no record */
  let flagged: { caseId: string; customerId: string; noteId: string };
  let plainCaseId: string;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 16 });
    const passwordHash = await hashPassword(PASSWORD);
    await insertAgents(ctx.db, [GLUCOSE_SPECIALIST, CARDIO_SPECIALIST, GLUCOSE_AGENT].map((agent) => ({ agent, passwordHash })));
    for (const a of [GLUCOSE_SPECIALIST, CARDIO_SPECIALIST, GLUCOSE_AGENT]) tokens.set(a.username, (await t.login(a.username, PASSWORD)).token);
    tokens.set('admin', await t.token('admin'));

    const { rows } = await ctx.db.query<{ id: string; customer_id: string; data: Case }>(
      `select c.id, c.customer_id, c.data from cases c join customers cu on cu.id = c.customer_id
        where c.team_id = $1 and c.status not in ('closed', 'resolved') and cu.data->>'mergedInto' is null order by c.id`,
      [G],
    );
    const free = rows.filter((r) => !r.data.safety);
    expect(free.length, 'two open Glucose cases without a safety side').toBeGreaterThanOrEqual(2);
    const [a, b] = free;
    plainCaseId = b!.id;
    // as an admin: a note with harm language flags itself (its flag id is the note's id); confirming opens the record
    const admin = await t.connect(tokens.get('admin')!);
    const noteId = newId();
    const made = await push(admin, [mutation('note.add', { customerId: a!.customer_id, caseId: a!.id, threadId: null, body: NOTE }, noteId)]);
    expect(made.results[0]!.status, JSON.stringify(made.results[0])).toBe('applied');
    const confirmed = await push(admin, [
      mutation('safety.confirm', { caseId: a!.id, flagId: noteId, reason: 'burn confirmed' }),
      mutation('complaint.update', { caseId: a!.id, patch: { country: 'DE', narrative: '夜间贴片发热，胸口烫伤。', patient: { hospitalisation: false } } }),
      mutation('complaint.decide', { caseId: a!.id, reportability: 'fda_mdr_and_eu_vigilance', rationale: 'Burn needing care' }),
    ]);
    for (const r of confirmed.results) expect(r.status, JSON.stringify(r)).toBe('applied');
    flagged = { caseId: a!.id, customerId: a!.customer_id, noteId };
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const get = (caseId: string, who: string, format?: string) =>
    fetch(`${t.baseUrl}${complaintExportPath(caseId)}${format === undefined ? '' : `?format=${encodeURIComponent(format)}`}`, {
      headers: { authorization: `Bearer ${tokens.get(who)!}` },
    });

  it('JSON as a specialist of the team: the record, the verbatim original, the complainant and the regulatory clock', async () => {
    const res = await get(flagged.caseId, GLUCOSE_SPECIALIST.username, 'json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="complaint-${flagged.caseId}.json"`);
    const x = ComplaintExport.parse(await res.json());
    expect(x.record).toMatchObject({ caseId: flagged.caseId, sourceMessageId: flagged.noteId, country: 'DE', narrative: '夜间贴片发热，胸口烫伤。' });
    expect(x.record.decision).toMatchObject({ reportability: 'fda_mdr_and_eu_vigilance', decidedByName: demoAgent('admin').displayName });
    expect(x.verbatim).toMatchObject({ body: NOTE, subject: null, channel: 'internal' });
    expect(x.verbatim.receivedAt).toBe(x.record.receivedAt);
    const { rows } = await ctx.db.query<{ data: { name: string; emails: string[] } }>('select data from customers where id = $1', [flagged.customerId]);
    expect(x.complainant).toMatchObject({ id: flagged.customerId, name: rows[0]!.data.name, emails: rows[0]!.data.emails });
    expect(x.case).toMatchObject({ id: flagged.caseId, priority: 'P0' });
    expect(x.regulatoryClock.awareAt).toBe(x.record.receivedAt);
    expect(x.regulatoryClock.deadlines.map((d) => d.regime).sort()).toEqual(['eu', 'fda']);
    expect(x.exportedBy).toEqual({ id: GLUCOSE_SPECIALIST.id, name: GLUCOSE_SPECIALIST.displayName });
    // no format: JSON
    expect((await get(flagged.caseId, GLUCOSE_SPECIALIST.username)).headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('a customer\'s email flagged by hand: the verbatim is that message, with its subject, channel and arrival time', async () => {
    const { rows } = await ctx.db.query<{ id: string; case_id: string; body: string; subject: string; occurred_at: Date | string }>(
      `select e.id, e.case_id, e.body, e.meta->>'subject' as subject, e.occurred_at from events e join cases c on c.id = e.case_id
        where c.team_id = $1 and e.kind = 'message.received' and e.channel = 'email' and e.meta->>'subject' is not null
          and c.id <> all($2::uuid[]) and (c.data->'safety') is null
        order by e.seq limit 1`,
      [G, [flagged.caseId, plainCaseId]],
    );
    const m = rows[0];
    expect(m, 'a seeded email on a Glucose case').toBeDefined();
    const admin = await t.connect(tokens.get('admin')!);
    const flagId = newId();
    const res1 = await push(admin, [
      mutation('safety.flag', { messageId: m!.id, categories: ['injury'], reason: 'by hand' }, flagId),
      mutation('safety.confirm', { caseId: m!.case_id, flagId, reason: 'confirmed' }),
    ]);
    for (const r of res1.results) expect(r.status, JSON.stringify(r)).toBe('applied');
    const res = await get(m!.case_id, GLUCOSE_SPECIALIST.username, 'json');
    expect(res.status).toBe(200);
    const x = ComplaintExport.parse(await res.json());
    expect(x.verbatim).toEqual({ body: m!.body, subject: m!.subject, channel: 'email', receivedAt: new Date(m!.occurred_at).toISOString() });
    expect(x.record).toMatchObject({ sourceMessageId: m!.id, channel: 'email', receivedAt: new Date(m!.occurred_at).toISOString(), decision: null });
    // nothing decided, country unknown: both clocks run from the message's arrival
    expect(x.regulatoryClock.deadlines.map((d) => d.rule).sort()).toEqual(['eu_15d', 'fda_30d']);
  });

  it('PDF: application/pdf, a real file', async () => {
    const res = await get(flagged.caseId, GLUCOSE_SPECIALIST.username, 'pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="complaint-${flagged.caseId}.pdf"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThanOrEqual(1);
  });

  it('an admin exports any team\'s record', async () => {
    expect((await get(flagged.caseId, 'admin', 'pdf')).status).toBe(200);
  });

  it('an agent is refused (403): the record is a specialist\'s or lead\'s', async () => {
    const res = await get(flagged.caseId, GLUCOSE_AGENT.username, 'json');
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('FORBIDDEN');
  });

  it('another team\'s specialist, an unknown case, a case without a record, a malformed id: the same 404', async () => {
    const answers = await Promise.all([
      get(flagged.caseId, CARDIO_SPECIALIST.username, 'json'),
      get(flagged.caseId, CARDIO_SPECIALIST.username, 'pdf'),
      get(newId(), GLUCOSE_SPECIALIST.username, 'json'),
      get(plainCaseId, GLUCOSE_SPECIALIST.username, 'json'),
      get('not-a-uuid', GLUCOSE_SPECIALIST.username, 'json'),
    ]);
    const bodies = [];
    for (const res of answers) {
      expect(res.status).toBe(404);
      bodies.push(await errorOf(res));
    }
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(bodies[0]!.code).toBe('NOT_FOUND');
  });

  it('a format other than json or pdf: 400 INVALID_ARGUMENT naming the field', async () => {
    const res = await get(flagged.caseId, GLUCOSE_SPECIALIST.username, 'xml');
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toContain('format');
  });

  it('each export is in the audit trail (ids and the format, no text)', async () => {
    const res = await fetch(`${t.baseUrl}/api/audit?action=complaint.exported&limit=50`, { headers: { authorization: `Bearer ${tokens.get('admin')!}` } });
    expect(res.status).toBe(200);
    const entries = AuditListResponse.parse(await res.json()).entries;
    const mine = entries.filter((e) => e.actorId === GLUCOSE_SPECIALIST.id && e.detail.caseId === flagged.caseId);
    expect(mine.length).toBeGreaterThanOrEqual(3); // json, json (no format), pdf
    expect(mine.map((e) => e.detail.format).sort()).toEqual(expect.arrayContaining(['json', 'pdf']));
    for (const e of mine) {
      expect(e).toMatchObject({ actorRole: 'specialist', customerIds: [flagged.customerId], detail: { caseId: flagged.caseId } });
    }
    expect(entries.some((e) => e.actorId === CARDIO_SPECIALIST.id || e.actorId === GLUCOSE_AGENT.id), 'a refused export is no export').toBe(false);
    const { rows } = await ctx.db.query<{ t: string }>(`select coalesce(string_agg(audit_log::text, ' '), '') as t from audit_log where action = 'complaint.exported'`);
    expect(rows[0]!.t).not.toContain('sentinel');
  });

  it('the server log holds no body, name or contact of the record', async () => {
    const log = t.logs();
    expect(log).toContain('complaint exported'); // the check below is not vacuous
    const { rows } = await ctx.db.query<{ data: { name: string; emails: string[]; phones: string[] } }>('select data from customers where id = $1', [flagged.customerId]);
    const c = rows[0]!.data;
    for (const secret of [SENTINEL, '贴片把我的皮肤烫伤了', '夜间贴片发热', c.name, ...c.emails, ...c.phones]) {
      expect(log.includes(secret), `log holds ${secret.slice(0, 12)}…`).toBe(false);
    }
  });
});
