import { z } from 'zod';
import { DeviceKind } from '../../kernel/customer';
import { ArticleCategory, ArticleLocale, Slug } from './article';

/**
 * "Create an article from this case" (issue 14): what an agent sends into the review queue. The desktop prefills it
 * from a solved case (`proposeFromCase`), the agent edits it, and the `knowledge.draft` change carries it (offline
 * too); the server turns it into an article `in_review` for a lead to publish. Never published by this path.
 */
export const DraftArticle = z
  .object({
    locale: ArticleLocale,
    title: z.string().trim().min(1).max(300),
    category: ArticleCategory,
    summary: z.string().trim().max(1000),
    products: z.array(z.string().trim().min(1).max(100)).max(20),
    deviceKinds: z.array(DeviceKind).max(5),
    body: z.string().trim().min(1).max(20_000),
  })
  .strict();
export type DraftArticle = z.infer<typeof DraftArticle>;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
// a phone number: 7+ digits, with the usual separators and an optional leading +
const PHONE = /\+?\d[\d\s().-]{5,}\d/g;
// a serial, an order or a lot number: letters and digits mixed, 6 or more
const SERIAL = /\b(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{5,}\b/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What an article drafted from a case must not carry: the customer's e-mail addresses, phone numbers, serial and
 * order numbers, and their name (each part of it, as a whole word; Chinese names as written). A knowledge article
 * is read by every agent and sent to other customers.
 */
export function redactPersonal(text: string, names: readonly string[]): string {
  let out = text.replace(EMAIL, '[email]').replace(SERIAL, '[number]').replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 7 ? '[phone]' : m));
  const parts = names.flatMap((n) => n.split(/[\s,]+/)).filter((p) => p.length >= 2 || /[\u3400-\u9fff]/.test(p));
  for (const p of [...new Set(parts)].sort((a, b) => b.length - a.length)) {
    const cjk = /[\u3400-\u9fff]/.test(p);
    out = out.replace(new RegExp(cjk ? escape(p) : `(?<![\\p{L}\\p{N}])${escape(p)}(?![\\p{L}\\p{N}])`, cjk ? 'g' : 'giu'), '[name]');
  }
  return out;
}

/** The slug the server starts from (it adds `-2`, `-3` … when taken): the title's words, else `case-<id>`. */
export function draftSlug(title: string, caseId: string): string {
  const words = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const slug = words.length >= 3 ? words : `case-${caseId.replace(/[^0-9a-f]/gi, '').slice(-12).toLowerCase()}`;
  return Slug.parse(slug);
}

export interface CaseForDraft {
  caseId: string;
  subject: string;
  locale: ArticleLocale;
  customerNames: readonly string[];
  /** the customer's device on record */
  device: { kind: DeviceKind; model: string } | null;
  /** what the customer wrote on the case, oldest first */
  asked: readonly string[];
  /** what agents replied on the case, oldest first */
  answered: readonly string[];
  /** the category of the article the case's replies carried or the panel ranks first, when there is one */
  category: z.infer<typeof ArticleCategory> | null;
}

const clip = (s: string, n: number) => {
  const t = s.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  return t.length <= n ? t : `${t.slice(0, n).replace(/\s+\S*$/, '')} …`;
};
// a reply's greeting and sign-off say nothing an article needs
const courtesy = (s: string) =>
  s
    .split('\n')
    .filter((l) => !/^\s*(hi|hello|dear|thanks?|thank you|best|regards|kind regards|cheers|您好|你好|谢谢|此致|祝好)\b[\s\S]{0,40}$/iu.test(l))
    .join('\n');

/**
 * The draft an agent starts from: the case's subject as the title, the customer's question and the replies that
 * solved it, with personal details taken out. The agent edits it before it goes for review.
 */
export function proposeFromCase(c: CaseForDraft): DraftArticle {
  const zh = c.locale === 'zh-CN';
  const red = (s: string) => redactPersonal(s, c.customerNames);
  const question = c.asked.length ? red(clip(c.asked[0]!, 800)) : '';
  const answers = c.answered.slice(-2).map((a) => red(clip(courtesy(a), 1500))).filter((a) => a !== '');
  const title = red(c.subject.trim()) || (zh ? '来自已解决工单的新文章' : 'New article from a solved case');
  const body = [
    zh ? '## 问题' : '## The problem',
    question || (zh ? '（客户描述的问题）' : '(what the customer described)'),
    '',
    zh ? '## 解决方法' : '## What solved it',
    answers.length ? answers.join('\n\n') : zh ? '（解决步骤）' : '(the steps that solved it)',
    '',
  ].join('\n');
  return {
    locale: c.locale,
    title: title.slice(0, 300),
    category: c.category ?? 'setup',
    summary: clip(question.split('\n')[0] ?? '', 200),
    products: c.device ? [c.device.model] : [],
    deviceKinds: c.device ? [c.device.kind] : [],
    body,
  };
}
