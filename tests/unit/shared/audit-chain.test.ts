import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditHashInput, auditToCsv, chainVerifier, GENESIS_HASH, normaliseSearchText, type AuditEntry } from '../../../src/shared/features/audit';
import { deterministicId } from '../../../src/shared/kernel/ids';

const sha = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
const T = Date.UTC(2026, 0, 1);

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const body = { seq, id: deterministicId(T, seq), at: new Date(T + seq * 1000).toISOString(), actorId: deterministicId(T, 900), actorRole: 'agent' as const, action: 'customer.opened' as const, customerIds: [deterministicId(T, 500 + seq)], detail: { opens: seq, b: 'x', a: null } };
    const hash = sha(auditHashInput(prev, body));
    out.push({ ...body, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}
const verify = (rows: AuditEntry[], head?: { seq: number; hash: string }) => {
  const v = chainVerifier(sha);
  for (const r of rows) if (!v.push(r)) break;
  return v.result(head);
};

describe('the audit hash chain (pure)', () => {
  const rows = chain(6);
  const head = { seq: 6, hash: rows[5]!.hash };
  const cases: Array<[string, (r: AuditEntry[]) => AuditEntry[], { seq: number; kind: string } | null]> = [
    ['intact', (r) => r, null],
    ['an edited field', (r) => r.map((e) => (e.seq === 3 ? { ...e, actorId: null } : e)), { seq: 3, kind: 'edited' }],
    ['an edited detail', (r) => r.map((e) => (e.seq === 2 ? { ...e, detail: { ...e.detail, opens: 99 } } : e)), { seq: 2, kind: 'edited' }],
    ['a removed row', (r) => r.filter((e) => e.seq !== 4), { seq: 4, kind: 'removed' }],
    ['a removed tail (the head says 6)', (r) => r.filter((e) => e.seq <= 4), { seq: 5, kind: 'removed' }],
    ['a row rewritten with a fresh hash', (r) => r.map((e) => (e.seq === 5 ? { ...e, detail: {}, hash: sha(auditHashInput(e.prevHash, { ...e, detail: {} })) } : e)), { seq: 6, kind: 'relinked' }],
  ];
  it.each(cases)('%s', (_name, tamper, problem) => {
    const v = verify(tamper(rows), head);
    expect(v.problem).toEqual(problem);
    expect(v.ok).toBe(problem === null);
  });
  it('detail key order does not matter (jsonb reorders keys)', () => {
    const e = rows[0]!;
    const { hash, prevHash, ...rest } = e;
    expect(sha(auditHashInput(prevHash, { ...rest, detail: { opens: 1, a: null, b: 'x' } }))).toBe(hash);
  });
  it('search text is normalised before it is hashed', () => {
    expect(normaliseSearchText('  Margaret\tCHEN  ')).toBe('margaret chen');
    expect(normaliseSearchText('ＡＢＣ')).toBe('abc');
  });
  it('CSV: one header, one line per entry, quoted where needed', () => {
    const csv = auditToCsv(rows.slice(0, 2)).split('\r\n');
    expect(csv[0]).toBe('seq,id,at,actorId,actorRole,action,customerIds,detail,prevHash,hash');
    expect(csv).toHaveLength(4);
    expect(csv[1]).toContain('"{""opens"":1');
    const evil = auditToCsv([{ ...rows[0]!, detail: { note: '=HYPERLINK("x")' } }]).split('\r\n')[1]!;
    expect(evil).toContain(`"{""note"":""=HYPERLINK`); // inside JSON: not at the start of a cell
    expect(auditToCsv([{ ...rows[0]!, actorRole: null, actorId: null, action: 'audit.exported', customerIds: [] }])).not.toMatch(/,=/);
  });
});
