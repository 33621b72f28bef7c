import { createHash, createHmac } from 'node:crypto';
import { AuditEntry, auditHashInput, chainVerifier, GENESIS_HASH, normaliseSearchText, type AuditInput, type AuditListQuery, type AuditVerifyResponse } from '../../../shared/features/audit';
import { newId } from '../../../shared/kernel/ids';
import { bulkInsert } from '../../kernel/db/bulk';
import { toIso, toNumber, type Db, type Queryable } from '../../kernel/db/types';

/** Serialises writers of the chain (several server instances share it): held to commit. */
const AUDIT_LOCK = 7_300_010;

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Appends entries to the chain inside the caller's transaction (so an audited change and its entry commit together):
 * takes the chain lock, reads the head, links each entry and writes them with ONE insert, then moves the head.
 */
export async function appendAudit(tx: Queryable, inputs: readonly AuditInput[]): Promise<AuditEntry[]> {
  if (inputs.length === 0) return [];
  await tx.query('select pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  const { rows: head } = await tx.query<{ seq: unknown; hash: string }>('select seq, hash from audit_head where id = 1');
  let seq = head[0] ? toNumber(head[0].seq) : 0;
  let prevHash = head[0]?.hash ?? GENESIS_HASH;
  const now = new Date().toISOString();
  const entries: AuditEntry[] = inputs.map((i) => {
    seq++;
    const body = {
      seq,
      id: newId(),
      at: new Date(i.at ?? now).toISOString(),
      actorId: i.actorId,
      actorRole: i.actorRole,
      action: i.action,
      customerIds: [...(i.customerIds ?? [])],
      detail: { ...(i.detail ?? {}) },
    };
    const hash = sha256Hex(auditHashInput(prevHash, body));
    const e = { ...body, prevHash, hash };
    prevHash = hash;
    return e;
  });
  await bulkInsert(
    tx,
    'audit_log',
    { seq: 'bigint', id: 'uuid', at: 'timestamptz', actor_id: 'uuid', actor_role: 'text', action: 'text', customer_ids: 'jsonb', detail: 'jsonb', prev_hash: 'text', hash: 'text' },
    entries.map((e) => ({
      seq: e.seq,
      id: e.id,
      at: e.at,
      actor_id: e.actorId,
      actor_role: e.actorRole,
      action: e.action,
      customer_ids: e.customerIds,
      detail: e.detail,
      prev_hash: e.prevHash,
      hash: e.hash,
    })),
  );
  const last = entries[entries.length - 1]!;
  await tx.query(
    'insert into audit_head (id, seq, hash) values (1, $1, $2) on conflict (id) do update set seq = excluded.seq, hash = excluded.hash',
    [last.seq, last.hash],
  );
  return entries;
}

/**
 * Records audit entries in a transaction of their own. What other features call (role change, erasure, export,
 * merge); inside a transaction that already changes something, call `appendAudit(tx, …)` instead.
 */
export async function recordAudit(db: Db, inputs: AuditInput | readonly AuditInput[]): Promise<AuditEntry[]> {
  const list = Array.isArray(inputs) ? (inputs as readonly AuditInput[]) : [inputs as AuditInput];
  return db.transaction((tx) => appendAudit(tx, list));
}

/**
 * The keyed hash of a search (HMAC-SHA256 of the normalised text; the key is derived from the server secret for SEARCH_KEY_PURPOSE): the same
 * search gives the same hash, so an investigator who knows a text can find who searched it; the text is never stored.
 */
export const SEARCH_KEY_PURPOSE = 'audit-search-v1';
export function searchHasher(key: Buffer): (text: string) => string {
  return (text) => createHmac('sha256', key).update(normaliseSearchText(text), 'utf8').digest('hex');
}

interface AuditRow {
  seq: unknown;
  id: string;
  at: unknown;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  customer_ids: string[];
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}
const COLUMNS = 'seq, id, at, actor_id, actor_role, action, customer_ids, detail, prev_hash, hash';

/** A stored row as an entry, exactly as written (an edited row that no longer parses still verifies as edited). */
function rowToEntry(r: AuditRow): AuditEntry {
  return {
    seq: toNumber(r.seq),
    id: r.id,
    at: toIso(r.at),
    actorId: r.actor_id,
    actorRole: r.actor_role as AuditEntry['actorRole'],
    action: r.action as AuditEntry['action'],
    customerIds: r.customer_ids,
    detail: r.detail as AuditEntry['detail'],
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

type Filters = Omit<AuditListQuery, 'before' | 'limit'>;
function where(f: Filters, params: unknown[]): string {
  const parts: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    parts.push(sql.replace('$?', `$${params.length}`));
  };
  if (f.actorId) add('actor_id = $?', f.actorId);
  if (f.customerId) add('customer_ids @> $?::text::jsonb', JSON.stringify([f.customerId]));
  if (f.action) add('action = $?', f.action);
  if (f.from) add('at >= $?', f.from);
  if (f.to) add('at < $?', f.to);
  return parts.length ? `where ${parts.join(' and ')}` : '';
}

/** Newest first, filtered, paged by seq. */
export async function listAudit(db: Queryable, q: AuditListQuery): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
  const params: unknown[] = [];
  let w = where(q, params);
  if (q.before) {
    params.push(q.before);
    w = `${w ? `${w} and` : 'where'} seq < $${params.length}`;
  }
  params.push(q.limit + 1);
  const { rows } = await db.query<AuditRow>(`select ${COLUMNS} from audit_log ${w} order by seq desc limit $${params.length}`, params);
  const entries = rows.slice(0, q.limit).map(rowToEntry);
  return { entries, nextBefore: rows.length > q.limit ? (entries[entries.length - 1]?.seq ?? null) : null };
}

/** Every entry matching the filters, oldest first (export), in pages. */
export async function* exportAudit(db: Queryable, f: Filters, page = 5000): AsyncGenerator<AuditEntry[]> {
  let after = 0;
  for (;;) {
    const params: unknown[] = [];
    const w = where(f, params);
    params.push(after, page);
    const { rows } = await db.query<AuditRow>(
      `select ${COLUMNS} from audit_log ${w ? `${w} and` : 'where'} seq > $${params.length - 1} order by seq limit $${params.length}`,
      params,
    );
    if (rows.length === 0) return;
    const entries = rows.map(rowToEntry);
    yield entries;
    after = entries[entries.length - 1]!.seq;
    if (rows.length < page) return;
  }
}

/** Walks the whole chain in seq order and checks every link and the recorded head. */
export async function verifyAudit(db: Queryable, page = 5000): Promise<AuditVerifyResponse> {
  const v = chainVerifier(sha256Hex);
  let after = 0;
  outer: for (;;) {
    const { rows } = await db.query<AuditRow>(`select ${COLUMNS} from audit_log where seq > $1 order by seq limit $2`, [after, page]);
    for (const r of rows) {
      const e = rowToEntry(r);
      if (!v.push(e)) break outer;
      after = e.seq;
    }
    if (rows.length < page) break;
  }
  const { rows: head } = await db.query<{ seq: unknown; hash: string }>('select seq, hash from audit_head where id = 1');
  const res = v.result(head[0] ? { seq: toNumber(head[0].seq), hash: head[0].hash } : { seq: 0, hash: GENESIS_HASH });
  return { ok: res.ok, checked: res.checked, problem: res.problem };
}
