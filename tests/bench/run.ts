/** `npm run bench`: prints figures with targets and ratios, writes bench-results.json at the repository root. */
import { join } from 'node:path';
import { allResults, meets, writeResults } from './lib';
import { benchFirstPaint } from './first-paint.bench';
import { benchTimelineQuery } from './timeline-query.bench';

const only = process.argv.slice(2);
const benches: Array<[string, () => Promise<void>]> = [
  ['timeline-query', benchTimelineQuery],
  ['first-paint', benchFirstPaint],
];

for (const [name, run] of benches) {
  if (only.length && !only.includes(name)) continue;
  await run();
}
const file = join(process.cwd(), 'bench-results.json');
writeResults(file);
const missed = allResults().filter((r) => r.target !== null && !meets(r.value, r.target));
console.log(`\nWrote ${file} (${allResults().length} figures; ${missed.length} miss their target${missed.length ? ': ' + missed.map((r) => r.id).join(', ') : ''}).`);
