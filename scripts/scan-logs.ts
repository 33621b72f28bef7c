/**
 * The PHI log scanner (issue 9), the last step of `npm test`: reads every log the tests wrote under
 * .tmp/test-logs (servers, web-hosts and desktops started by tests/support) and fails when any line holds one
 * of the personal values the tests used (tests/support/phi-sentinels.ts: customer names, emails, phone numbers,
 * message bodies, search texts, tokens). It prints `file:line: <kind>` for each hit — never the value itself,
 * so its own output is no leak. Matching is case-insensitive.
 *
 *   npx tsx scripts/scan-logs.ts [dir]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MIN_SENTINEL_CHARS, phiSentinels, type Sentinel, type SentinelKind } from '../tests/support/phi-sentinels';

export const TEST_LOG_DIR = join(process.cwd(), '.tmp', 'test-logs');

export interface Hit {
  file: string;
  line: number;
  kind: SentinelKind;
}

/**
 * A matcher for many literals at once: sentinels are grouped by their first MIN_SENTINEL_CHARS characters
 * (lower-cased), so a line costs one map lookup per character, whatever the number of sentinels.
 */
export function makeMatcher(sentinels: readonly Sentinel[]): (line: string) => SentinelKind[] {
  const k = MIN_SENTINEL_CHARS;
  const byPrefix = new Map<string, Array<{ value: string; kind: SentinelKind }>>();
  for (const s of sentinels) {
    const value = s.value.toLowerCase();
    if (value.length < k) continue;
    const key = value.slice(0, k);
    const list = byPrefix.get(key) ?? [];
    list.push({ value, kind: s.kind });
    byPrefix.set(key, list);
  }
  const scan = (l: string, kinds: Set<SentinelKind>) => {
    for (let p = 0; p + k <= l.length; p++) {
      const list = byPrefix.get(l.slice(p, p + k));
      if (!list) continue;
      for (const s of list) if (l.startsWith(s.value, p)) kinds.add(s.kind);
    }
  };
  return (line) => {
    const l = line.toLowerCase();
    const kinds = new Set<SentinelKind>();
    scan(l, kinds);
    // a logged URL carries its query string encoded (%40 for @, %2B or + for a space or plus): decoded too
    if (l.includes('%') || l.includes('+')) {
      scan(urlDecoded(l), kinds);
      scan(urlDecoded(l.replace(/\+/g, ' ')), kinds);
    }
    return [...kinds];
  };
}

/** %XX sequences decoded where they form valid UTF-8; the rest left as is. */
function urlDecoded(l: string): string {
  return l.replace(/(%[0-9a-f]{2})+/g, (m) => {
    try {
      return decodeURIComponent(m);
    } catch {
      return m;
    }
  });
}

/** The hits in one text (1-based line numbers). */
export function scanText(file: string, text: string, match: (line: string) => SentinelKind[]): Hit[] {
  const hits: Hit[] = [];
  text.split('\n').forEach((line, i) => {
    for (const kind of match(line)) hits.push({ file, line: i + 1, kind });
  });
  return hits;
}

/** Every file under `dir`, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Scans every log under `dir`; returns the hits and how many files were read. */
export function scanDir(dir: string, sentinels: readonly Sentinel[] = phiSentinels()): { hits: Hit[]; files: number } {
  if (!existsSync(dir)) return { hits: [], files: 0 };
  const match = makeMatcher(sentinels);
  const list = files(dir);
  return { hits: list.flatMap((f) => scanText(f, readFileSync(f, 'utf8'), match)), files: list.length };
}

function main(): void {
  const dir = process.argv[2] ?? TEST_LOG_DIR;
  const sentinels = phiSentinels();
  const { hits, files: n } = scanDir(dir, sentinels);
  if (n === 0) {
    console.log(`PHI log scan: no logs under ${relative(process.cwd(), dir) || dir} (nothing ran that writes one)`);
    return;
  }
  if (hits.length === 0) {
    console.log(`PHI log scan: ${n} log files, ${sentinels.length} sentinels, no hit`);
    return;
  }
  for (const h of hits.slice(0, 200)) console.log(`${relative(process.cwd(), h.file)}:${h.line}: ${h.kind}`);
  if (hits.length > 200) console.log(`… and ${hits.length - 200} more`);
  const byKind = new Map<string, number>();
  for (const h of hits) byKind.set(h.kind, (byKind.get(h.kind) ?? 0) + 1);
  console.log(`PHI log scan FAILED: ${hits.length} hits in ${new Set(hits.map((h) => h.file)).size} of ${n} log files (${[...byKind].map(([k, c]) => `${k}: ${c}`).join(', ')})`);
  process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
