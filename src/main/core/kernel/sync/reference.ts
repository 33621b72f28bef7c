import type { z } from 'zod';
import { MAX_PULL_LIMIT, OmnideskError, ReferenceResponse, SYNC_EVENTS, ackSchema, type Ack, type ReferenceItem, type ReferenceRequest } from '../../../../shared/index';
import { silentLogger, type Logger } from '../logger';
import type { ReferenceRepo } from '../store/index';

/** What the reference pull needs of the cache (the Store has it as `store.reference`). */
export interface ReferenceHolder {
  reference: Pick<ReferenceRepo, 'version' | 'scope' | 'apply' | 'replace'>;
}

/** The sync client's acked request: resolves with the validated answer, throws when refused or lost. */
export type SyncRequest = <T>(event: string, payload: unknown, schema: z.ZodType<Ack<T>>) => Promise<T>;

export interface ReferencePullOptions {
  /** items per page (default and at most MAX_PULL_LIMIT) */
  limit?: number;
  log?: Logger;
  /** called once when the pull changed the cache (the renderer reloads the directory, …) */
  onChanged?: () => void;
}

export interface ReferencePullResult {
  /** items received (live and deleted) */
  items: number;
  /** the pull started again from version 0 (first pull, or the server answered for another scope) */
  replaced: boolean;
}

const ReferenceAck = ackSchema(ReferenceResponse);
/** a scope that keeps changing while we page would otherwise loop for ever */
const MAX_SCOPE_RESTARTS = 3;

/**
 * Brings the cache's reference data (src/shared/kernel/reference.ts) up to the server's head with `sync:reference`,
 * paging until `hasMore` is false. Run by the sync client's round right after the event pull.
 *
 * Normally each page is applied in its own transaction and moves the cursor (a pull cut short resumes there).
 * When the server answers for another scope than the cache was filled for (the first pull, or the agent's role or
 * teams changed), items now visible may lie below the cursor: the whole stream is pulled again from version 0 and
 * replaces the cache in one transaction, so the directory is never seen half from one scope, half from another.
 */
export async function pullReference(store: ReferenceHolder, request: SyncRequest, opts: ReferencePullOptions = {}): Promise<ReferencePullResult> {
  const log = opts.log ?? silentLogger;
  const limit = Math.min(MAX_PULL_LIMIT, Math.max(1, opts.limit ?? MAX_PULL_LIMIT));
  const ask = async (after: number): Promise<ReferenceResponse> => {
    const req: ReferenceRequest = { after, limit };
    const page = await request(SYNC_EVENTS.reference, req, ReferenceAck);
    const problem = pageProblem(page, after);
    if (problem) {
      log.warn({ event: SYNC_EVENTS.reference, problem }, 'corrupt sync answer not applied');
      throw new OmnideskError('UNAVAILABLE', 'the server sent an inconsistent reference page');
    }
    return page;
  };

  let after = store.reference.version();
  let page = await ask(after);
  let items = 0;
  while (page.scope === store.reference.scope()) {
    store.reference.apply(page);
    items += page.items.length;
    if (!page.hasMore) {
      if (items > 0) {
        log.info({ items, version: page.next }, 'sync pulled reference data');
        opts.onChanged?.();
      }
      return { items, replaced: false };
    }
    after = page.next;
    page = await ask(after);
  }

  // Another scope (or the first pull): everything from version 0, replacing the cache at the end.
  if (after !== 0) page = await ask(0);
  for (let attempt = 1; ; attempt++) {
    const scope = page.scope;
    const all: ReferenceItem[] = [];
    while (page.scope === scope) {
      all.push(...page.items);
      if (!page.hasMore) {
        store.reference.replace({ items: all, next: page.next }, scope);
        log.info({ items: all.length, version: page.next }, 'sync pulled all reference data');
        opts.onChanged?.();
        return { items: items + all.length, replaced: true };
      }
      page = await ask(page.next);
    }
    if (attempt >= MAX_SCOPE_RESTARTS) throw new OmnideskError('UNAVAILABLE', 'the reference scope kept changing; retrying later');
    page = await ask(0); // the scope changed while paging: from 0 again
  }
}

/** Checks what the schema cannot: ordering and cursor arithmetic. Returns a data-free description. */
function pageProblem(page: ReferenceResponse, after: number): string | null {
  let last = after;
  for (const i of page.items) {
    if (i.version <= last) return 'items not ascending after the cursor';
    last = i.version;
  }
  if (page.next < last) return 'next behind its items';
  if (page.hasMore && page.next <= after) return 'hasMore without progress';
  return null;
}
