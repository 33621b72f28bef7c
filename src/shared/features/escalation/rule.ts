import { z } from 'zod';
import { Priority } from '../../kernel/case';
import { DeviceKind, Segment } from '../../kernel/customer';
import { Action } from '../../kernel/escalation';
import { Localized } from './text';

/**
 * Escalation rules as data (issue 13): a trigger, conditions on the case, customer and device, and actions. Written
 * as YAML or JSON in resources/escalation, validated by these schemas, versioned on the server as reference data and
 * evaluated by the one pure function in ./evaluate.ts on the server and every desktop.
 */
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an id is lower-case letters, digits and dashes (at most 64)');
export const RuleId = Id;
export const ScriptId = Id;

export const Mood = z.enum(['anxious', 'angry', 'negative']);
export type Mood = z.infer<typeof Mood>;
/** What a customer may ask for or threaten (./asks.ts). */
export const Ask = z.enum(['supervisor', 'public', 'regulator', 'lawyer']);
export type Ask = z.infer<typeof Ask>;

export const Trigger = z.discriminatedUnion('type', [
  /** the customer's message reads anxious / angry / negative (./sentiment.ts) */
  z.object({ type: z.literal('mood'), moods: z.array(Mood).min(1) }).strict(),
  /** the customer asks for a supervisor, or threatens to go public, to a regulator or to a lawyer */
  z.object({ type: z.literal('asks'), asks: z.array(Ask).min(1) }).strict(),
  /** the customer's `count`-th contact on the same problem within `withinDays` */
  z.object({ type: z.literal('repeat_contact'), count: z.number().int().min(2).max(20).default(3), withinDays: z.number().int().min(1).max(90).default(7) }).strict(),
  /** a message on a VIP customer's case */
  z.object({ type: z.literal('vip') }).strict(),
  /** compensation asked by the customer or offered by the agent, above the agent's authority when `aboveAuthority` */
  z.object({ type: z.literal('compensation'), aboveAuthority: z.boolean().default(true) }).strict(),
  /** the SLA engine's warning or breach of a clock */
  z.object({ type: z.literal('sla'), states: z.array(z.enum(['warned', 'breached'])).min(1), clocks: z.array(z.enum(['firstResponse', 'nextResponse', 'resolution'])).optional() }).strict(),
  /** the safety work flagged a possible harm report on the case */
  z.object({ type: z.literal('safety_flag') }).strict(),
  /** any event of the case, when the conditions hold (a field rule: elderly customer, old firmware, …) */
  z.object({ type: z.literal('condition') }).strict(),
]);
export type Trigger = z.infer<typeof Trigger>;
export type TriggerType = Trigger['type'];

/** The fields a condition may test; `device.*` holds when ANY of the customer's devices matches. */
export const ConditionField = z.enum([
  'customer.segment',
  'customer.vip',
  'customer.language',
  'case.priority',
  'case.status',
  'case.channel',
  'case.tags',
  'device.kind',
  'device.model',
  'device.firmware',
  'device.warranty',
]);
export type ConditionField = z.infer<typeof ConditionField>;

const Scalar = z.union([z.string().max(200), z.number(), z.boolean()]);
export const Condition = z
  .object({
    field: ConditionField,
    /** `lt`/`gt` compare numbers, or versions part by part ("2.10.1" > "2.9"); `contains` is for lists (tags) */
    op: z.enum(['eq', 'neq', 'in', 'not_in', 'lt', 'gt', 'contains']),
    value: z.union([Scalar, z.array(Scalar).min(1).max(50)]),
  })
  .strict();
export type Condition = z.infer<typeof Condition>;

/** Values the enum-typed fields accept, so a misspelt `elderley` is refused at load, not silently never matched. */
export const FIELD_VALUES: Partial<Record<ConditionField, readonly string[]>> = {
  'customer.segment': Segment.options,
  'case.priority': Priority.options,
  'device.kind': DeviceKind.options,
  'device.warranty': ['active', 'expired'],
};

export { Action, HandoffTarget, CompensationTier, type ActionType } from '../../kernel/escalation';

export const Rule = z
  .object({
    id: RuleId,
    name: Localized,
    /** smaller first when several rules fire on one event; ties by id */
    order: z.number().int().min(0).max(100_000).default(100),
    enabled: z.boolean().default(true),
    trigger: Trigger,
    conditions: z.array(Condition).max(20).default([]),
    actions: z.array(Action).min(1).max(10),
  })
  .strict();
export type Rule = z.infer<typeof Rule>;
export type RuleInput = z.input<typeof Rule>;
