/**
 * `npm start`: the central server on the embedded database (seeded with demo data on first run), then the
 * agent desktop: Electron where a binary exists, else web-host with the local URL of the same app.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_AGENTS, DEMO_LOGINS, DEMO_TEAMS } from '../src/server/seed';
import { electronBinaryPath } from './electron-binary';
import { startTsx, waitForHttp } from '../tests/support/processes';
import { startMailSink, type MailSink } from './demo-mail-sink';

const serverPort = process.env.PORT ?? '4010';
const webPort = process.env.WEB_HOST_PORT ?? '4020';
const serverUrl = process.env.OMNIDESK_SERVER_URL ?? `http://127.0.0.1:${serverPort}`;
const children: Array<{ stop(): Promise<void> } | ChildProcess> = [];
/** Where brand-new customers (a widget chat, an unknown caller or sender) land: the team of the first login printed. */
const intakeTeam = process.env.OMNIDESK_DEFAULT_TEAM ?? DEMO_TEAMS.glucose.name;

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

async function main(): Promise<void> {
  const built = join('dist', 'renderer', 'index.html');
  if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(join('src', 'renderer'))) {
    console.log('Building the renderer…');
    const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }

  // email replies go to a local mail sink (readable in a browser) unless a real SMTP server is configured
  let sink: MailSink | null = null;
  const mail: Record<string, string> = {};
  if (!process.env.OMNIDESK_SMTP_OUTBOUND_URL) {
    sink = await startMailSink({ smtpPort: Number(process.env.MAIL_SINK_SMTP_PORT ?? 4025), webPort: Number(process.env.MAIL_SINK_WEB_PORT ?? 4026) });
    children.push({ stop: () => sink!.close() });
    mail.OMNIDESK_SMTP_OUTBOUND_URL = sink.smtpUrl;
    mail.OMNIDESK_SUPPORT_FROM = process.env.OMNIDESK_SUPPORT_FROM ?? 'VitaLink Support <support@vitalink.example>';
  }

  console.log(`Starting the central server (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}; a first start seeds the demo data)…`);
  // The server's own banner repeats what is printed below; show only its warnings and errors (JSON logs), and the
  // seed's progress (plain lines on its stderr).
  const server = startTsx('src/server/cli.ts', { PORT: serverPort, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', OMNIDESK_DEFAULT_TEAM: intakeTeam, ...mail }, 'server');
  children.push(server);
  server.child.stdout!.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n')) if (line.startsWith('{')) console.log(line);
  });
  server.child.stderr!.pipe(process.stderr);
  await waitForHttp(`${serverUrl}/api/health`, 180_000);
  console.log(`Central server: ${serverUrl}`);

  const electron = electronBinaryPath() ?? tryDownloadElectron();
  if (electron) {
    console.log('Electron binary found: building and opening the desktop app…');
    const b = spawnSync('npx', ['tsx', 'scripts/build-electron.ts'], { stdio: 'inherit' });
    if (b.status !== 0) process.exit(b.status ?? 1);
    const app = spawn(electron, ['.'], { stdio: 'inherit', env: { ...process.env, OMNIDESK_SERVER_URL: serverUrl } });
    children.push(app);
    app.on('exit', () => shutdown(0));
  } else {
    const web = startTsx('src/main/web-host/cli.ts', { OMNIDESK_SERVER_URL: serverUrl, WEB_HOST_PORT: webPort }, 'web-host');
    children.push(web);
    const m = await web.waitFor(/http:\/\/127\.0\.0\.1:\d+\/\?launch=[A-Za-z0-9_-]+/, 60_000);
    console.log('\nNo Electron binary on this machine: the same desktop runs in your browser.');
    console.log(`Open: ${m[0]}\n`);
  }

  console.log(`Customer chat widget (play the customer): ${serverUrl}/chat/widget`);
  if (sink) console.log(`Email replies are delivered to a local mail sink; read them at: ${sink.webUrl}`);
  const team = Object.values(DEMO_TEAMS).find((t) => t.name === intakeTeam || t.id === intakeTeam);
  const receivers = team ? DEMO_AGENTS.filter((a) => a.agent.teamIds.includes(team.id) || a.agent.role === 'admin').map((a) => a.agent.username) : [];
  console.log(`New customers (widget chats, unknown callers and senders) go to the team ${intakeTeam}${receivers.length ? `: ${receivers.join(', ')} see them` : ''}.\n`);
  console.log('Demo logins:');
  for (const l of DEMO_LOGINS) console.log(`  ${l.username.padEnd(8)} / ${l.password.padEnd(20)} ${l.description}`);
  console.log('\nPress Ctrl+C to stop.');
}

/**
 * Electron downloads its binary on first use. Give it one bounded chance (machines with internet get the
 * real desktop app); where nothing can be downloaded it fails fast and we fall back to the browser.
 */
function tryDownloadElectron(): string | null {
  if (process.env.OMNIDESK_NO_ELECTRON === '1' || !existsSync(join('node_modules', 'electron'))) return null;
  console.log('Looking for the Electron binary (downloads on first use where the internet is reachable)…');
  spawnSync(process.execPath, ['-e', "require('electron')"], { stdio: 'ignore', timeout: 180_000 });
  return electronBinaryPath();
}

async function shutdown(code: number): Promise<void> {
  await Promise.all(children.map((c) => ('stop' in c ? c.stop() : Promise.resolve(void c.kill()))));
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  void shutdown(1);
});
