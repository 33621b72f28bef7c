/**
 * Issue 9, finding 2: "demo accounts with published passwords on any empty database". The server process on a
 * fresh PostgreSQL database (no --demo) seeds no demo data: it creates one admin with a one-time password, printed
 * once on stderr (never in the JSON log), which must be changed at the first sign-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse } from '../../../src/shared/contracts/http';
import { createScratchDatabase, type ScratchDatabase } from '../../support/postgres';
import { startServerProcess, type ServerProcess } from '../../support/server-proc';
import { POSTGRES_PROBLEM, REQUIRE_SERVICES } from '../helpers/databases';

const skip = POSTGRES_PROBLEM !== null && !REQUIRE_SERVICES;

describe.skipIf(skip)(skip ? `SKIPPED: PostgreSQL not reachable (${POSTGRES_PROBLEM})` : 'first start on a fresh PostgreSQL database', () => {
  let scratch: ScratchDatabase;
  let server: ServerProcess;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    server = await startServerProcess({ databaseUrl: scratch.url, demo: false, name: 'server-first-start' });
  }, 180_000);
  afterAll(async () => {
    await server?.dispose();
    await scratch?.drop();
  });

  const login = (username: string, password: string) =>
    fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

  it('creates no demo accounts, one admin with a one-time password printed once on stderr', async () => {
    expect((await login('alice', 'omnidesk-agent')).status).toBe(401);
    expect((await login('admin', 'omnidesk-admin')).status).toBe(401);
    const m = /one-time password: (\S+)/.exec(server.output());
    expect(m).not.toBeNull();
    const password = m![1]!;
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(server.stdout()).not.toContain(password);
    const res = await login('admin', password);
    expect(res.status).toBe(200);
    const s = LoginResponse.parse(await res.json());
    expect(s.mustChangePassword).toBe(true);
    const dir = await fetch(`${server.url}/api/directory`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(dir.status).toBe(403);

    // restarted: nothing printed again, the same admin
    await server.stop();
    await server.start();
    expect(server.output()).not.toMatch(/one-time password/);
    expect((await login('admin', password)).status).toBe(200);
  });
});
