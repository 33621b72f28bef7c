import type { Role } from '../../kernel/agent';
import type { Case } from '../../kernel/case';
import type { Customer } from '../../kernel/customer';
import type { Channel } from '../../kernel/primitives';
import { detectAsks } from './asks';
import { aboveAuthority, detectCompensation } from './compensation';
import type { Action, Ask, CompensationTier, Condition, Rule, TriggerType } from './rule';
import { detectMood, type MoodLabel } from './sentiment';

/**
 * Rule evaluation (issue 13): ONE pure function, run by the server on every event it appends and by the desktop as
 * messages arrive and as the agent types, offline too. A rule fires at most once per case (`fired`).
 */
export type EscalationTrigger =
  /** a customer's message, or an agent's note of what the customer said on a call */
  | { type: 'message'; from: 'customer' | 'note'; text: string; channel: Channel | null }
  /** what the agent is about to send (a compensation offer) */
  | { type: 'draft'; text: string }
  | { type: 'sla'; state: 'warned' | 'breached'; clock: 'firstResponse' | 'nextResponse' | 'resolution' }
  | { type: 'safety_flag' }
  /** any other change of the case (opened, priority, status, assignee, customer fields) */
  | { type: 'case' };

/** One contact of the customer (a conversation opened) for the repeat-contact trigger. */
export interface Contact {
  at: string;
  caseId: string;
  subject: string;
}

export interface EscalationFacts {
  case: Case;
  customer: Customer | null;
  /** the role of whoever handles the case now (its assignee; the agent typing for a draft): whose authority counts */
  handlerRole: Role;
  /** the customer's contacts, newest last (the desktop: from its cache; the server: from its projections) */
  contacts: readonly Contact[];
  tags: readonly string[];
  /** rules that already fired on this case */
  fired: ReadonlySet<string>;
  now: string;
}

export interface Firing {
  ruleId: string;
  trigger: TriggerType;
  /** what set it off, as a code: the mood, the ask, the tier, the clock, the number of contacts */
  detail: string | null;
  actions: Action[];
}

/** What the detectors read in a text, computed once per event (not once per rule). */
interface Readings {
  mood?: MoodLabel;
  asks?: Ask[];
  tier?: CompensationTier | null;
}

function read(trigger: EscalationTrigger, cache: Readings, what: keyof Readings): Readings {
  if (trigger.type !== 'message' && trigger.type !== 'draft') return cache;
  if (cache[what] !== undefined) return cache;
  if (what === 'mood') cache.mood = trigger.type === 'message' ? detectMood(trigger.text).mood : 'neutral';
  if (what === 'asks') cache.asks = trigger.type === 'message' ? detectAsks(trigger.text) : [];
  if (what === 'tier') cache.tier = detectCompensation(trigger.text);
  return cache;
}

const DAY_MS = 86_400_000;

/** Two contacts are on the same problem when they are on the same case or their subjects share most words. */
export function sameProblem(a: Contact, b: Contact): boolean {
  if (a.caseId === b.caseId) return true;
  const words = (s: string) => new Set(s.toLowerCase().replace(/^(?:(?:re|fw|fwd|回复|答复|转发)\s*[:：]\s*)+/i, '').match(/[\p{L}\p{N}]+/gu) ?? []);
  const x = words(a.subject);
  const y = words(b.subject);
  if (x.size === 0 || y.size === 0) return false;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / Math.min(x.size, y.size) >= 0.6;
}

/** How many of the customer's contacts within `days` before now are on the same problem as this case's latest one. */
export function repeatContacts(facts: EscalationFacts, days: number): number {
  const now = Date.parse(facts.now);
  const mine = [...facts.contacts].reverse().find((c) => c.caseId === facts.case.id);
  if (!mine) return 0;
  return facts.contacts.filter((c) => now - Date.parse(c.at) <= days * DAY_MS && Date.parse(c.at) <= now && sameProblem(c, mine)).length;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.\-_]/).map((p) => Number.parseInt(p, 10));
  const pb = b.split(/[.\-_]/).map((p) => Number.parseInt(p, 10));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (Number.isNaN(x) || Number.isNaN(y)) return a.localeCompare(b);
    if (x !== y) return x - y;
  }
  return 0;
}

function valuesOf(field: Condition['field'], f: EscalationFacts, channel: Channel | null): (string | number | boolean)[] {
  const devices = f.customer?.devices ?? [];
  switch (field) {
    case 'customer.segment':
      return f.customer ? [f.customer.segment] : [];
    case 'customer.vip':
      return f.customer ? [f.customer.vip] : [];
    case 'customer.language':
      return f.customer ? [f.customer.language] : [];
    case 'case.priority':
      return [f.case.priority];
    case 'case.status':
      return [f.case.status];
    case 'case.channel':
      return channel ? [channel] : [];
    case 'case.tags':
      return [...f.tags];
    case 'device.kind':
      return devices.map((d) => d.kind);
    case 'device.model':
      return devices.map((d) => d.model);
    case 'device.firmware':
      return devices.map((d) => d.firmware);
    case 'device.warranty':
      return devices.map((d) => (Date.parse(`${d.warrantyUntil}T23:59:59Z`) >= Date.parse(f.now) ? 'active' : 'expired'));
  }
}

function test(op: Condition['op'], actual: string | number | boolean, expected: Condition['value'], field: Condition['field']): boolean {
  const list = Array.isArray(expected) ? expected : [expected];
  switch (op) {
    case 'eq':
    case 'contains':
      return list.some((v) => v === actual);
    case 'in':
      return list.some((v) => v === actual);
    case 'neq':
    case 'not_in':
      return !list.some((v) => v === actual);
    case 'lt':
    case 'gt': {
      const e = list[0]!;
      const cmp = field === 'device.firmware' || typeof actual === 'string' ? compareVersions(String(actual), String(e)) : Number(actual) - Number(e);
      return op === 'lt' ? cmp < 0 : cmp > 0;
    }
  }
}

/** A condition holds when any value of the field passes (`neq`/`not_in`: when none of them is the value). */
export function conditionHolds(c: Condition, f: EscalationFacts, channel: Channel | null): boolean {
  const values = valuesOf(c.field, f, channel);
  if (c.op === 'neq' || c.op === 'not_in') return values.every((v) => test(c.op, v, c.value, c.field));
  return values.some((v) => test(c.op, v, c.value, c.field));
}

function triggerDetail(rule: Rule, t: EscalationTrigger, f: EscalationFacts, r: Readings): string | null | false {
  const tr = rule.trigger;
  switch (tr.type) {
    case 'mood': {
      if (t.type !== 'message') return false;
      const mood = read(t, r, 'mood').mood!;
      return (tr.moods as string[]).includes(mood) ? mood : false;
    }
    case 'asks': {
      if (t.type !== 'message') return false;
      const hit = read(t, r, 'asks').asks!.find((a) => tr.asks.includes(a));
      return hit ?? false;
    }
    case 'repeat_contact': {
      if (t.type !== 'message' && t.type !== 'case') return false;
      const n = repeatContacts(f, tr.withinDays);
      return n >= tr.count ? String(n) : false;
    }
    case 'vip':
      return (t.type === 'message' || t.type === 'case') && f.customer?.vip === true ? null : false;
    case 'compensation': {
      if (t.type !== 'message' && t.type !== 'draft') return false;
      const tier = read(t, r, 'tier').tier ?? null;
      if (!tier) return false;
      return !tr.aboveAuthority || aboveAuthority(tier, f.handlerRole) ? tier : false;
    }
    case 'sla':
      return t.type === 'sla' && tr.states.includes(t.state) && (!tr.clocks || tr.clocks.includes(t.clock)) ? `${t.clock}.${t.state}` : false;
    case 'safety_flag':
      return t.type === 'safety_flag' ? null : false;
    case 'condition':
      return t.type === 'draft' ? false : null;
  }
}

/** Rules in the order they apply: `order`, then id. Sort once per rule set, not per event. */
export function sortRules(rules: readonly Rule[]): Rule[] {
  return [...rules].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The rules that fire for `trigger` on this case, in order: enabled, not fired on the case before, trigger met and
 * every condition holding. `rules` must be sorted (sortRules).
 */
export function evaluateRules(rules: readonly Rule[], trigger: EscalationTrigger, facts: EscalationFacts): Firing[] {
  const out: Firing[] = [];
  const readings: Readings = {};
  const channel = trigger.type === 'message' ? trigger.channel : null;
  for (const rule of rules) {
    if (!rule.enabled || facts.fired.has(rule.id)) continue;
    const detail = triggerDetail(rule, trigger, facts, readings);
    if (detail === false) continue;
    if (!rule.conditions.every((c) => conditionHolds(c, facts, channel))) continue;
    out.push({ ruleId: rule.id, trigger: rule.trigger.type, detail, actions: rule.actions });
  }
  return out;
}
