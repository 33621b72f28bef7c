/**
 * SLA policies and calendars over HTTP (issue 11): admins only; a policy or calendar is validated whole and an
 * invalid one is refused with its field and reason while the last valid one stays in force; every change is a new
 * version in the reference stream and an entry in the audit trail; iCalendar holidays are imported; attainment is
 * one query for leads.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_SLA_CALENDAR, DEMO_SLA_POLICY, DEMO_TEAMS } from '../../../src/server/seed';
import { SlaAttainmentResponse, SlaCalendarSaved, SlaPolicySaved, SLA_CALENDAR, SLA_POLICY } from '../../../src/shared';
import { newId } from '../../../src/shared/kernel/ids';
import { forEachDatabase } from '../helpers/databases';
import { startTestServer, type TestServer, errorOf, httpCall } from '../helpers/server';

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Test//Holidays//EN',
  'BEGIN:VEVENT',
  'UID:spring@test',
  'DTSTART;VALUE=DATE:20270211',
  'DTEND;VALUE=DATE:20270214',
  'SUMMARY:Spring Festival',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:meeting@test',
  'DTSTART:20270301T090000Z',
  'DTEND:20270301T100000Z',
  'SUMMARY:Not a holiday',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

forEachDatabase('SLA configuration', (ctx) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(ctx.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: string, path: string, token: string | null, body?: unknown) => httpCall(t, method, path, token, body);
  const stored = async (kind: string, id: string) => {
    const { rows } = await t.db.query<{ data: unknown; version: string }>('select data, version::text as version from reference_items where kind = $1 and id = $2', [kind, id]);
    return rows[0] ? { data: rows[0].data, version: Number(rows[0].version) } : null;
  };

  it('an admin saves a policy: a new version, in the audit trail; saving it unchanged keeps the version', async () => {
    const admin = await t.token('admin');
    const before = await stored(SLA_POLICY.kind, DEMO_SLA_POLICY.id);
    const changed = { ...DEMO_SLA_POLICY, warnAtPct: 75 };
    const res = await call('PUT', `/api/sla/policies/${DEMO_SLA_POLICY.id}`, admin, changed);
    expect(res.status).toBe(200);
    const saved = SlaPolicySaved.parse(await res.json());
    expect(saved.policy.warnAtPct).toBe(75);
    expect(saved.version).toBeGreaterThan(before!.version);
    expect((await stored(SLA_POLICY.kind, DEMO_SLA_POLICY.id))!.data).toMatchObject({ warnAtPct: 75 });

    const again = SlaPolicySaved.parse(await (await call('PUT', `/api/sla/policies/${DEMO_SLA_POLICY.id}`, admin, changed)).json());
    expect(again.version).toBe(saved.version);

    const { rows } = await t.db.query<{ detail: { id: string; version: number } }>(`select detail from audit_log where action = 'sla.configured' order by seq`);
    expect(rows.map((r) => r.detail)).toContainEqual({ kind: SLA_POLICY.kind, id: DEMO_SLA_POLICY.id, version: saved.version });
  });

  it.each([
    ['a target of zero', (p: typeof DEMO_SLA_POLICY) => ({ ...p, targets: { ...p.targets, P1: { ...p.targets.P1, firstResponse: 0 } } }), /targets\.P1\.firstResponse.*at least one minute/],
    ['resolved pausing a clock', (p: typeof DEMO_SLA_POLICY) => ({ ...p, pauses: { ...p.pauses, resolution: ['resolved'] } }), /pauses\.resolution.*cannot pause/],
    ['an unknown calendar', (p: typeof DEMO_SLA_POLICY) => ({ ...p, calendarId: newId() }), /calendarId: no such calendar/],
    ['an unknown team', (p: typeof DEMO_SLA_POLICY) => ({ ...p, teamId: newId() }), /teamId: no such team/],
    ['a warning at 100 %', (p: typeof DEMO_SLA_POLICY) => ({ ...p, warnAtPct: 100 }), /warnAtPct/],
  ])('a policy with %s is refused with the field and reason; the last valid one stays', async (_what, spoil, reason) => {
    const admin = await t.token('admin');
    const before = await stored(SLA_POLICY.kind, DEMO_SLA_POLICY.id);
    const res = await call('PUT', `/api/sla/policies/${DEMO_SLA_POLICY.id}`, admin, spoil(DEMO_SLA_POLICY));
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toMatch(reason);
    expect(await stored(SLA_POLICY.kind, DEMO_SLA_POLICY.id)).toEqual(before);
  });

  it('a calendar takes holidays from an iCalendar file (all-day events only); invalid calendars are refused', async () => {
    const admin = await t.token('admin');
    const res = await call('PUT', `/api/sla/calendars/${DEMO_SLA_CALENDAR.id}`, admin, { calendar: DEMO_SLA_CALENDAR, ics: ICS, teamIds: [DEMO_TEAMS.cardio.id] });
    expect(res.status).toBe(200);
    const saved = SlaCalendarSaved.parse(await res.json());
    expect(saved.calendar.holidays).toEqual(expect.arrayContaining(['2027-02-11', '2027-02-12', '2027-02-13']));
    expect(saved.calendar.holidays).not.toContain('2027-02-14');
    expect(saved.calendar.holidays).not.toContain('2027-03-01');

    const before = await stored(SLA_CALENDAR.kind, DEMO_SLA_CALENDAR.id);
    for (const [calendar, reason] of [
      [{ ...DEMO_SLA_CALENDAR, timeZone: 'Mars/Olympus' }, /timeZone.*unknown time zone/],
      [{ ...DEMO_SLA_CALENDAR, week: { ...DEMO_SLA_CALENDAR.week, mon: [{ start: '09:00', end: '12:30' }, { start: '12:00', end: '18:00' }] } }, /week\.mon.*overlap/],
      [{ ...DEMO_SLA_CALENDAR, week: { ...DEMO_SLA_CALENDAR.week, tue: [{ start: '18:00', end: '09:00' }] } }, /week\.tue.*end after it starts/],
      [{ ...DEMO_SLA_CALENDAR, holidays: ['1 May'] }, /holidays.*YYYY-MM-DD/],
    ] as const) {
      const bad = await call('PUT', `/api/sla/calendars/${DEMO_SLA_CALENDAR.id}`, admin, { calendar });
      expect(bad.status).toBe(400);
      expect((await errorOf(bad)).message).toMatch(reason);
    }
    expect(await stored(SLA_CALENDAR.kind, DEMO_SLA_CALENDAR.id)).toEqual(before);
  });

  it('an admin deletes a policy and an unused calendar (tombstones, audited); a calendar a policy uses is refused', async () => {
    const admin = await t.token('admin');
    const calendarId = newId();
    const calendar = { ...DEMO_SLA_CALENDAR, id: calendarId, name: 'Night desk' };
    expect((await call('PUT', `/api/sla/calendars/${calendarId}`, admin, { calendar })).status).toBe(200);
    const policyId = newId();
    const policy = { ...DEMO_SLA_POLICY, id: policyId, name: 'Night policy', calendarId, teamId: DEMO_TEAMS.cardio.id };
    expect((await call('PUT', `/api/sla/policies/${policyId}`, admin, policy)).status).toBe(200);

    const inUse = await call('DELETE', `/api/sla/calendars/${calendarId}`, admin);
    expect(inUse.status).toBe(409);
    expect((await errorOf(inUse)).message).toMatch(/in use by 1 policy/);
    expect((await stored(SLA_CALENDAR.kind, calendarId))!.data).not.toBeNull();

    const before = (await stored(SLA_POLICY.kind, policyId))!.version;
    const del = await call('DELETE', `/api/sla/policies/${policyId}`, admin);
    expect(del.status).toBe(200);
    const body = (await del.json()) as { id: string; version: number };
    expect(body.id).toBe(policyId);
    expect(body.version).toBeGreaterThan(before);
    const { rows } = await t.db.query<{ deleted: boolean; data: unknown }>('select deleted, data from reference_items where kind = $1 and id = $2', [SLA_POLICY.kind, policyId]);
    expect(rows).toEqual([{ deleted: true, data: null }]);
    expect((await call('DELETE', `/api/sla/policies/${policyId}`, admin)).status).toBe(404);

    expect((await call('DELETE', `/api/sla/calendars/${calendarId}`, admin)).status).toBe(200);
    const audit = await t.db.query<{ detail: Record<string, unknown> }>("select detail from audit_log where action = 'sla.configured' and detail->>'deleted' = 'true' order by seq");
    expect(audit.rows.map((r) => r.detail.id)).toEqual([policyId, calendarId]);
    expect((await call('DELETE', `/api/sla/policies/${policyId}`, await t.token('lena'))).status).toBe(403);
  });

  it('only admins configure; leads read attainment, agents do not', async () => {
    for (const who of ['lena', 'alice', 'dr.wang']) {
      const token = await t.token(who);
      expect((await call('PUT', `/api/sla/policies/${DEMO_SLA_POLICY.id}`, token, DEMO_SLA_POLICY)).status).toBe(403);
      expect((await call('PUT', `/api/sla/calendars/${DEMO_SLA_CALENDAR.id}`, token, { calendar: DEMO_SLA_CALENDAR })).status).toBe(403);
    }
    const q = `?from=${encodeURIComponent('2026-01-01T00:00:00Z')}&to=${encodeURIComponent('2026-12-31T00:00:00Z')}&group=team`;
    const lead = await call('GET', `/api/sla/attainment${q}`, await t.token('lena'));
    expect(lead.status).toBe(200);
    const { rows } = SlaAttainmentResponse.parse(await lead.json());
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.met).toBeLessThanOrEqual(r.due);
    expect((await call('GET', `/api/sla/attainment${q}`, await t.token('alice'))).status).toBe(403);
    const backwards = await call('GET', `/api/sla/attainment?from=${encodeURIComponent('2026-12-31T00:00:00Z')}&to=${encodeURIComponent('2026-01-01T00:00:00Z')}`, await t.token('lena'));
    expect(backwards.status).toBe(400);
  });
});
