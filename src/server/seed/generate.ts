import type { Agent, Team } from '../../shared/kernel/agent';
import type { Case, CaseStatus, Priority, Thread } from '../../shared/kernel/case';
import type { Customer, Device, DeviceKind, Segment, SocialHandle } from '../../shared/kernel/customer';
import { authorOf, type Author, type Event } from '../../shared/kernel/event';
import { deterministicId } from '../../shared/kernel/ids';
import type { Channel, Language } from '../../shared/kernel/primitives';
import { slaDueTimes } from '../../shared/features/sla/due';
import { DEMO_AGENTS, DEMO_TEAMS, demoAgent, SAFETY_CUSTOMER_ID, SHOWCASE_CUSTOMER_ID } from './demo';
import {
  CALL_NOTES,
  DEVICE_MODELS,
  EN_FIRST,
  EN_LAST,
  PHONE_FOLLOW_UP,
  PROBLEMS,
  STILL_BROKEN,
  THANKS,
  ZH_GIVEN,
  ZH_SURNAMES,
  type Bi,
  type Problem,
} from './phrases';

export interface DemoData {
  teams: Team[];
  agents: Array<{ agent: Agent; password: string }>;
  /** Every event in append order (occurredAt ascending; entity snapshots before what refers to them); seq null. */
  events: Event[];
}

export interface GenerateOptions {
  /** PRNG seed; the same options always give identical data. Default 42. */
  seed?: number;
  /** The generated history ends just before this instant (ms since epoch). Default Date.now(). */
  now?: number;
  /** Number of customers, ≥ 2 (the showcase and the safety-complaint customer come first). Default 220. */
  customers?: number;
}

/** Omit over each member of a union (plain Omit collapses a discriminated union). */
type DistOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Draft = DistOmit<Event, 'id' | 'seq' | 'occurredAt'>;
type CaseDraft = DistOmit<Event, 'id' | 'seq' | 'occurredAt' | 'customerId' | 'caseId'>;

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const SUPPORT_LINE = '+18005550100';
const SYSTEM: Author = { type: 'system', id: null, name: 'Omnidesk' };
const ROUTING: Author = { type: 'system', id: null, name: 'Routing' };
const CTI: Author = { type: 'system', id: null, name: 'CTI' };
const AUTO_CLOSE: Author = { type: 'system', id: null, name: 'Auto-close' };

/** mulberry32: small, fast, deterministic. */
class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  between(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('pick from an empty list');
    return list[Math.floor(this.next() * list.length)] as T;
  }
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [v, w] of entries) {
      x -= w;
      if (x < 0) return v;
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(this.next() * 16).toString(16);
    return s;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const fill = (template: string, vars: Record<string, string>) => template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

interface Staff {
  front: Agent[];
  lead: Agent;
  specialist: Agent;
}

interface Person {
  customer: Customer;
  /** greeting name: first name (en) or full name (zh) */
  first: string;
  /** family name, for "Dr. {last}" */
  last: string;
}

/**
 * The demo world: two teams, eight agents, `customers` customers of a vendor of wearable medical
 * devices, and their cases over the ~90 days before `now` on all four channels, in English and
 * Chinese. The first customer is the showcase (Margaret Chen, SHOWCASE_CUSTOMER_ID); the second has
 * the one safety complaint (P0). Pure: the same options give identical output.
 */
export function generateDemoData(options: GenerateOptions = {}): DemoData {
  const seed = options.seed ?? 42;
  const now = Math.floor(options.now ?? Date.now());
  const count = options.customers ?? 220;
  if (!Number.isInteger(count) || count < 2) throw new RangeError('customers must be an integer ≥ 2');
  return new World(seed, now).build(count);
}

class World {
  private readonly rng: Rng;
  private counter = 0;
  private order = 0;
  private readonly drafts: Array<{ ms: number; order: number; event: Event }> = [];
  private readonly horizon: number;
  private readonly usedEmails = new Set<string>();
  private readonly usedPhones = new Set<string>();
  private readonly staff: Record<string, Staff>;

  constructor(
    seed: number,
    private readonly now: number,
  ) {
    this.rng = new Rng(seed);
    this.horizon = now - MIN;
    const g = DEMO_TEAMS.glucose.id;
    const c = DEMO_TEAMS.cardio.id;
    this.staff = {
      [g]: { front: [demoAgent('alice'), demoAgent('mei')], lead: demoAgent('lena'), specialist: demoAgent('dr.wang') },
      [c]: { front: [demoAgent('bob'), demoAgent('jun')], lead: demoAgent('omar'), specialist: demoAgent('dr.wang') },
    };
  }

  build(count: number): DemoData {
    this.showcase();
    this.safetyComplaint();
    for (let i = 2; i < count; i++) this.ordinaryCustomer();
    const events = this.drafts.sort((a, b) => a.ms - b.ms || a.order - b.order).map((d) => d.event);
    return {
      teams: [DEMO_TEAMS.glucose, DEMO_TEAMS.cardio].map((t) => ({ ...t })),
      agents: DEMO_AGENTS.map((a) => ({ agent: { ...a.agent, teamIds: [...a.agent.teamIds], languages: [...a.agent.languages] }, password: a.password })),
      events,
    };
  }

  // ── ids and events ────────────────────────────────────────────────────────────────────────────

  private id(ms: number): string {
    return deterministicId(ms, 10_000 + this.counter++);
  }

  /** Adds an event unless it would lie after the horizon; returns whether it was added. */
  private push(ms: number, event: Draft): boolean {
    if (ms > this.horizon) return false;
    const e: Event = { ...event, id: this.id(ms), seq: null, occurredAt: iso(ms) };
    this.drafts.push({ ms, order: this.order++, event: e });
    return true;
  }

  // ── people ────────────────────────────────────────────────────────────────────────────────────

  private device(kind: DeviceKind, purchasedMs: number): Device {
    const r = this.rng;
    const m = r.pick(DEVICE_MODELS.filter((d) => d.kind === kind));
    const until = new Date(purchasedMs + 2 * 365 * DAY);
    return {
      kind,
      model: m.model,
      serial: `${m.serialPrefix}-${String(until.getUTCFullYear() - 2).slice(2)}${String(r.int(1, 52)).padStart(2, '0')}-${String(r.int(0, 999_999)).padStart(6, '0')}`,
      firmware: r.pick(m.firmwares),
      warrantyUntil: until.toISOString().slice(0, 10),
    };
  }

  private uniqueEmail(local: string, domain: string): string {
    let e = `${local}@${domain}`;
    for (let n = 2; this.usedEmails.has(e); n++) e = `${local}${n}@${domain}`;
    this.usedEmails.add(e);
    return e;
  }

  private phone(lang: Language): string {
    const r = this.rng;
    for (;;) {
      const p =
        lang === 'en'
          ? `+1${r.pick(['201', '212', '305', '312', '415', '503', '617', '646', '702', '720', '808', '917'])}5550${r.int(100, 199)}`
          : `+861${r.pick(['38', '39', '58', '86', '36', '50'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
      if (!this.usedPhones.has(p)) {
        this.usedPhones.add(p);
        return p;
      }
    }
  }

  private newPerson(): Person {
    const r = this.rng;
    const lang: Language = r.chance(0.42) ? 'zh' : 'en';
    const segment = r.weighted<Segment>([
      ['young_adult', 0.25],
      ['adult', 0.3],
      ['elderly', 0.3],
      ['clinician', 0.15],
    ]);
    const kinds = r.weighted<DeviceKind[]>([
      [['cgm'], 0.3],
      [['cgm', 'bp_cuff'], 0.1],
      [['ecg_patch'], 0.14],
      [['bp_cuff'], 0.14],
      [['bp_cuff', 'pulse_oximeter'], 0.06],
      [['pulse_oximeter'], 0.1],
      [['smart_watch'], 0.1],
      [['smart_watch', 'ecg_patch'], 0.06],
    ]);
    const teamId = kinds[0] === 'cgm' ? DEMO_TEAMS.glucose.id : DEMO_TEAMS.cardio.id;
    const createdMs = this.now - Math.round(r.between(92, 100) * DAY);
    const id = this.id(createdMs);
    let name: string;
    let first: string;
    let last: string;
    let emailLocal: string;
    if (lang === 'en') {
      first = r.pick(EN_FIRST);
      last = r.pick(EN_LAST);
      name = `${first} ${last}`;
      emailLocal = `${first}.${last}`.toLowerCase();
    } else {
      const [sh, sp] = r.pick(ZH_SURNAMES);
      const [gh, gp] = r.pick(ZH_GIVEN);
      name = `${sh}${gh}`;
      first = name;
      last = sh;
      emailLocal = `${gp}.${sp}`;
    }
    const domain = segment === 'clinician' ? r.pick(['hospital.example.org', 'clinic.example.net']) : r.pick(['example.com', 'example.org', 'example.net']);
    const emails = segment === 'elderly' && r.chance(0.4) ? [] : [this.uniqueEmail(emailLocal, domain)];
    const phone = this.phone(lang);
    const socialHandles: SocialHandle[] = [];
    if (lang === 'zh' && r.chance(segment === 'elderly' ? 0.4 : 0.7)) socialHandles.push({ network: 'wechat', handle: `wxid_${r.hex(10)}` });
    if (lang === 'en' && r.chance(0.45)) socialHandles.push({ network: 'whatsapp', handle: phone });
    if (lang === 'en' && r.chance(0.12)) socialHandles.push({ network: 'messenger', handle: `${emailLocal}.${r.int(10, 99)}` });
    const customer: Customer = {
      id,
      teamId,
      name,
      emails,
      phones: [phone],
      socialHandles,
      language: lang,
      segment,
      vip: r.chance(segment === 'clinician' ? 0.2 : 0.08),
      devices: kinds.map((k) => this.device(k, createdMs - r.int(0, 500) * DAY)),
      createdAt: iso(createdMs),
      updatedAt: iso(createdMs),
    };
    return { customer, first, last };
  }

  private customerCreated(c: Customer): void {
    this.push(Date.parse(c.createdAt), {
      kind: 'customer.created',
      customerId: c.id,
      caseId: null,
      threadId: null,
      channel: 'internal',
      author: SYSTEM,
      body: null,
      meta: { customer: c },
    });
  }

  // ── customers and their cases ─────────────────────────────────────────────────────────────────

  private ordinaryCustomer(): void {
    const r = this.rng;
    const p = this.newPerson();
    this.customerCreated(p.customer);
    const n = 1 + (r.chance(0.55) ? 1 : 0) + (r.chance(0.25) ? 1 : 0);
    const start = Date.parse(p.customer.createdAt) + 2 * DAY;
    // A fifth of the cases are from the last five days, so the queues are alive.
    const opens = Array.from({ length: n }, () =>
      Math.round(r.chance(0.2) ? r.between(Math.max(start, this.now - 5 * DAY), this.now - 20 * MIN) : r.between(start, this.now - 20 * MIN)),
    ).sort((a, b) => a - b);
    for (const openMs of opens) this.ordinaryCase(p, openMs);
  }

  private pickAssignee(p: Person): Agent {
    const r = this.rng;
    const staff = this.staff[p.customer.teamId] as Staff;
    if (p.customer.segment === 'clinician' && r.chance(0.35)) return staff.specialist;
    if (r.chance(0.07)) return staff.lead;
    const speakers = staff.front.filter((a) => a.languages.includes(p.customer.language));
    return r.chance(0.8) && speakers.length ? r.pick(speakers) : r.pick(speakers.length ? speakers : staff.front);
  }

  private firstChannel(c: Customer): Channel {
    const weights: Record<Segment, Array<[Channel, number]>> = {
      elderly: [['phone', 0.55], ['email', 0.2], ['chat', 0.1], ['social', 0.15]],
      young_adult: [['chat', 0.4], ['social', 0.35], ['email', 0.15], ['phone', 0.1]],
      adult: [['email', 0.35], ['chat', 0.3], ['social', 0.2], ['phone', 0.15]],
      clinician: [['email', 0.6], ['phone', 0.3], ['chat', 0.1]],
    };
    return this.rng.weighted(weights[c.segment].filter(([ch]) => this.reachable(c, ch)));
  }

  /** Can the customer be on this channel? (email needs an address, social a handle) */
  private reachable(c: Customer, ch: Channel): boolean {
    if (ch === 'email') return c.emails.length > 0;
    if (ch === 'social') return c.socialHandles.length > 0;
    return true;
  }

  private ordinaryCase(p: Person, openMs: number): void {
    const r = this.rng;
    const c = p.customer;
    const device = r.pick(c.devices);
    const problems = PROBLEMS.filter((x) => x.devices.includes(device.kind) && (x.key !== 'ecg_report' || c.segment === 'clinician'));
    const problem = r.pick(problems);
    let priority: Priority = problem.priority;
    if (c.vip && priority === 'P2') priority = 'P1';
    else if (priority === 'P2' && (problem.key === 'warranty_rma' || problem.key === 'app_sync') && r.chance(0.25)) priority = 'P1';
    const assignee = this.pickAssignee(p);
    const story = new Story(this, this.rng, p, problem, device, priority, openMs, this.firstChannel(c), assignee, this.staff[c.teamId] as Staff);
    story.ordinary(this.now);
  }

  // Story needs these:
  emit(ms: number, event: Draft): boolean {
    return this.push(ms, event);
  }
  get nowMs(): number {
    return this.now;
  }
  newId(ms: number): string {
    return this.id(ms);
  }

  // ── the showcase: Margaret Chen ───────────────────────────────────────────────────────────────

  private showcase(): void {
    const createdMs = this.now - 100 * DAY - HOUR;
    const phone = '+14155550142';
    const customer: Customer = {
      id: SHOWCASE_CUSTOMER_ID,
      teamId: DEMO_TEAMS.glucose.id,
      name: 'Margaret Chen',
      emails: [this.uniqueEmail('margaret.chen', 'example.com')],
      phones: [phone],
      socialHandles: [{ network: 'whatsapp', handle: phone }],
      language: 'en',
      segment: 'elderly',
      vip: false,
      devices: [
        { kind: 'cgm', model: 'Vitalink GlucoTrack G3', serial: 'GT3-2409-004417', firmware: '3.4.2', warrantyUntil: iso(this.now + 300 * DAY).slice(0, 10) },
        { kind: 'bp_cuff', model: 'Vitalink PressureWise BP-200', serial: 'BP2-2311-118230', firmware: '2.2.0', warrantyUntil: iso(this.now + 120 * DAY).slice(0, 10) },
      ],
      createdAt: iso(createdMs),
      updatedAt: iso(createdMs),
    };
    this.usedPhones.add(phone);
    this.customerCreated(customer);
    const alice = demoAgent('alice');
    const person: Person = { customer, first: 'Margaret', last: 'Chen' };
    const problem = PROBLEMS.find((x) => x.key === 'readings_cgm') as Problem;
    const T = this.now - 3 * DAY - 2 * HOUR;
    const s = new Story(this, this.rng, person, problem, customer.devices[0] as Device, 'P2', T, 'email', alice, this.staff[customer.teamId] as Staff);
    s.subject = 'Glucose readings look too high and the app stopped syncing';
    s.openCase(T);
    const email = s.thread('email', T);
    s.inbound(
      email,
      T,
      'Dear Vitalink support,\n\nsince Sunday my GlucoTrack shows numbers that are much higher than my finger-prick meter, and the app on my phone has not updated since yesterday. My daughter usually helps me but she is away this week. I am 78 and not good with the phone. What should I do?\n\nMargaret Chen',
    );
    s.assign(T + 12 * MIN, ROUTING, alice);
    s.outbound(
      email,
      T + 25 * MIN,
      'Dear Margaret,\n\nthank you for writing to us. Please keep using your finger-prick meter for any decision about insulin or food. Could you do one finger-prick test today and write down the number on the meter and the number in the GlucoTrack app at the same time? If you prefer, call us on 1-800-555-0100 and I will walk you through it.\n\nAlice, Vitalink Support',
    );
    const phoneThread = s.thread('phone', T + DAY + 2 * HOUR);
    s.call(phoneThread, T + DAY + 2 * HOUR, 'in', alice, 684, 'normalClearing');
    s.note(
      phoneThread,
      T + DAY + 2 * HOUR + 15 * MIN,
      alice,
      'Call: Margaret prefers the phone; speak slowly. Meter 8.1 vs sensor 10.4 mmol/L (sensor on day 2). App sync: phone battery saver closes the app. Sent replacement sensor as a precaution. Grandson Daniel will help her on chat.',
    );
    const chat = s.thread('chat', T + DAY + 5 * HOUR);
    s.inbound(chat, T + DAY + 5 * HOUR, "Hello, this is Daniel, Margaret Chen's grandson, typing for her. The new sensor arrived. Do we put it on the same arm?");
    s.outbound(
      chat,
      T + DAY + 5 * HOUR + 3 * MIN,
      'Hi Daniel, thanks for helping! Please use the other arm, back of the upper arm, and clean the skin with water first. After 24 hours, please send us the meter and app numbers again.',
    );
    s.setStatus(T + DAY + 5 * HOUR + 6 * MIN, authorOf(alice), 'waiting_on_customer');
    const social = s.thread('social', T + 2 * DAY + 20 * HOUR);
    s.inbound(social, T + 2 * DAY + 20 * HOUR, 'Good morning, here is a photo of the app screen. It says "Sensor error E-14" since this morning. Margaret');
    s.setStatus(T + 2 * DAY + 20 * HOUR + 1000, ROUTING, 'open');
    s.outbound(
      social,
      T + 2 * DAY + 21 * HOUR,
      'Good morning Margaret, E-14 means the sensor lost contact for a while; it usually recovers within an hour. Please keep the phone within 5 metres of you. If it still shows E-14 this afternoon, just reply here.',
    );
    s.inbound(
      email,
      this.now - 25 * MIN,
      'Dear Alice,\n\nthe error went away, but the sensor still reads about 2 higher than my meter this morning (meter 7.2, app 9.3). Should I be worried? I would prefer if someone could call me.\n\nMargaret',
    );
  }

  // ── the one safety complaint (P0) ─────────────────────────────────────────────────────────────

  private safetyComplaint(): void {
    const createdMs = this.now - 97 * DAY;
    const phone = '+16175550177';
    const customer: Customer = {
      id: SAFETY_CUSTOMER_ID,
      teamId: DEMO_TEAMS.cardio.id,
      name: 'Thomas Becker',
      emails: [this.uniqueEmail('thomas.becker', 'example.net')],
      phones: [phone],
      socialHandles: [],
      language: 'en',
      segment: 'adult',
      vip: false,
      devices: [{ kind: 'ecg_patch', model: 'Vitalink CardioPatch 14', serial: 'CP14-2502-031875', firmware: '1.9.0', warrantyUntil: iso(this.now + 500 * DAY).slice(0, 10) }],
      createdAt: iso(createdMs),
      updatedAt: iso(createdMs),
    };
    this.usedPhones.add(phone);
    this.customerCreated(customer);
    const wang = demoAgent('dr.wang');
    const person: Person = { customer, first: 'Thomas', last: 'Becker' };
    const problem = PROBLEMS[0] as Problem;
    const T = this.now - 6 * HOUR;
    const s = new Story(this, this.rng, person, problem, customer.devices[0] as Device, 'P0', T, 'chat', wang, this.staff[customer.teamId] as Staff);
    s.subject = 'CardioPatch overheated and burned my skin';
    s.openCase(T);
    const chat = s.thread('chat', T);
    s.inbound(
      chat,
      T,
      'Last night my CardioPatch 14 became very hot on my chest and woke me up. When I took it off there was a red burn mark with a small blister. I have not put a new one on. Is it safe to keep using it?',
    );
    s.note(chat, T + 1000, SYSTEM, 'Safety keywords detected (overheated, burn): priority P0, clinical specialist notified.');
    s.assign(T + 2 * MIN, ROUTING, wang);
    s.outbound(
      chat,
      T + 9 * MIN,
      'Mr. Becker, thank you for telling us right away. Please do not apply another patch, and keep the one you removed in its box: we will collect it for analysis. Please have the skin looked at by your doctor or pharmacist today. I will call you in a few minutes. Dr. Wang Jing, Vitalink Clinical Support',
    );
    const call = s.thread('phone', T + 15 * MIN);
    s.call(call, T + 15 * MIN, 'out', wang, 540, 'normalClearing');
    s.note(
      call,
      T + 27 * MIN,
      wang,
      'Adverse event: possible thermal injury from CardioPatch 14, serial CP14-2502-031875. Customer advised to stop use and seek medical review. AE report draft started for regulatory reporting; device return kit sent.',
    );
    s.setStatus(T + 28 * MIN, authorOf(wang), 'pending');
    s.inbound(chat, T + 3 * HOUR, 'Thank you. I will see my GP tomorrow morning. The patch is in its box, ready for the courier.');
  }
}

/** One case of one customer, told event by event. Stops for good at the first event after the horizon. */
class Story {
  private stopped = false;
  readonly kase: Case;
  subject: string;
  private status: CaseStatus = 'open';
  private priority: Priority;
  private assigneeId: string | null = null;
  private readonly vars: Record<string, string>;
  private readonly lang: Language;
  private emailCount = 0;

  constructor(
    private readonly w: World,
    private readonly r: Rng,
    private readonly p: Person,
    private readonly problem: Problem,
    private readonly device: Device,
    priority: Priority,
    openMs: number,
    private readonly channel: Channel,
    private agent: Agent,
    private readonly staff: Staff,
  ) {
    this.priority = priority;
    this.lang = p.customer.language;
    this.vars = {
      first: p.first,
      last: p.last,
      model: device.model,
      serial: device.serial,
      firmware: device.firmware,
      agent: agent.displayName,
      rma: String(r.int(100_000, 999_999)),
    };
    this.subject = fill(problem.subject[this.lang], this.vars);
    const openedAt = iso(openMs);
    this.kase = {
      id: w.newId(openMs),
      customerId: p.customer.id,
      teamId: p.customer.teamId,
      subject: this.subject,
      status: 'open',
      priority,
      assigneeId: null,
      openedAt,
      updatedAt: openedAt,
      ...slaDueTimes(openedAt, priority),
      firstRespondedAt: null,
      resolvedAt: null,
    };
  }

  private text(bank: Bi): string {
    return fill(this.r.pick(bank[this.lang]), this.vars);
  }

  private emit(ms: number, e: CaseDraft): boolean {
    if (this.stopped) return false;
    const ok = this.w.emit(ms, { ...e, customerId: this.p.customer.id, caseId: this.kase.id });
    if (!ok) this.stopped = true;
    return ok;
  }

  get done(): boolean {
    return this.stopped;
  }

  openCase(ms: number): void {
    const kase = { ...this.kase, subject: this.subject };
    this.emit(ms, { kind: 'case.opened', threadId: null, channel: this.channel, author: ROUTING, body: null, meta: { case: kase } });
  }

  thread(channel: Channel, ms: number): Thread {
    const c = this.p.customer;
    const r = this.r;
    const social = c.socialHandles[0];
    const externalRef =
      channel === 'email'
        ? `<${r.hex(16)}@mail.${c.emails[0]?.split('@')[1] ?? 'example.com'}>`
        : channel === 'chat'
          ? `chat_${r.hex(12)}`
          : channel === 'phone'
            ? `call-${r.hex(12)}`
            : `${social?.network ?? 'other'}:${social?.handle ?? r.hex(8)}`;
    const t: Thread = {
      id: this.w.newId(ms),
      customerId: c.id,
      caseId: this.kase.id,
      channel,
      subject: channel === 'email' ? this.subject : null,
      externalRef,
      openedAt: iso(ms),
    };
    this.emit(ms, { kind: 'thread.opened', threadId: t.id, channel, author: SYSTEM, body: null, meta: { thread: t } });
    return t;
  }

  private subjectFor(t: Thread, inbound: boolean): string | null {
    if (t.channel !== 'email') return null;
    const first = inbound && this.emailCount === 0;
    this.emailCount++;
    return first ? this.subject : `Re: ${this.subject}`;
  }

  inbound(t: Thread, ms: number, body: string): void {
    const c = this.p.customer;
    const net = t.channel === 'social' ? (c.socialHandles[0]?.network ?? 'other') : null;
    const providerMessageId =
      t.channel === 'email'
        ? `<${this.r.hex(20)}@${c.emails[0]?.split('@')[1] ?? 'example.com'}>`
        : t.channel === 'chat'
          ? `chatmsg_${this.r.hex(12)}`
          : net === 'whatsapp'
            ? `wamid.${this.r.hex(24)}`
            : net === 'wechat'
              ? `wx_${this.r.hex(16)}`
              : `m_${this.r.hex(16)}`;
    this.emit(ms, {
      kind: 'message.received',
      threadId: t.id,
      channel: t.channel,
      author: { type: 'customer', id: c.id, name: c.name },
      body,
      meta: { subject: this.subjectFor(t, true), providerMessageId, network: net },
    });
  }

  outbound(t: Thread, ms: number, body: string, by: Agent = this.agent): void {
    const age = this.w.nowMs - ms;
    const deliveryStatus = age < 2 * HOUR ? 'sent' : t.channel === 'email' ? 'delivered' : 'read';
    this.emit(ms, {
      kind: 'message.sent',
      threadId: t.id,
      channel: t.channel,
      author: authorOf(by),
      body,
      meta: { subject: this.subjectFor(t, false), deliveryStatus },
    });
  }

  note(t: Thread | null, ms: number, by: Agent | Author, body: string): void {
    const author = 'username' in by ? authorOf(by) : by;
    this.emit(ms, { kind: 'note.added', threadId: t?.id ?? null, channel: 'internal', author, body, meta: {} });
  }

  /** A call on a phone thread: call.started, then call.ended `durationSec` later (plus ringing). */
  call(t: Thread, ms: number, direction: 'in' | 'out', agent: Agent, durationSec: number, outcome: 'normalClearing' | 'noAnswer' | 'busy'): number {
    const c = this.p.customer;
    const customerPhone = c.phones[0] ?? SUPPORT_LINE;
    const callId = t.externalRef ?? `call-${this.r.hex(12)}`;
    this.emit(ms, {
      kind: 'call.started',
      threadId: t.id,
      channel: 'phone',
      author: direction === 'in' ? { type: 'customer', id: c.id, name: c.name } : authorOf(agent),
      body: null,
      meta: { direction, from: direction === 'in' ? customerPhone : SUPPORT_LINE, to: direction === 'in' ? SUPPORT_LINE : customerPhone, callId },
    });
    const answered = outcome === 'normalClearing';
    const end = ms + (answered ? durationSec : 0) * 1000 + this.r.int(5, 25) * 1000;
    this.emit(end, {
      kind: 'call.ended',
      threadId: t.id,
      channel: 'phone',
      author: CTI,
      body: null,
      meta: { direction, callId, durationSec: answered ? durationSec : 0, outcome, recordingUrl: null, answeredBy: answered ? agent.id : null },
    });
    return end;
  }

  assign(ms: number, by: Author, to: Agent): void {
    if (this.assigneeId === to.id) return;
    if (this.emit(ms, { kind: 'case.assigned', threadId: null, channel: 'internal', author: by, body: null, meta: { from: this.assigneeId, to: to.id } })) {
      this.assigneeId = to.id;
      this.agent = to;
      this.vars.agent = to.displayName;
    }
  }

  setStatus(ms: number, by: Author, to: CaseStatus): void {
    if (this.status === to) return;
    if (this.emit(ms, { kind: 'case.status_changed', threadId: null, channel: 'internal', author: by, body: null, meta: { from: this.status, to } })) {
      this.status = to;
    }
  }

  setPriority(ms: number, by: Author, to: Priority): void {
    if (this.priority === to || to === 'P0') return; // P0 only through the safety triage
    if (this.emit(ms, { kind: 'case.priority_changed', threadId: null, channel: 'internal', author: by, body: null, meta: { from: this.priority, to } })) {
      this.priority = to;
    }
  }

  /** The agent answers on `t`: a message, or for a phone thread an outbound call. Returns the time after it. */
  private answer(t: Thread, ms: number, body: string): number {
    if (t.channel !== 'phone') {
      this.outbound(t, ms, body);
      return ms;
    }
    const end = this.call(t, ms, 'out', this.agent, this.r.int(90, 600), this.r.chance(0.85) ? 'normalClearing' : 'noAnswer');
    this.note(t, end + 2 * MIN, this.agent, this.text(CALL_NOTES));
    return end + 2 * MIN;
  }

  /** The customer writes (or calls) on `t`. Returns the time after it. */
  private customerSays(t: Thread, ms: number, body: string): number {
    if (t.channel !== 'phone') {
      this.inbound(t, ms, body);
      return ms;
    }
    const end = this.call(t, ms, 'in', this.agent, this.r.int(120, 900), 'normalClearing');
    this.note(t, end + 2 * MIN, this.agent, this.text(CALL_NOTES));
    return end + 2 * MIN;
  }

  private switchChannel(current: Thread, ms: number): Thread {
    const c = this.p.customer;
    const options = (['email', 'chat', 'social', 'phone'] as const).filter((ch) => ch !== current.channel && (ch === 'chat' || ch === 'phone' || (ch === 'email' ? c.emails.length > 0 : c.socialHandles.length > 0)));
    return this.thread(this.r.pick(options), ms);
  }

  /** The usual arc: contact, routing, first response, a few rounds, resolution, auto-close. */
  ordinary(now: number): void {
    const r = this.r;
    const c = this.p.customer;
    const opened = Date.parse(this.kase.openedAt);
    const firstDueMin = (Date.parse(this.kase.firstResponseDueAt) - opened) / MIN;
    let t = opened;
    this.openCase(t);
    let th = this.thread(this.channel, t);
    const assignee = this.agent;

    if (th.channel === 'phone') {
      // The call is routed to the agent who answers it.
      this.assign(t + 5000, ROUTING, assignee);
      const end = this.call(th, t, 'in', assignee, r.int(180, 1200), 'normalClearing');
      this.note(th, end + 2 * MIN, assignee, this.text(CALL_NOTES));
      t = end + 10 * MIN;
      const written = (['email', 'social'] as const).find((ch) => this.reachable(ch));
      if (written) {
        th = this.thread(written, t);
        this.outbound(th, t, this.text(PHONE_FOLLOW_UP));
      }
    } else {
      this.inbound(th, t, this.text(this.problem.open));
      t += r.int(1, 20) * MIN;
      this.assign(t, r.chance(0.8) ? ROUTING : authorOf(this.staff.lead), assignee);
      const late = r.chance(0.12);
      const due = opened + Math.round((late ? r.between(1.1, 3) * firstDueMin : r.between(0.15, 0.95) * firstDueMin) * MIN);
      t = Math.max(t + MIN, due);
      this.outbound(th, t, this.text(this.problem.reply));
    }

    if (this.priority !== 'P1' && this.priority !== 'P0' && r.chance(0.08)) {
      this.setPriority(t + r.int(5, 60) * MIN, authorOf(this.staff.lead), this.priority === 'P3' ? 'P2' : 'P1');
    }
    if (c.segment === 'clinician' && this.agent.role !== 'specialist' && r.chance(0.3)) {
      t += r.int(10, 120) * MIN;
      this.note(null, t, this.agent, this.lang === 'zh' && this.agent.languages.includes('zh') ? '临床问题，转交专科医生。' : 'Clinical question: handing over to the medical specialist.');
      this.assign(t + MIN, authorOf(this.agent), this.staff.specialist);
    }

    const rounds = this.problem.priority === 'P3' ? r.int(0, 1) : r.int(1, 3);
    for (let i = 0; i < rounds && !this.done; i++) {
      if (r.chance(0.6)) this.setStatus(t + MIN, authorOf(this.agent), 'waiting_on_customer');
      t += Math.round(r.between(2 * HOUR, 40 * HOUR));
      if (r.chance(0.25)) th = this.switchChannel(th, t);
      t = this.customerSays(th, t, this.text(i === 0 ? this.problem.followUp : STILL_BROKEN));
      if (this.status === 'waiting_on_customer') this.setStatus(t + 1000, ROUTING, 'open');
      if (r.chance(0.35)) this.note(th.channel === 'phone' ? th : null, t + r.int(2, 30) * MIN, this.agent, this.text(this.problem.notes));
      t += Math.round(r.between(10 * MIN, 6 * HOUR));
      t = this.answer(th, t, this.text(this.problem.answer));
      if (this.problem.key === 'warranty_rma' && i === 0) this.setStatus(t + MIN, authorOf(this.agent), 'pending');
    }

    // Recent cases are still in progress, and a few older ones are stuck; the rest get resolved and auto-closed.
    if (this.done || now - t < r.between(0.5, 4) * DAY || r.chance(0.06)) return;
    t += Math.round(r.between(HOUR, 2 * DAY));
    if (th.channel === 'phone') {
      const written = (['email', 'social', 'chat'] as const).find((ch) => this.reachable(ch));
      if (written) th = this.thread(written, t);
    }
    if (th.channel === 'phone') this.note(th, t, this.agent, this.text(this.problem.resolve));
    else this.outbound(th, t, this.text(this.problem.resolve));
    this.setStatus(t + MIN, authorOf(this.agent), 'resolved');
    if (r.chance(0.5) && th.channel !== 'phone') this.inbound(th, t + Math.round(r.between(10 * MIN, DAY)), this.text(THANKS));
    this.setStatus(t + Math.round(r.between(3, 7) * DAY), AUTO_CLOSE, 'closed');
  }

  private reachable(ch: Channel): boolean {
    const c = this.p.customer;
    if (ch === 'email') return c.emails.length > 0;
    if (ch === 'social') return c.socialHandles.length > 0;
    return true;
  }
}
