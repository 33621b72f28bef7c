/**
 * Identity matching accuracy on the labelled set tests/fixtures/identity/contacts.json (≥ 300 contacts with
 * ambiguous cases: shared family phone, email typos, same name different person). Target ≥ 98 % correct and
 * NO wrong automatic join (a contact joined to a customer it does not belong to). A contact labelled null
 * must become a new customer (a merge suggestion is fine: an agent decides).
 */
import { readFileSync } from 'node:fs';
import { resolveContact } from '../../src/server/features/identity/index';
import { migrate, openPglite } from '../../src/server/kernel/db/index';
import { appendEvents } from '../../src/server/kernel/events/append';
import { insertTeams } from '../../src/server/features/directory';
import { DEMO_TEAMS } from '../../src/server/seed';
import type { Customer } from '../../src/shared/kernel/customer';
import { newId } from '../../src/shared/kernel/ids';
import { record } from './lib';

interface Fixture {
  existing: Array<{ id: string; name: string; emails: string[]; phones: string[]; socialHandles: Customer['socialHandles'] }>;
  contacts: Array<{ id: string; kind: string; identity: { email?: string; phone?: string; social?: Customer['socialHandles'][number]; displayName?: string }; expected: string | null }>;
}

export async function evaluateIdentity(): Promise<{ total: number; correct: number; wrongJoins: number; byKind: Map<string, { n: number; ok: number }> }> {
  const fx = JSON.parse(readFileSync(new URL('../fixtures/identity/contacts.json', import.meta.url), 'utf8')) as Fixture;
  const db = await openPglite({ dataDir: null });
  try {
    await migrate(db);
    await insertTeams(db, [DEMO_TEAMS.glucose]);
    const idOf = new Map<string, string>();
    const at = new Date().toISOString();
    const events = fx.existing.map((c) => {
      const id = newId();
      idOf.set(id, c.id);
      const customer: Customer = { id, teamId: DEMO_TEAMS.glucose.id, name: c.name, emails: c.emails, phones: c.phones, socialHandles: c.socialHandles, language: 'en', segment: 'adult', vip: false, devices: [], createdAt: at, updatedAt: at };
      return { id: newId(), seq: null, customerId: id, caseId: null, threadId: null, channel: 'internal' as const, kind: 'customer.created' as const, author: { type: 'system' as const, id: null, name: null }, body: null, occurredAt: at, meta: { customer } };
    });
    await db.transaction((tx) => appendEvents(tx, events));
    let correct = 0;
    let wrongJoins = 0;
    const byKind = new Map<string, { n: number; ok: number }>();
    for (const c of fx.contacts) {
      const d = await resolveContact(db, c.identity);
      const got = d.kind === 'join' ? (idOf.get(d.customerId) ?? '?') : null;
      const ok = got === c.expected;
      if (ok) correct++;
      if (got !== null && got !== c.expected) wrongJoins++;
      const k = byKind.get(c.kind) ?? { n: 0, ok: 0 };
      k.n++;
      if (ok) k.ok++;
      byKind.set(c.kind, k);
    }
    return { total: fx.contacts.length, correct, wrongJoins, byKind };
  } finally {
    await db.close();
  }
}

export async function benchIdentity(): Promise<void> {
  console.log('\nIdentity matching (labelled set tests/fixtures/identity/contacts.json)');
  const r = await evaluateIdentity();
  for (const [kind, k] of r.byKind) console.log(`    ${kind.padEnd(40)} ${k.ok}/${k.n}`);
  record({ id: 'identity.contacts', value: r.total, unit: 'contacts', target: '>= 300' });
  record({ id: 'identity.accuracy_pct', value: (100 * r.correct) / r.total, unit: '%', target: '>= 98' });
  record({ id: 'identity.wrong_auto_joins', value: r.wrongJoins, unit: 'contacts', target: '<= 0' });
}
