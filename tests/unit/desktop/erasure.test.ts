/** A pulled `customer.erased` scrubs the cache (issue 9): events, projections, threads, the outbox; the bytes leave the file. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitLocalChange } from '../../../src/main/core/kernel/mutations';
import { storeSyncStorage } from '../../../src/main/core/kernel/store/index';
import { ERASED, newId, type Event } from '../../../src/shared';
import { cleanupAfterEach } from '../../support/cleanups';
import { openStore, pullEvents, tempCachePath } from '../../support/temp-store';
import { at, caseOpened, customerCreated, makeAgent, makeCase, makeCustomer, makeThread, messageReceived, SYSTEM, threadOpened } from './helpers/fixtures';

const defer = cleanupAfterEach();

describe('desktop cache: customer.erased', () => {
  it('scrubs the customer, its cases, threads and events, drops its pending changes, keeps other customers, and compacts the file', () => {
    const path = tempCachePath(defer);
    const store = openStore(defer, path);
    const teamId = newId();
    const agent = makeAgent({ teamIds: [teamId] });
    const victim = makeCustomer(teamId, { name: 'Erin Sentinel-Name', emails: ['erin.sentinel@example.org'], phones: ['+14155550199'] });
    const other = makeCustomer(teamId, { name: 'Olga Keeps' });
    const k = makeCase(victim, { subject: 'sentinel subject: pump alarm' });
    const t = makeThread(k, { channel: 'email', subject: 'sentinel subject: pump alarm' });
    pullEvents(store, [customerCreated(victim), customerCreated(other), caseOpened(k), threadOpened(t), messageReceived(t, 'sentinel body: my glucose was 41', at(1))]);
    // an agent's note on the customer, not synced yet, and one on the other customer
    commitLocalChange(store, agent, { name: 'note.add', args: { customerId: victim.id, caseId: k.id, threadId: null, body: 'sentinel pending note' } });
    const kept = commitLocalChange(store, agent, { name: 'note.add', args: { customerId: other.id, caseId: null, threadId: null, body: 'other note stays' } });
    store.indexPending(); // the bodies are in the full-text index too

    const erased = { id: newId(), customerId: victim.id, caseId: null, threadId: null, channel: 'internal', kind: 'customer.erased', author: SYSTEM, body: null, meta: { erasureId: newId() }, occurredAt: at(5) } as Omit<Event, 'seq'>;
    const storage = storeSyncStorage(store);
    storage.applyPulledPage({ events: [{ ...erased, seq: store.meta.cursor() + 1 } as Event], cursor: store.meta.cursor() + 1, hasMore: false });

    expect(store.customers.get(victim.id)).toMatchObject({ name: ERASED, emails: [], phones: [] });
    expect(store.customers.serverCopy(victim.id)?.name).toBe(ERASED);
    expect(store.cases.get(k.id)?.subject).toBe(ERASED);
    expect(store.customers.get(other.id)?.name).toBe('Olga Keeps');
    expect(store.outbox.pendingBatch(10).map((m) => m.id)).toEqual([kept.id]);

    store.close();
    const files = readdirSync(dirname(path)).filter((f) => f.startsWith('cache.sqlite'));
    const all = Buffer.concat(files.map((f) => readFileSync(join(dirname(path), f))));
    for (const text of ['Erin Sentinel-Name', 'erin.sentinel@example.org', '+14155550199', 'sentinel subject', 'my glucose was 41', 'sentinel pending note']) {
      expect(all.includes(Buffer.from(text)), `the cache files still hold "${text}"`).toBe(false);
    }
    expect(all.includes(Buffer.from('Olga Keeps'))).toBe(true);
  });
});
