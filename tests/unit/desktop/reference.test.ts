/**
 * Reference data on the desktop: the cache's ReferenceRepo (migration 005) and the `sync:reference` pull
 * (src/main/core/kernel/sync/reference.ts) against a fake transport.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newId, referenceKind, SYNC_EVENTS, type Ack, type ReferenceItem, type ReferenceRequest, type ReferenceResponse, type Team } from '../../../src/shared';
import { DIRECTORY_AGENT, DIRECTORY_TEAM } from '../../../src/shared/features/directory/reference';
import { Store } from '../../../src/main/core/kernel/store/index';
import { pullReference, type SyncRequest } from '../../../src/main/core/kernel/sync/reference';
import { cachedDirectory } from '../../../src/main/core/features/directory/cached-directory';
import { makeAgent } from './helpers/fixtures';
import { tempDir } from '../../support/temp-dir';
import { captureLogger } from './helpers/util';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function fileStore(): { store: Store; path: string } {
  const t = tempDir();
  const path = join(t.dir, 'cache.sqlite');
  const store = Store.open(path);
  cleanups.push(t.cleanup, () => store.close());
  return { store, path };
}

const team = (name: string): Team => ({ id: newId(), name });
const live = (kind: string, id: string, version: number, data: unknown, teamIds: string[] = []): ReferenceItem => ({ kind, id, version, teamIds, data, deleted: false });
const gone = (kind: string, id: string, version: number): ReferenceItem => ({ kind, id, version, teamIds: [], data: null, deleted: true });

describe('ReferenceRepo', () => {
  it('starts empty and unsynced, with the cursor at 0', () => {
    const { store } = fileStore();
    expect(store.reference.version()).toBe(0);
    expect(store.reference.scope()).toBeNull();
    expect(store.reference.synced()).toBe(false);
    expect(store.reference.list(DIRECTORY_TEAM)).toEqual([]);
  });

  it('apply stores live items by kind, removes deleted ones and moves the cursor, all in one transaction', () => {
    const { store } = fileStore();
    const a = team('Cardio');
    const b = team('Glucose');
    const agent = makeAgent({ teamIds: [a.id] });
    store.reference.apply({ items: [live('directory.team', a.id, 1, a, [a.id]), live('directory.team', b.id, 2, b, [b.id]), live('directory.agent', agent.id, 3, agent, [a.id])], next: 5 });
    expect(store.reference.version()).toBe(5);
    expect(store.reference.list(DIRECTORY_TEAM).map((t) => t.name).sort()).toEqual(['Cardio', 'Glucose']);
    expect(store.reference.get(DIRECTORY_AGENT, agent.id)).toEqual(agent);
    expect(store.reference.get(DIRECTORY_TEAM, agent.id)).toBeNull(); // kinds do not mix

    store.reference.apply({ items: [gone('directory.team', b.id, 6), live('directory.team', a.id, 7, { ...a, name: 'Cardio & Vitals' }, [a.id])], next: 7 });
    expect(store.reference.list(DIRECTORY_TEAM)).toEqual([{ ...a, name: 'Cardio & Vitals' }]);
    expect(store.reference.get(DIRECTORY_TEAM, b.id)).toBeNull();
    expect(store.reference.count()).toBe(2);
    expect(store.reference.version()).toBe(7);
  });

  it('a failing page writes nothing: items and cursor stay as they were', () => {
    const { store } = fileStore();
    const a = team('Cardio');
    store.reference.apply({ items: [live('directory.team', a.id, 1, a)], next: 1 });
    const poisoned = { kind: 'directory.team', id: newId(), version: 2, teamIds: [], deleted: false, get data(): unknown { throw new Error('boom'); } } as ReferenceItem;
    expect(() => store.reference.apply({ items: [live('directory.team', newId(), 2, team('X')), poisoned], next: 3 })).toThrow('boom');
    expect(store.reference.count()).toBe(1);
    expect(store.reference.version()).toBe(1);
  });

  it('never goes back to an older version of an item (a replayed page changes nothing)', () => {
    const { store } = fileStore();
    const a = team('New name');
    store.reference.apply({ items: [live('directory.team', a.id, 9, a)], next: 9 });
    store.reference.apply({ items: [live('directory.team', a.id, 4, { ...a, name: 'Old name' }), gone('directory.team', a.id, 3)], next: 9 });
    expect(store.reference.get(DIRECTORY_TEAM, a.id)?.name).toBe('New name');
  });

  it('leaves out items whose data does not fit the kind schema (a newer shape), keeps the rest', () => {
    const { store } = fileStore();
    const a = team('Cardio');
    store.reference.apply({ items: [live('directory.team', a.id, 1, a), live('directory.team', newId(), 2, { id: 'not-a-uuid', name: '' })], next: 2 });
    expect(store.reference.count()).toBe(2);
    expect(store.reference.list(DIRECTORY_TEAM)).toEqual([a]);
  });

  it('replace swaps everything for a complete pull and records its scope, in one step', () => {
    const { store } = fileStore();
    const a = team('Old team');
    const b = team('New team');
    store.reference.apply({ items: [live('directory.team', a.id, 1, a)], next: 1 });
    store.reference.replace({ items: [live('directory.team', b.id, 2, b), gone('directory.team', newId(), 3)], next: 4 }, 'teams:x');
    expect(store.reference.list(DIRECTORY_TEAM)).toEqual([b]);
    expect(store.reference.scope()).toBe('teams:x');
    expect(store.reference.synced()).toBe(true);
    expect(store.reference.version()).toBe(4);
  });

  it('survives closing and reopening the cache', () => {
    const { store, path } = fileStore();
    const a = team('Cardio');
    store.reference.replace({ items: [live('directory.team', a.id, 1, a)], next: 1 }, 'admin');
    store.close();
    const again = Store.open(path);
    cleanups.push(() => again.close());
    expect(again.reference.list(DIRECTORY_TEAM)).toEqual([a]);
    expect(again.reference.version()).toBe(1);
    expect(again.reference.scope()).toBe('admin');
  });
});

/** A sync:reference peer over an in-memory stream: serves pages of `limit`, records every request. */
function fakeTransport(stream: () => ReferenceItem[], scope: () => string) {
  const requests: ReferenceRequest[] = [];
  const request: SyncRequest = async <T>(event: string, payload: unknown, schema: z.ZodType<Ack<T>>): Promise<T> => {
    expect(event).toBe(SYNC_EVENTS.reference);
    const req = payload as ReferenceRequest;
    requests.push(req);
    const after = stream().filter((i) => i.version > req.after).sort((x, y) => x.version - y.version);
    const items = after.slice(0, req.limit);
    const hasMore = after.length > items.length;
    const top = Math.max(req.after, ...stream().map((i) => i.version));
    const value: ReferenceResponse = { items, next: hasMore ? items[items.length - 1]!.version : top, hasMore, scope: scope() };
    const ack = schema.parse({ ok: true, value }); // the answer goes through the same validation as a real one
    if (!ack.ok) throw new Error('refused');
    return ack.value;
  };
  return { request, requests };
}

const NOTE = referenceKind('test.note', z.object({ text: z.string() }));

describe('pullReference', () => {
  it('first pull: pages from version 0 until hasMore is false, then holds everything with the scope', async () => {
    const { store } = fileStore();
    const items = Array.from({ length: 7 }, (_, i) => live('test.note', `n${i}`, i + 1, { text: `note ${i}` }));
    const t = fakeTransport(() => items, () => 'teams:a');
    let changed = 0;
    const r = await pullReference(store, t.request, { limit: 3, onChanged: () => changed++ });
    expect(t.requests).toEqual([{ after: 0, limit: 3 }, { after: 3, limit: 3 }, { after: 6, limit: 3 }]);
    expect(r).toEqual({ items: 7, replaced: true });
    expect(store.reference.list(NOTE)).toHaveLength(7);
    expect(store.reference.version()).toBe(7);
    expect(store.reference.scope()).toBe('teams:a');
    expect(changed).toBe(1);
  });

  it('later pulls ask only after the cursor, apply page by page, and carry deletes into the cache', async () => {
    const { store } = fileStore();
    let items = [live('test.note', 'a', 1, { text: 'a' }), live('test.note', 'b', 2, { text: 'b' })];
    const t = fakeTransport(() => items, () => 'teams:a');
    await pullReference(store, t.request, { limit: 2 });
    items = [live('test.note', 'a', 1, { text: 'a' }), gone('test.note', 'b', 3), live('test.note', 'c', 4, { text: 'c' }), live('test.note', 'd', 5, { text: 'd' })];
    t.requests.length = 0;
    let changed = 0;
    const r = await pullReference(store, t.request, { limit: 2, onChanged: () => changed++ });
    expect(t.requests).toEqual([{ after: 2, limit: 2 }, { after: 4, limit: 2 }]);
    expect(r).toEqual({ items: 3, replaced: false });
    expect(store.reference.list(NOTE).map((n) => n.text)).toEqual(['a', 'c', 'd']);
    expect(store.reference.version()).toBe(5);
    expect(changed).toBe(1);
  });

  it('nothing new: one request, nothing written, no change announced', async () => {
    const { store } = fileStore();
    const items = [live('test.note', 'a', 1, { text: 'a' })];
    const t = fakeTransport(() => items, () => 'teams:a');
    await pullReference(store, t.request);
    t.requests.length = 0;
    let changed = 0;
    expect(await pullReference(store, t.request, { onChanged: () => changed++ })).toEqual({ items: 0, replaced: false });
    expect(t.requests).toEqual([{ after: 1, limit: 1000 }]);
    expect(changed).toBe(0);
  });

  it('another scope (the agent changed teams): pulls again from 0 and replaces what the old scope gave', async () => {
    const { store } = fileStore();
    let scope = 'teams:a';
    let items = [live('test.note', 'of-a', 1, { text: 'team A' }), live('test.note', 'org', 2, { text: 'everyone' })];
    const t = fakeTransport(() => items, () => scope);
    await pullReference(store, t.request);
    // now in team B: B's item is older than the cursor, A's item is simply not sent any more
    scope = 'teams:b';
    items = [live('test.note', 'of-b', 1, { text: 'team B' }), live('test.note', 'org', 2, { text: 'everyone' })];
    t.requests.length = 0;
    const r = await pullReference(store, t.request);
    expect(r.replaced).toBe(true);
    expect(t.requests).toEqual([{ after: 2, limit: 1000 }, { after: 0, limit: 1000 }]);
    expect(store.reference.list(NOTE).map((n) => n.text).sort()).toEqual(['everyone', 'team B']);
    expect(store.reference.scope()).toBe('teams:b');
  });

  it('refuses a page that breaks the ordering rules, writing nothing; the round fails and is retried', async () => {
    const { store } = fileStore();
    const log = captureLogger();
    const bad: SyncRequest = async <T>(_e: string, _p: unknown, schema: z.ZodType<Ack<T>>): Promise<T> => {
      const value: ReferenceResponse = { items: [live('test.note', 'x', 5, { text: 'SECRET-TEXT' }), live('test.note', 'y', 4, { text: 'y' })], next: 5, hasMore: false, scope: 'admin' };
      const ack = schema.parse({ ok: true, value });
      if (!ack.ok) throw new Error('refused');
      return ack.value;
    };
    await expect(pullReference(store, bad, { log })).rejects.toThrow(/inconsistent/);
    expect(store.reference.count()).toBe(0);
    expect(store.reference.synced()).toBe(false);
    expect(log.text()).toContain('items not ascending');
    expect(log.text()).not.toContain('SECRET-TEXT');
  });

  it('a scope that changes while paging restarts from 0, and gives up (to retry later) if it never settles', async () => {
    const { store } = fileStore();
    const items = Array.from({ length: 4 }, (_, i) => live('test.note', `n${i}`, i + 1, { text: `${i}` }));
    let n = 0;
    const settles = fakeTransport(() => items, () => (++n <= 2 ? `teams:${n}` : 'teams:final'));
    const r = await pullReference(store, settles.request, { limit: 2 });
    expect(r.replaced).toBe(true);
    expect(store.reference.scope()).toBe('teams:final');
    expect(store.reference.list(NOTE)).toHaveLength(4);
    expect(settles.requests.map((q) => q.after)).toEqual([0, 2, 0, 2]);

    const other = fileStore().store;
    let m = 0;
    const never = fakeTransport(() => items, () => `teams:${++m}`);
    await expect(pullReference(other, never.request, { limit: 2 })).rejects.toThrow(/kept changing/);
    expect(other.reference.synced()).toBe(false);
  });

  it('the transport failing mid-way leaves a first pull unwritten (no half directory), and the next one starts over', async () => {
    const { store } = fileStore();
    const items = Array.from({ length: 4 }, (_, i) => live('test.note', `n${i}`, i + 1, { text: `${i}` }));
    const t = fakeTransport(() => items, () => 'admin');
    let calls = 0;
    const flaky: SyncRequest = async (e, p, s) => {
      if (++calls === 2) throw new Error('ACK_TIMEOUT');
      return t.request(e, p, s);
    };
    await expect(pullReference(store, flaky, { limit: 2 })).rejects.toThrow('ACK_TIMEOUT');
    expect(store.reference.count()).toBe(0);
    await pullReference(store, flaky, { limit: 2 });
    expect(store.reference.list(NOTE)).toHaveLength(4);
  });
});

describe('cachedDirectory', () => {
  it('is null until the reference data is synced, then answers as the server would: own teams, their agents, self', () => {
    const { store } = fileStore();
    const a = team('Cardio');
    const b = team('Glucose');
    const me = makeAgent({ username: 'me', teamIds: [a.id] });
    const mate = makeAgent({ username: 'mate', teamIds: [a.id, b.id] });
    const admin = makeAgent({ username: 'admin', role: 'admin', teamIds: [] });
    expect(cachedDirectory(store, me)).toBeNull();
    store.reference.replace(
      { items: [live('directory.team', a.id, 1, a, [a.id]), live('directory.agent', me.id, 2, me, [a.id]), live('directory.agent', mate.id, 3, mate, [a.id, b.id]), live('directory.agent', admin.id, 4, admin)], next: 4 },
      `teams:${a.id}`,
    );
    const d = cachedDirectory(store, me);
    expect(d?.teams).toEqual([a]);
    // the admin's item is organisation-wide data, but the directory shows only agents who share a team (as GET /api/directory)
    expect(d?.agents.map((x) => x.username)).toEqual(['mate', 'me']);
  });
});
