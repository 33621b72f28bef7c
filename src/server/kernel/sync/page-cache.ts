import { LRUCache } from 'lru-cache';
import type { EncodedPage } from './page';

/**
 * Pull pages encoded once and served to every desktop that asks for the same window (issue 17, "the morning
 * after an outage"): desktops that were live before an outage all stood at the same cursor, so after it they ask
 * for the same pages of their teams' log, one after another. One database query and one encoding serve them all;
 * concurrent askers of a page not built yet wait for the one build (lru-cache's fetch).
 *
 * A window (cursor, end] below the log's head never changes its membership: seq order is commit order. Rows in
 * it can still be rewritten in place (a merge moves events, an erasure blanks them), but each such rewrite also
 * appends an event that every desktop applies after the page, exactly as for a desktop that pulled the page just
 * before the rewrite. The TTL bounds how long a rewritten page is served at all.
 */
export class PageCache {
  private readonly lru: LRUCache<string, EncodedPage, () => Promise<EncodedPage>>;

  constructor(opts: { maxBytes?: number; ttlMs?: number } = {}) {
    this.lru = new LRUCache<string, EncodedPage, () => Promise<EncodedPage>>({
      maxSize: opts.maxBytes ?? 64 * 1024 * 1024,
      // a JavaScript string of n UTF-16 units; the bookkeeping is small beside it
      sizeCalculation: (page) => page.json.length * 2 + 64,
      ttl: opts.ttlMs ?? 30_000,
      fetchMethod: (_key, _stale, { context }) => context(),
    });
  }

  /** The page under `key`, built by `build` when it is not here (once, however many ask at the same time). */
  async get(key: string, build: () => Promise<EncodedPage>): Promise<EncodedPage> {
    const page = await this.lru.fetch(key, { context: build });
    // fetchMethod never resolves undefined: build() resolves a page or rejects
    return page!;
  }

  get size(): number {
    return this.lru.size;
  }

  clear(): void {
    this.lru.clear();
  }
}

/** `build`'s page, through `cache` when there is one (the key is made only then). */
export function cachedPage(cache: PageCache | undefined, key: () => string, build: () => Promise<EncodedPage>): Promise<EncodedPage> {
  return cache ? cache.get(key(), build) : build();
}

/** Whose events a page holds: a team set's log (null: an admin's, every team; order does not matter)... */
export function teamsSubject(teamIds: readonly string[] | null): string {
  return teamIds === null ? '*' : [...teamIds].sort().join(',');
}

/**
 * ...or one desktop's bootstrap scope: its customers up to its checkpoint, within the teams its agent has now (no
 * other desktop shares those pages, and a team taken away mid-bootstrap is not served from a page built before).
 */
export function scopeSubject(clientId: string, until: number, teamIds: readonly string[] | null): string {
  return `scope:${clientId}:${until}:${teamsSubject(teamIds)}`;
}

/** The key of a window (cursor, end] of a subject's events, in pages of `limit`. */
export function pageKey(subject: string, cursor: number, end: number, limit: number): string {
  return `${subject}|${cursor}|${end}|${limit}`;
}
