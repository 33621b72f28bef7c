/** A real load balancer (Debian's HAProxy) in front of several server processes, started by a test (issue 17). */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { haproxyConfig } from '../../scripts/haproxy-config';
import { freePort } from './processes';
import { tempDir } from './temp-dir';
import { waitFor } from './wait-for';

export const HAPROXY = '/usr/sbin/haproxy';

/** null when HAProxy can run here, else why not. */
export function haproxyProblem(): string | null {
  const r = spawnSync(HAPROXY, ['-v'], { encoding: 'utf8' });
  return r.status === 0 ? null : `${HAPROXY} not runnable (${r.error?.message ?? r.stderr?.trim() ?? 'unknown'})`;
}

export interface Balancer {
  url: string;
  close(): Promise<void>;
}

/** HAProxy over `ports` with the project's configuration (scripts/haproxy-config.ts). */
export async function startHaproxy(ports: readonly number[]): Promise<Balancer> {
  const port = await freePort();
  const dir = tempDir('omnidesk-haproxy-');
  const cfg = join(dir.dir, 'haproxy.cfg');
  writeFileSync(cfg, haproxyConfig(`127.0.0.1:${port}`, ports.map((p, i) => ({ name: `s${i + 1}`, address: `127.0.0.1:${p}` }))));
  const child: ChildProcess = spawn(HAPROXY, ['-db', '-f', cfg], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`haproxy exited: ${err.slice(0, 500)}`);
      return (await fetch(`${url}/api/health`).catch(() => null))?.ok ? true : null;
    },
    { what: 'haproxy up', timeoutMs: 20_000 },
  );
  return {
    url,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      dir.cleanup();
    },
  };
}
