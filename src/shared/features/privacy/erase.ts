import type { Case, Thread } from '../../kernel/case';
import type { Customer } from '../../kernel/customer';
import type { Event } from '../../kernel/event';

/**
 * Erasure of a customer's personal data (GDPR, PIPL; issue 9): the pure rules the server (its log and
 * projections) and every desktop cache (on `customer.erased`) apply, so both scrub exactly the same fields.
 * Structure stays (ids, kinds, times, statuses) so projections and the log stay consistent; everything that
 * can identify the person or tells their health story becomes the tombstone ERASED (or null / empty).
 */
export const ERASED = '[erased]';

export function eraseCustomer(c: Customer): Customer {
  return { ...c, name: ERASED, emails: [], phones: [], socialHandles: [], devices: [] };
}

export function eraseCase(k: Case): Case {
  return { ...k, subject: ERASED };
}

export function eraseThread(t: Thread): Thread {
  return { ...t, subject: t.subject === null ? null : ERASED };
}

const text = (s: string | null): string | null => (s === null ? null : ERASED);

/** One event of the erased customer with its personal data replaced (ids, kind, times and statuses kept). */
export function eraseEvent(e: Event): Event {
  const base = { ...e, body: text(e.body), author: e.author.type === 'customer' ? { ...e.author, name: null } : e.author };
  switch (base.kind) {
    case 'customer.created':
      return { ...base, meta: { customer: eraseCustomer(base.meta.customer) } };
    case 'customer.updated':
      return { ...base, meta: { patch: base.meta.patch.name === undefined ? base.meta.patch : { ...base.meta.patch, name: ERASED } } };
    case 'case.opened':
      return { ...base, meta: { case: eraseCase(base.meta.case) } };
    case 'thread.opened':
      return { ...base, meta: { thread: eraseThread(base.meta.thread) } };
    case 'message.received': {
      const { html: _html, bounceReport: _report, attachments, parts, ...meta } = base.meta;
      return { ...base, meta: { ...meta, subject: text(meta.subject), ...(attachments ? { attachments: [] } : {}), ...(parts ? { parts: [] } : {}) } };
    }
    case 'message.reacted':
      return { ...base, meta: { ...base.meta, emoji: '' } };
    case 'message.attachment_stored':
      return { ...base, meta: { ...base.meta, attachment: { ...base.meta.attachment, filename: ERASED } } };
    case 'message.sent':
      return { ...base, meta: { ...base.meta, subject: text(base.meta.subject) } };
    case 'call.started':
      return { ...base, meta: { ...base.meta, from: ERASED, to: ERASED } };
    case 'call.ended':
      return { ...base, meta: { ...base.meta, recordingUrl: null } };
    case 'customer.merged':
    case 'customer.unmerged':
      return { ...base, meta: { ...base.meta, identities: [] } };
    default:
      return base;
  }
}
