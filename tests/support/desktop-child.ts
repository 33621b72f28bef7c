/** Drives tests/support/desktop-proc.ts: a desktop core in its own process (SIGKILL-able, clock-shiftable). */
import type { BridgeInput, BridgeMethod, BridgeOutput } from '../../src/shared/contracts/bridge';
import { startTsx, type Proc } from './processes';

export interface DesktopChild {
  proc: Proc;
  call<M extends BridgeMethod>(method: M, input: BridgeInput<M>, timeoutMs?: number): Promise<BridgeOutput<M>>;
  /** starts a burst of `count` notes; resolves when it is done (or rejects if the process dies) */
  burst(b: { count: number; customerId: string; caseId: string | null; tag: string }): Promise<{ made: number }>;
  /** notes made so far by the running burst, as last reported */
  progress(): number;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDesktopChild(env: { serverUrl: string; dataDir: string; clockOffsetMs?: number }, name = 'desktop'): Promise<DesktopChild> {
  const proc = startTsx(
    'tests/support/desktop-proc.ts',
    {
      OMNIDESK_SERVER_URL: env.serverUrl,
      OMNIDESK_DESKTOP_DATA_DIR: env.dataDir,
      OMNIDESK_CLOCK_OFFSET_MS: String(env.clockOffsetMs ?? 0),
    },
    name,
    { stdin: true },
  );
  await proc.waitFor(/DESKTOP READY/, 60_000);
  let nextId = 1;
  let buffered = '';
  let progress = 0;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  proc.child.stdout!.on('data', (d: Buffer) => {
    buffered += d.toString();
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.startsWith('@@progress ')) progress = Number(line.slice(11));
      else if (line.startsWith('@@')) {
        const msg = JSON.parse(line.slice(2)) as { id: number; ok: boolean; value?: unknown; error?: { code: string; message: string } };
        const w = waiting.get(msg.id);
        waiting.delete(msg.id);
        if (!w) continue;
        if (msg.ok) w.resolve(msg.value);
        else w.reject(Object.assign(new Error(`${msg.error?.code}: ${msg.error?.message}`), { code: msg.error?.code }));
      }
    }
  });
  proc.child.on('exit', () => {
    for (const w of waiting.values()) w.reject(new Error(`${name} exited`));
    waiting.clear();
  });
  const send = (cmd: object, timeoutMs: number) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`${name}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      proc.child.stdin!.write(`${JSON.stringify({ id, ...cmd })}\n`);
    });
  return {
    proc,
    call: (method, input, timeoutMs = 30_000) => send({ method, input }, timeoutMs) as Promise<never>,
    burst: (b) => send({ burst: b }, 120_000) as Promise<{ made: number }>,
    progress: () => progress,
    kill: () => proc.stop('SIGKILL'),
    async stop() {
      proc.child.stdin!.end();
      await proc.stop('SIGTERM');
    },
  };
}
