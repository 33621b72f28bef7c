/**
 * Where the processes and servers the tests start write their logs: .tmp/test-logs (0700 folder, 0600 files),
 * one file per process, so scripts/scan-logs.ts (the last step of `npm test`) can scan them for personal data.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE, privateDir } from './temp-dir';

export const TEST_LOG_DIR = join(process.cwd(), '.tmp', 'test-logs');

let counter = 0;

/** A new log file for `name` (a server, a web-host, a desktop), appended to as the process writes. */
export function testLogStream(name: string): WriteStream {
  privateDir(TEST_LOG_DIR);
  const safe = name.replace(/[^A-Za-z0-9_.-]/g, '_');
  const file = join(TEST_LOG_DIR, `${safe}-${process.pid}-${Date.now()}-${++counter}.log`);
  const stream = createWriteStream(file, { flags: 'a', mode: PRIVATE_FILE_MODE });
  stream.on('error', () => undefined); // a log that cannot be written never fails a test
  return stream;
}
