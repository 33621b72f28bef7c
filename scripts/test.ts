/**
 * `npm test`: the whole suite, unit to end-to-end, in the order a failure is cheapest to find.
 * Each step's runner prints its own report; this script adds one honest total at the end, counted from
 * the runners' JSON reports (tests, not steps).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinaryAvailable } from './electron-binary';

const reports = join(process.cwd(), '.tmp', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
// the logs the processes and servers started by tests write (tests/support/test-logs.ts), scanned last
rmSync(join(process.cwd(), '.tmp', 'test-logs'), { recursive: true, force: true });

type Step = { name: string; cmd: string[]; env?: Record<string, string>; report?: { kind: 'vitest' | 'playwright'; file: string } };

const steps: Step[] = [
  { name: 'lint (incl. layering rules)', cmd: ['npx', 'eslint', '.'] },
  // one program per runtime, so only the renderer (and the page side of e2e) sees the DOM
  { name: 'typecheck (Node: server, main, shared, scripts, tests)', cmd: ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'typecheck (renderer: DOM, no Node types)', cmd: ['npx', 'tsc', '-p', 'tsconfig.renderer.json', '--noEmit'] },
  { name: 'typecheck (browser-driving tests: Node and DOM)', cmd: ['npx', 'tsc', '-p', 'tsconfig.e2e.json', '--noEmit'] },
  {
    name: 'unit tests',
    cmd: ['npx', 'vitest', 'run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'unit.json')}`],
    report: { kind: 'vitest', file: join(reports, 'unit.json') },
  },
  {
    name: 'integration tests (PGlite, PostgreSQL, real peers)',
    cmd: ['npx', 'vitest', 'run', '--project', 'integration', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'integration.json')}`],
    report: { kind: 'vitest', file: join(reports, 'integration.json') },
  },
  { name: 'build renderer', cmd: ['npx', 'vite', 'build', '--logLevel', 'warn'] },
  {
    name: 'end-to-end (web-host + renderer in Chromium)',
    cmd: ['npx', 'playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'e2e.json') },
    report: { kind: 'playwright', file: join(reports, 'e2e.json') },
  },
  // last: no log the tests produced may hold a name, email, phone number, body, search text or token they used
  { name: 'PHI log scan (.tmp/test-logs)', cmd: ['npx', 'tsx', 'scripts/scan-logs.ts'] },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps: string[] = [];

for (const step of steps) {
  console.log(`\n━━ ${step.name} ━━`);
  const started = Date.now();
  const r = spawnSync(step.cmd[0]!, step.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...step.env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (step.report) count(step.report.kind, step.report.file);
  if (r.status !== 0) {
    failedSteps.push(step.name);
    console.log(`✗ ${step.name} failed (${secs}s)`);
    // later steps depend on earlier ones being sound; stop at the first failure
    break;
  }
  console.log(`✓ ${step.name} (${secs}s)`);
}

if (failedSteps.length === 0) {
  if (electronBinaryAvailable()) {
    console.log('\nAn Electron binary is present: run `npm run test:electron` for the same e2e suite in Electron.');
  } else {
    console.log('\nElectron e2e: NOT RUN. No Electron binary on this machine (it cannot be downloaded here); the e2e suite ran in Chromium against web-host.');
  }
}

console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (failedSteps.length) {
  console.log(`Failed step: ${failedSteps.join(', ')}`);
  process.exit(1);
}

function count(kind: 'vitest' | 'playwright', file: string): void {
  if (!existsSync(file)) return;
  try {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    if (kind === 'vitest') {
      totals.passed += j.numPassedTests ?? 0;
      totals.failed += j.numFailedTests ?? 0;
      totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    } else {
      totals.passed += j.stats?.expected ?? 0;
      totals.failed += (j.stats?.unexpected ?? 0) + (j.stats?.flaky ?? 0);
      totals.skipped += j.stats?.skipped ?? 0;
    }
  } catch {
    console.log(`(could not read the report ${file})`);
  }
}
