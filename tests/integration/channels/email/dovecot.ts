/**
 * A private Dovecot IMAP server for the test: its own config, passwd-file, Maildir and run directory
 * in a temp dir, listening on a free loopback port with plaintext auth (loopback only). Needs the
 * Debian package `dovecot-imapd` (/usr/sbin/dovecot); `.ci/run` installs it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const DOVECOT_BIN = process.env.OMNIDESK_DOVECOT_BIN || '/usr/sbin/dovecot';
export const DOVECOT_PROBLEM: string | null = existsSync(DOVECOT_BIN) ? null : `${DOVECOT_BIN} not found (apt-get install dovecot-imapd)`;

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  /** stops the server (the data stays) */
  stop(): Promise<void>;
  /** starts it again on the same port and data */
  start(): Promise<void>;
  /** stops it and removes the temp dir */
  dispose(): Promise<void>;
  log(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function idOf(name: string, flag: '-u' | '-g'): number | null {
  try {
    return Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  } catch {
    return null;
  }
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`dovecot did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startDovecot(): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'omnidesk-dovecot-'));
  const port = await freePort();
  const user = 'support';
  const password = 'imap-test-password';
  const me = userInfo();
  const root = me.uid === 0;
  // Dovecot never accesses mail as root: as root, mail belongs to the package's `dovecot` user.
  const mailUid = root ? (idOf('dovecot', '-u') ?? 65534) : me.uid;
  const mailGid = root ? (idOf('dovecot', '-g') ?? 65534) : me.gid;
  const loginUser = root ? 'dovenull' : me.username;
  const internalUser = root ? 'dovecot' : me.username;
  for (const d of ['run', 'state', 'mail', 'home']) mkdirSync(join(dir, d), { recursive: true });
  if (root) {
    chmodSync(dir, 0o755); // the auth and mail processes run as dovecot's own users
    chownSync(join(dir, 'mail'), mailUid, mailGid);
    chownSync(join(dir, 'home'), mailUid, mailGid);
  }
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  const logFile = join(dir, 'dovecot.log');
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${logFile}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = ${loginUser}
default_internal_user = ${internalUser}
first_valid_uid = ${Math.min(mailUid, 100)}
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  let child: ChildProcess | null = null;
  const d: Dovecot = {
    port,
    user,
    password,
    async start() {
      // its own process group, so stop() can end the master and every child it forked (imap sessions)
      const c = spawn(DOVECOT_BIN, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
      let stderr = '';
      c.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
      child = c;
      try {
        await waitForPort(port, 15_000);
      } catch (err) {
        throw new Error(`${(err as Error).message}: ${stderr} ${d.log()}`, { cause: err });
      }
    },
    async stop() {
      const c = child;
      child = null;
      if (!c || c.pid === undefined) return;
      const group = -c.pid;
      const alive = () => {
        try {
          process.kill(group, 0);
          return true;
        } catch {
          return false;
        }
      };
      if (alive()) process.kill(group, 'SIGTERM');
      const until = Date.now() + 10_000;
      while (alive()) {
        if (Date.now() > until) {
          process.kill(group, 'SIGKILL');
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async dispose() {
      await d.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
  };
  await d.start();
  return d;
}
