import { z } from 'zod';
import { Action, AnswerValue } from '../../kernel/escalation';
import { ScriptId } from './rule';
import { Localized } from './text';

/**
 * A script (issue 13): steps the agent walks through, each with guidance, phrases to insert into the reply, questions
 * whose answers are recorded on the case, links to knowledge articles and actions; the next step depends on the
 * answers. Like Genesys Scripter pages or Amazon Connect step-by-step guides, but as data anyone can review.
 */
const StepId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a step or question id is lower-case letters, digits, - and _');

export const QuestionType = z.enum(['yesno', 'choice', 'number', 'date', 'text']);
export type QuestionType = z.infer<typeof QuestionType>;

export const Question = z
  .object({
    id: StepId,
    prompt: Localized,
    type: QuestionType,
    required: z.boolean().default(true),
    /** the choices of a `choice` question */
    options: z.array(z.object({ id: StepId, label: Localized }).strict()).min(2).max(20).optional(),
  })
  .strict()
  .refine((q) => (q.type === 'choice') === (q.options !== undefined), { message: 'a choice question has options, and only a choice question', path: ['options'] });
export type Question = z.infer<typeof Question>;


/** Where to go after a step: the first `when` that holds, else the entry without `when`, else the end. */
export const Branch = z
  .object({
    when: z
      .object({ question: StepId, equals: AnswerValue.optional(), in: z.array(AnswerValue).min(1).optional(), gte: z.number().optional(), lte: z.number().optional() })
      .strict()
      .optional(),
    /** a step id, or `end` */
    goto: StepId,
  })
  .strict();
export type Branch = z.infer<typeof Branch>;

export const Step = z
  .object({
    id: StepId,
    title: Localized,
    /** what the agent should know or do here (not said to the customer) */
    guidance: Localized.optional(),
    /** phrases the agent inserts into the reply with one click, in the customer's language */
    say: z.array(Localized).max(10).default([]),
    questions: z.array(Question).max(20).default([]),
    /** knowledge article ids or links */
    articles: z.array(z.string().min(1).max(200)).max(10).default([]),
    /** done when the agent leaves the step */
    actions: z.array(Action).max(10).default([]),
    next: z.array(Branch).max(20).default([]),
  })
  .strict();
export type Step = z.infer<typeof Step>;

export const Script = z
  .object({
    id: ScriptId,
    title: Localized,
    description: Localized.optional(),
    steps: z.array(Step).min(1).max(100),
  })
  .strict();
export type Script = z.infer<typeof Script>;
export type ScriptInput = z.input<typeof Script>;

export const END_STEP = 'end';
