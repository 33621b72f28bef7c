/**
 * Real processes for end-to-end and fault tests: the central server and web-host run exactly as a user
 * would start them (their CLIs), so a test can also SIGKILL and restart them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { testLogStream } from './test-logs';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      if (addr === null || typeof addr === 'string') return reject(new Error('no port'));
      s.close(() => resolve(addr.port));
    });
  });
}

export interface Proc {
  child: ChildProcess;
  /** everything printed so far (stdout + stderr) */
  output(): string;
  /** what went to stdout alone (the server's JSON log) */
  stdout(): string;
  /** resolves with the first match of `re` in the output */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function startTsx(script: string, env: Record<string, string>, name: string, opts: { stdin?: boolean } = {}): Proc {
  // node itself with tsx's loader (not the tsx CLI, which runs the script in a grandchild): a signal sent to
  // `child` — SIGKILL included — reaches the process that runs the script.
  // OMNIDESK_CHILD_NODE_ARGS: extra node flags for the child (profiling a bench's server: `--cpu-prof`)
  const extra = process.env.OMNIDESK_CHILD_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let stdoutText = '';
  const waiters: Array<() => void> = [];
  // everything the process prints is also kept in .tmp/test-logs, for the PHI log scan (scripts/scan-logs.ts)
  const log = testLogStream(name);
  const onData = (d: Buffer) => {
    log.write(d);
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
    if (process.env.OMNIDESK_TEST_VERBOSE) process.stdout.write(`[${name}] ${d}`);
    waiters.splice(0).forEach((w) => w());
  };
  child.stdout!.on('data', (d: Buffer) => {
    stdoutText += d.toString();
    if (stdoutText.length > 400_000) stdoutText = stdoutText.slice(-200_000);
  });
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exited = false;
  child.on('exit', () => {
    exited = true;
    log.end();
    waiters.splice(0).forEach((w) => w());
  });
  return {
    child,
    output: () => out,
    stdout: () => stdoutText,
    waitFor(re, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name}: timed out waiting for ${re}; output:\n${out.slice(-3000)}`)), timeoutMs);
        const check = () => {
          const m = out.match(re);
          if (m) {
            clearTimeout(timer);
            return resolve(m);
          }
          if (exited) {
            clearTimeout(timer);
            return reject(new Error(`${name} exited (code ${child.exitCode}) before printing ${re}; output:\n${out.slice(-3000)}`));
          }
          waiters.push(check);
        };
        check();
      });
    },
    stop(signal = 'SIGTERM') {
      return new Promise((resolve) => {
        if (exited || child.exitCode !== null) return resolve();
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        child.kill(signal);
      });
    },
  };
}

export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`not reachable in time: ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
