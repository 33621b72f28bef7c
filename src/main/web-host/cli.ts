/**
 * Runs web-host: the desktop core behind a local WebSocket plus the built renderer, for a browser.
 * Prints the launch URL (the only line on stdout); logs go to stderr as JSON lines.
 *
 *   OMNIDESK_SERVER_URL        central server used at first sign-in (default http://127.0.0.1:4010)
 *   WEB_HOST_PORT              default 4020
 *   OMNIDESK_DESKTOP_DATA_DIR  per-agent caches (default .omnidesk-data/desktop)
 *   OMNIDESK_STATIC_DIR        the built renderer (default dist/renderer)
 *   OMNIDESK_LAUNCH_TOKEN      fixed launch token (default: random per start)
 *   OMNIDESK_HISTORY_DAYS      days of history each agent's cache keeps (default 90; partial replication)
 */
import { resolve } from 'node:path';
import pino from 'pino';
import { historyDaysFromEnv } from '../core/kernel/config';
import { startWebHost } from './server';

const log = pino({ name: 'web-host' }, pino.destination(2));

async function main(): Promise<void> {
  const port = Number(process.env.WEB_HOST_PORT ?? 4020);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('WEB_HOST_PORT must be a port number');
  const host = await startWebHost({
    port,
    staticDir: resolve(process.env.OMNIDESK_STATIC_DIR ?? 'dist/renderer'),
    dataDir: resolve(process.env.OMNIDESK_DESKTOP_DATA_DIR ?? '.omnidesk-data/desktop'),
    defaultServerUrl: process.env.OMNIDESK_SERVER_URL ?? 'http://127.0.0.1:4010',
    ...(process.env.OMNIDESK_LAUNCH_TOKEN ? { launchToken: process.env.OMNIDESK_LAUNCH_TOKEN } : {}),
    logger: log,
    core: { sync: { historyDays: historyDaysFromEnv(process.env) } },
  });
  console.log(host.launchUrl);
  const stop = () => {
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  log.error({ errName: err instanceof Error ? err.name : typeof err }, 'web-host failed to start');
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
