import { afterEach, describe, expect, it, vi } from 'vitest';
import { startWallboardPush, WALLBOARD_DEBOUNCE_MS, WALLBOARD_RETRY_MS } from '../../../src/server/features/lead';
import { announceChange } from '../../../src/server/kernel/events/index';
import type { Db } from '../../../src/server/kernel/db/types';

/** The wallboard push survives its database going away (issue 16): a failed rebuild is logged and tried again. */
describe('the wallboard push when the database is away', () => {
  afterEach(() => vi.useRealTimers());

  it('a failed rebuild is tried again later, and changes are gathered into one rebuild per team', async () => {
    vi.useFakeTimers();
    const asked: string[] = [];
    let down = true;
    const db = {
      async query(sql: string, params?: unknown[]) {
        if (sql.includes("role = 'admin'")) {
          asked.push(String(params?.[0]));
          if (down) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        }
        return { rows: [] };
      },
    } as unknown as Db;
    const errors: string[] = [];
    const stop = startWallboardPush({ db, notifyAgent: () => undefined, logger: { error: (_o: unknown, msg: string) => errors.push(msg) } as never });
    try {
      announceChange({ teams: ['team-1'] });
      announceChange({ teams: ['team-1'] });
      await vi.advanceTimersByTimeAsync(WALLBOARD_DEBOUNCE_MS + 10);
      expect(asked).toEqual(['team-1']);
      expect(errors).toEqual(['wallboard push failed']);
      down = false;
      await vi.advanceTimersByTimeAsync(WALLBOARD_RETRY_MS + WALLBOARD_DEBOUNCE_MS + 10);
      expect(asked).toEqual(['team-1', 'team-1']);
      expect(errors).toHaveLength(1);
    } finally {
      stop();
    }
  });
});
