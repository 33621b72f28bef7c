import { describe, expect, it } from 'vitest';
import { Event, TIMELINE_KINDS } from '../../../src/shared/kernel/event';
import {
  DEMO_LOGINS,
  DEMO_TEAMS,
  generateDemoData,
  projectInMemory,
  SAFETY_CUSTOMER_ID,
  SHOWCASE_CUSTOMER_ID,
  type DemoData,
} from '../../../src/server/seed';

const NOW = Date.parse('2026-03-01T09:30:00.000Z');
const data: DemoData = generateDemoData({ now: NOW });
const world = projectInMemory(data.events);
const HAN = /[\u4e00-\u9fff]/;

describe('demo data generator', () => {
  it('is deterministic: the same options give identical data', () => {
    const again = generateDemoData({ now: NOW });
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
    expect(generateDemoData({ seed: 42, now: NOW })).toEqual(data); // 42 is the default seed
  });

  it('differs for a different seed or clock', () => {
    const other = generateDemoData({ seed: 43, now: NOW });
    expect(other.events.map((e) => e.id)).not.toEqual(data.events.map((e) => e.id));
    const names = (d: DemoData) => d.events.flatMap((e) => (e.kind === 'customer.created' ? [e.meta.customer.name] : []));
    expect(names(other)).not.toEqual(names(data));
    expect(generateDemoData({ now: NOW + 86_400_000 }).events[0]?.occurredAt).not.toBe(data.events[0]?.occurredAt);
  });

  it('has the demo counts: 220 customers, ≥ 5000 events, threads on all four channels', () => {
    expect(world.customers.size).toBe(220);
    expect(data.events.length).toBeGreaterThanOrEqual(5000);
    expect(new Set([...world.threads.values()].map((t) => t.channel))).toEqual(new Set(['email', 'chat', 'social', 'phone']));
    expect(world.cases.size).toBeGreaterThan(300);
    const kinds = new Set(data.events.map((e) => e.kind));
    for (const k of ['message.received', 'message.sent', 'note.added', 'call.started', 'call.ended', 'case.status_changed', 'case.assigned']) {
      expect(kinds, k).toContain(k);
    }
    expect(generateDemoData({ now: NOW, customers: 5 }).events.filter((e) => e.kind === 'customer.created')).toHaveLength(5);
    expect(() => generateDemoData({ customers: 1 })).toThrow(RangeError);
  });

  it('every event parses with the shared Event schema, ids are unique, seq is null', () => {
    for (const e of data.events) {
      const r = Event.safeParse(e);
      expect(r.success, `${e.kind} ${e.id}: ${r.success ? '' : r.error.message}`).toBe(true);
      expect(e.seq).toBeNull();
    }
    const ids = [...data.events.map((e) => e.id), ...world.cases.keys(), ...world.threads.keys(), ...world.customers.keys()];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is in time order within the last ~100 days, and every reference points to an entity created before it', () => {
    const times = data.events.map((e) => Date.parse(e.occurredAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(Math.max(...times)).toBeLessThan(NOW);
    expect(Math.min(...times)).toBeGreaterThan(NOW - 102 * 86_400_000);
    const recent = times.filter((t) => t > NOW - 91 * 86_400_000).length;
    expect(recent).toBeGreaterThanOrEqual(5000);
    const seen = { customers: new Set<string>(), cases: new Set<string>(), threads: new Set<string>() };
    for (const e of data.events) {
      if (e.kind === 'customer.created') seen.customers.add(e.customerId);
      if (e.kind === 'case.opened') seen.cases.add(e.meta.case.id);
      if (e.kind === 'thread.opened') seen.threads.add(e.meta.thread.id);
      expect(seen.customers.has(e.customerId)).toBe(true);
      if (e.caseId) expect(seen.cases.has(e.caseId)).toBe(true);
      if (e.threadId) expect(seen.threads.has(e.threadId)).toBe(true);
    }
  });

  it("status and assignment changes chain: each change's `from` is the case's state before it", () => {
    const state = new Map<string, { status: string; assignee: string | null; priority: string }>();
    for (const e of data.events) {
      if (e.kind === 'case.opened') state.set(e.meta.case.id, { status: e.meta.case.status, assignee: e.meta.case.assigneeId, priority: e.meta.case.priority });
      const s = e.caseId ? state.get(e.caseId) : undefined;
      if (!s) continue;
      if (e.kind === 'case.status_changed') {
        expect(e.meta.from).toBe(s.status);
        expect(e.meta.to).not.toBe(s.status);
        expect(s.status, 'nothing changes a closed case').not.toBe('closed');
        s.status = e.meta.to;
      }
      if (e.kind === 'case.assigned') {
        expect(e.meta.from).toBe(s.assignee);
        s.assignee = e.meta.to;
      }
      if (e.kind === 'case.priority_changed') {
        expect(e.meta.from).toBe(s.priority);
        s.priority = e.meta.to;
      }
    }
  });

  it('has exactly one safety complaint, which is P0 and in Cardio & Vitals', () => {
    const p0 = [...world.cases.values()].filter((c) => c.priority === 'P0');
    expect(p0).toHaveLength(1);
    expect(p0[0]).toMatchObject({ customerId: SAFETY_CUSTOMER_ID, teamId: DEMO_TEAMS.cardio.id });
    const first = data.events.find((e) => e.caseId === p0[0]?.id && e.kind === 'message.received');
    expect(first?.body).toMatch(/burn/i);
    expect(data.events.some((e) => e.kind === 'case.priority_changed' && e.meta.to === 'P0')).toBe(false);
  });

  it('mixes English and Chinese customers and messages, segments incl. elderly and clinicians, VIPs, and full device records', () => {
    const customers = [...world.customers.values()];
    const zh = customers.filter((c) => c.language === 'zh');
    expect(zh.length).toBeGreaterThan(50);
    expect(customers.length - zh.length).toBeGreaterThan(50);
    expect(zh.every((c) => HAN.test(c.name))).toBe(true);
    const segments = new Set(customers.map((c) => c.segment));
    expect(segments).toEqual(new Set(['young_adult', 'adult', 'elderly', 'clinician']));
    expect(customers.some((c) => c.vip)).toBe(true);
    const kinds = new Set(customers.flatMap((c) => c.devices.map((d) => d.kind)));
    expect(kinds).toEqual(new Set(['cgm', 'ecg_patch', 'bp_cuff', 'pulse_oximeter', 'smart_watch']));
    const messages = data.events.filter((e) => e.kind === 'message.received' || e.kind === 'message.sent');
    expect(messages.filter((e) => HAN.test(e.body ?? '')).length).toBeGreaterThan(200);
    expect(messages.filter((e) => !HAN.test(e.body ?? '')).length).toBeGreaterThan(200);
    // cgm customers belong to Glucose & Metabolic, the others to Cardio & Vitals
    for (const c of customers) {
      expect(c.teamId).toBe(c.devices[0]?.kind === 'cgm' ? DEMO_TEAMS.glucose.id : DEMO_TEAMS.cardio.id);
    }
  });

  it('pairs calls: every call.ended has its call.started', () => {
    const started = new Set(data.events.flatMap((e) => (e.kind === 'call.started' ? [e.meta.callId] : [])));
    const ended = data.events.filter((e) => e.kind === 'call.ended');
    expect(ended.length).toBeGreaterThan(100);
    for (const e of ended) expect(started.has(e.meta.callId)).toBe(true);
  });

  it('makes Margaret Chen the showcase: first customer, elderly, Glucose, one open case on all four channels, 10–16 timeline events ending inbound', () => {
    const first = data.events[0];
    expect(first?.kind === 'customer.created' && first.meta.customer).toMatchObject({
      id: SHOWCASE_CUSTOMER_ID,
      name: 'Margaret Chen',
      segment: 'elderly',
      teamId: DEMO_TEAMS.glucose.id,
    });
    const cases = [...world.cases.values()].filter((c) => c.customerId === SHOWCASE_CUSTOMER_ID);
    expect(cases).toHaveLength(1);
    expect(cases[0]?.status).toBe('open');
    const threads = [...world.threads.values()].filter((t) => t.customerId === SHOWCASE_CUSTOMER_ID);
    expect(new Set(threads.map((t) => t.channel))).toEqual(new Set(['email', 'chat', 'social', 'phone']));
    const timeline = data.events.filter((e) => e.customerId === SHOWCASE_CUSTOMER_ID && TIMELINE_KINDS.includes(e.kind));
    expect(timeline.length).toBeGreaterThanOrEqual(10);
    expect(timeline.length).toBeLessThanOrEqual(16);
    for (const ch of ['email', 'chat', 'social', 'phone']) expect(timeline.some((e) => e.channel === ch), ch).toBe(true);
    expect(timeline.at(-1)).toMatchObject({ kind: 'message.received', author: { type: 'customer', id: SHOWCASE_CUSTOMER_ID } });
    expect(world.customers.get(SHOWCASE_CUSTOMER_ID)?.name).toBe('Margaret Chen');
    expect([...world.customers.values()].filter((c) => c.name === 'Margaret Chen')).toHaveLength(1);
  });

  it('exports print-friendly demo logins for every role', () => {
    const byName = Object.fromEntries(DEMO_LOGINS.map((l) => [l.username, l]));
    expect(byName.alice).toMatchObject({ password: 'omnidesk-agent', role: 'agent' });
    expect(byName.bob).toMatchObject({ password: 'omnidesk-agent', role: 'agent' });
    expect(byName.lena).toMatchObject({ password: 'omnidesk-lead', role: 'lead' });
    expect(byName['dr.wang']).toMatchObject({ password: 'omnidesk-specialist', role: 'specialist' });
    expect(byName.admin).toMatchObject({ password: 'omnidesk-admin', role: 'admin' });
    const agents = Object.fromEntries(data.agents.map((a) => [a.agent.username, a.agent]));
    expect(agents.alice?.teamIds).toEqual([DEMO_TEAMS.glucose.id]);
    expect(agents.bob?.teamIds).toEqual([DEMO_TEAMS.cardio.id]);
    expect(agents['dr.wang']?.teamIds.sort()).toEqual([DEMO_TEAMS.glucose.id, DEMO_TEAMS.cardio.id].sort());
    expect(agents.lena?.teamIds).toEqual([DEMO_TEAMS.glucose.id]);
  });
});
