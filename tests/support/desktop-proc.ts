/**
 * A desktop core as its own process, for fault tests that SIGKILL it or give it a wrong clock.
 * Env: OMNIDESK_SERVER_URL, OMNIDESK_DESKTOP_DATA_DIR, OMNIDESK_CLOCK_OFFSET_MS (this process's clock is
 * shifted by that much). Protocol on stdin/stdout, one JSON object per line:
 *   → {"id":1,"method":"note.add","input":{…}}          ← @@{"id":1,"ok":true,"value":…}
 *   → {"id":2,"burst":{"count":500,"customerId":…,"caseId":…,"tag":"x"}}   (notes as fast as it can;
 *     prints "@@progress <n>" every 10, then the usual answer with the number made)
 * Prints "DESKTOP READY" when it accepts commands. Never prints bodies or names.
 */
import { createInterface } from 'node:readline';

const offset = Number(process.env.OMNIDESK_CLOCK_OFFSET_MS ?? '0');
if (Number.isFinite(offset) && offset !== 0) {
  const RealDate = Date;
  class SkewedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string]));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = SkewedDate as DateConstructor;
}

const { DesktopCore, createDispatcher } = await import('../../src/main/core/index');

const core = new DesktopCore({
  dataDir: process.env.OMNIDESK_DESKTOP_DATA_DIR ?? '.tmp/desktop-proc',
  defaultServerUrl: process.env.OMNIDESK_SERVER_URL ?? 'http://127.0.0.1:4010',
  sync: { reconnectionDelay: 50, reconnectionDelayMax: 500, ackTimeoutMs: 5000 },
});
const dispatch = createDispatcher(core.handlers);
const say = (o: unknown): void => {
  process.stdout.write(`@@${JSON.stringify(o)}\n`);
};

interface Command {
  id: number;
  method?: string;
  input?: unknown;
  burst?: { count: number; customerId: string; caseId: string | null; tag: string };
}

const rl = createInterface({ input: process.stdin });
let chain: Promise<void> = Promise.resolve();
rl.on('line', (line) => {
  chain = chain.then(async () => {
    let cmd: Command;
    try {
      cmd = JSON.parse(line) as Command;
    } catch {
      return;
    }
    if (cmd.burst) {
      const b = cmd.burst;
      let made = 0;
      for (let i = 0; i < b.count; i++) {
        const r = await dispatch('note.add', { customerId: b.customerId, caseId: b.caseId, threadId: null, body: `${b.tag} ${i}` });
        if (!r.ok) return say({ id: cmd.id, ...r });
        made++;
        if (made % 10 === 0) process.stdout.write(`@@progress ${made}\n`);
      }
      return say({ id: cmd.id, ok: true, value: { made } });
    }
    say({ id: cmd.id, ...(await dispatch(String(cmd.method), cmd.input)) });
  });
});
rl.on('close', () => {
  void core.dispose().then(() => process.exit(0));
});
process.stdout.write('DESKTOP READY\n');
