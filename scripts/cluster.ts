/**
 * `npm run cluster`: several server instances on one PostgreSQL behind HAProxy, on this machine (issue 17) — the
 * deployment of deploy/docker-compose.yml without containers. Needs DATABASE_URL (a database the instances share) and
 * Debian's haproxy. OMNIDESK_INSTANCES (3) instances listen on PORT+1…; the balancer listens on PORT (4010): point
 * desktops and customers there. The first instance migrates (and seeds the demo with OMNIDESK_DEMO=1) before the
 * others start. Ctrl-C stops everything (each instance drains first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { haproxyConfig } from './haproxy-config';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('npm run cluster needs DATABASE_URL: the PostgreSQL database every instance shares.');
  process.exit(2);
}
const port = Number(process.env.PORT ?? 4010);
const n = Number(process.env.OMNIDESK_INSTANCES ?? 3);
if (!Number.isInteger(n) || n < 1 || n > 16) {
  console.error('OMNIDESK_INSTANCES must be 1–16.');
  process.exit(2);
}
// one secret for all: a token any instance issued is valid on every other
const secret = process.env.OMNIDESK_JWT_SECRET ?? randomBytes(32).toString('base64url');
const dir = mkdtempSync(join(tmpdir(), 'omnidesk-cluster-'));
const children: ChildProcess[] = [];

async function ready(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await fetch(`${url}/api/ready`).catch(() => null))?.ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become ready`);
}

function instance(i: number): { url: string; child: ChildProcess } {
  const p = port + i;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts'], {
    env: { ...process.env, PORT: String(p), OMNIDESK_CLUSTER: 'postgres', OMNIDESK_JWT_SECRET: secret, OMNIDESK_DATA_DIR: join(dir, `server-${i}`), OMNIDESK_TRUST_PROXY: process.env.OMNIDESK_TRUST_PROXY ?? '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return { url: `http://127.0.0.1:${p}`, child };
}

async function main(): Promise<void> {
  const first = instance(1);
  await ready(first.url);
  const rest = Array.from({ length: n - 1 }, (_, k) => instance(k + 2));
  await Promise.all(rest.map((r) => ready(r.url)));
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(cfg, haproxyConfig(`127.0.0.1:${port}`, Array.from({ length: n }, (_, k) => ({ name: `server${k + 1}`, address: `127.0.0.1:${port + k + 1}` }))));
  const lb = spawn(process.env.HAPROXY ?? '/usr/sbin/haproxy', ['-db', '-f', cfg], { stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(lb);
  await ready(`http://127.0.0.1:${port}`);
  console.error(`Omnidesk cluster: ${n} instances behind HAProxy at http://127.0.0.1:${port} (instances on ${port + 1}–${port + n}). Ctrl-C stops it.`);
}

function stop(): void {
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  stop();
  process.exitCode = 1;
});
