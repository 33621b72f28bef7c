/**
 * Reference data end to end: a real desktop core against a real server. After its first sync the desktop holds
 * the directory as reference items, follows changes and deletes made on the server, and answers directory.get
 * from its cache with the server stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/core/kernel/bridge/dispatch';
import { DesktopCore } from '../../../src/main/core/desktop-core';
import { DIRECTORY_TEAM, teamReference } from '../../../src/shared/features/directory/reference';
import { DirectoryResponse, OmnideskError, type BridgeInput, type BridgeMethod, type BridgeOutput } from '../../../src/shared';
import { deleteReference, putReference } from '../../../src/server/kernel/reference';
import { DEMO_TEAMS, demoAgent, SHOWCASE_CUSTOMER_ID } from '../../../src/server/seed';
import { tempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait-for';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { passwordOf, startTestServer, type TestServer } from '../helpers/server';

describe('desktop core holds the directory as reference data', () => {
  let database: TestDatabase;
  let ts: TestServer;
  let core: DesktopCore;
  let dir: ReturnType<typeof tempDir>;
  let call: <M extends BridgeMethod>(method: M, input: BridgeInput<M>) => Promise<BridgeOutput<M>>;
  const seq = async () => Number((await database.db.query<{ m: string | null }>('select max(seq) as m from events')).rows[0]?.m ?? 0);
  const synced = () =>
    waitFor(async () => {
      const [s, top] = await Promise.all([call('sync.status', {}), seq()]);
      return s.state === 'online' && s.pending === 0 && s.cursor >= top ? s : null;
    }, { timeoutMs: 20_000, what: 'desktop synced' });

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    ts = await startTestServer(database.db, { customers: 4 });
    dir = tempDir('omnidesk-ref-desk-');
    core = new DesktopCore({ dataDir: dir.dir, defaultServerUrl: ts.baseUrl, sync: { reconnectionDelay: 50, reconnectionDelayMax: 300 } });
    const dispatch = createDispatcher(core.handlers);
    call = async (method, input) => {
      const r = await dispatch(method, input);
      if (!r.ok) throw new OmnideskError(r.error.code, r.error.message);
      return r.value as never;
    };
    await call('session.login', { username: 'alice', password: passwordOf('alice') });
    await synced();
  });

  afterAll(async () => {
    await core?.dispose();
    dir?.cleanup();
    await ts?.close();
    await database?.dispose();
  });

  it('after the first sync, directory.get answers from the cache exactly what GET /api/directory answers', async () => {
    const res = await fetch(`${ts.baseUrl}/api/directory`, { headers: { authorization: `Bearer ${await ts.token('alice')}` } });
    const http = DirectoryResponse.parse(await res.json());
    expect(await call('directory.get', {})).toEqual(http);
    expect(http.teams.map((t) => t.id)).toEqual([DEMO_TEAMS.glucose.id]);
  });

  it('follows changes and deletes made on the server, and keeps serving them with the server stopped', async () => {
    const glucose = DEMO_TEAMS.glucose;
    const mei = demoAgent('mei');
    // only the reference items change (the teams table keeps the old name): what follows can only come from them
    await database.db.transaction(async (tx) => {
      await putReference(tx, DIRECTORY_TEAM, [teamReference({ ...glucose, name: 'Glucose & Metabolic (renamed)' })]);
      await deleteReference(tx, 'directory.agent', mei.id);
    });
    // any round pulls the reference stream after the events: a note of hers makes one
    await call('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId: null, threadId: null, body: 'reference sync round' });
    const d = await waitFor(async () => {
      const x = await call('directory.get', {});
      return x.teams[0]?.name === 'Glucose & Metabolic (renamed)' ? x : null;
    }, { timeoutMs: 20_000, what: 'the renamed team on the desktop' });
    expect(d.agents.map((a) => a.username)).not.toContain('mei');
    expect(d.agents.map((a) => a.username)).toContain('alice');
    await synced();

    await ts.close();
    await waitFor(async () => ((await call('sync.status', {})).state === 'offline' ? true : null), { timeoutMs: 10_000, what: 'offline' });
    const offline = await call('directory.get', {});
    expect(offline).toEqual(d);
    expect(offline.teams).toEqual([{ id: glucose.id, name: 'Glucose & Metabolic (renamed)' }]);
  });
});
