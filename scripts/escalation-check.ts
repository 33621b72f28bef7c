/**
 * Checks the escalation rule and script files (issue 13) the way the server loads them: prints "file:line: reason"
 * for every problem and exits 1, or the rules and scripts found. `npx tsx scripts/escalation-check.ts [folder]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatLoadErrors, loadEscalationSet } from '../src/shared/features/escalation';

const dir = resolve(process.argv[2] ?? 'resources/escalation');
const files = readdirSync(dir)
  .filter((f) => /\.(?:ya?ml|json)$/.test(f))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
const r = loadEscalationSet(files);
if (!r.ok) {
  console.error(formatLoadErrors(r.errors));
  process.exit(1);
}
console.log(`${files.length} files: ${r.set.rules.length} rules (${r.set.rules.map((x) => x.id).join(', ')}), ${r.set.scripts.length} scripts (${r.set.scripts.map((x) => x.id).join(', ')})`);
