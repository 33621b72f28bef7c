import type { Event } from '../../../shared/kernel/event';
import type { Db, Queryable } from '../db/types';
import { appendEvents, lockEventLog, type AppendResult } from './append';

/** Tells the sync sockets of these teams that the log grew (server.poke). */
export type Poke = (teamSeqs: ReadonlyMap<string, number>) => void;

/** What a unit of work sees: the transaction, and the one way to append to the log. */
export interface EventLogTx {
  tx: Queryable;
  /** appends in order (hooks run inside); may be called several times, also inside a SAVEPOINT */
  append(events: readonly Event[]): Promise<AppendResult>;
  /** the highest seq appended per team so far in this unit */
  readonly teamSeqs: ReadonlyMap<string, number>;
}

/**
 * The event log's unit of work, the one way the server writes events: opens a transaction, takes the log lock
 * (so seq order is commit order), lets `fn` read and append, and — only after the commit — pokes the teams whose
 * log grew. A throw rolls everything back and pokes nobody.
 */
export async function withEventLog<T>(db: Db, poke: Poke | null | undefined, fn: (log: EventLogTx) => Promise<T>): Promise<T> {
  const teamSeqs = new Map<string, number>();
  const value = await db.transaction(async (tx) => {
    await lockEventLog(tx);
    return fn({
      tx,
      teamSeqs,
      async append(events) {
        const r = await appendEvents(tx, events);
        for (const [team, seq] of r.teamSeqs) teamSeqs.set(team, Math.max(seq, teamSeqs.get(team) ?? 0));
        return r;
      },
    });
  });
  if (poke && teamSeqs.size) poke(teamSeqs);
  return value;
}
