import type { CustomerExport } from '../../../shared/contracts/http';
import type { Case, Thread } from '../../../shared/kernel/case';
import type { Db } from '../../kernel/db/types';
import { toIso } from '../../kernel/db/types';
import { attachmentHashes, customerEvents, loadCustomer } from './erase';

/**
 * Everything the server holds about one customer (GDPR / PIPL access and portability): the customer, its
 * identity keys, cases, threads, every event of its log, the attachments its messages carry (bytes as base64
 * where stored) and the erasures already done. Read in one transaction, so it is one consistent picture.
 */
export async function exportCustomer(db: Db, customerId: string, clock: () => Date = () => new Date()): Promise<CustomerExport> {
  return db.transaction(async (tx) => {
    const customer = await loadCustomer(tx, customerId);
    const identities = (
      await tx.query<{ kind: 'email' | 'phone' | 'social'; value: string }>('select kind, value from customer_identities where customer_id = $1 order by kind, value', [customerId])
    ).rows.map((r) => ({ kind: r.kind, value: r.value }));
    const cases = (await tx.query<{ data: Case }>('select data from cases where customer_id = $1 order by opened_at', [customerId])).rows.map((r) => r.data);
    const threads = (await tx.query<{ data: Thread }>('select data from threads where customer_id = $1 order by opened_at', [customerId])).rows.map((r) => r.data);
    const events = await customerEvents(tx, customerId);
    const hashes = attachmentHashes(events);
    const stored = hashes.length
      ? (await tx.query<{ sha256: string; size: number; content: Uint8Array }>('select sha256, size, content from attachments where sha256 = any($1::text[])', [hashes])).rows
      : [];
    const bytes = new Map(stored.map((r) => [r.sha256, r]));
    const attachments = hashes.map((sha256) => {
      const r = bytes.get(sha256);
      return { sha256, size: r ? Number(r.size) : 0, contentBase64: r ? Buffer.from(r.content).toString('base64') : null };
    });
    const erasures = (await tx.query<{ id: string; erased_at: unknown }>('select id, erased_at from erasures where customer_id = $1 order by erased_at', [customerId])).rows.map((r) => ({
      id: r.id,
      erasedAt: toIso(r.erased_at),
    }));
    return { exportedAt: clock().toISOString(), customer, identities, cases, threads, events, attachments, erasures };
  });
}
