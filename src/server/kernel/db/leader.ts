import pg from 'pg';
import type { Logger } from 'pino';
import { safeError } from '../logger';

export interface Leadership {
  /** true while this instance holds the lead */
  held(): boolean;
  stop(): Promise<void>;
}

/**
 * One instance of several leads `name` (issue 17): work that must run on one instance at a time (polling a mailbox)
 * runs where a PostgreSQL session-level advisory lock is held, on a connection of its own. When that instance dies
 * its session ends and the lock with it; another instance takes it at its next try (`retryMs`). `onLead` starts the
 * work, `onLost` stops it (the connection broke: someone else may lead now).
 */
export function leadWhenPossible(opts: { connectionString: string; name: string; retryMs?: number; logger: Logger; onLead(): void; onLost(): void }): Leadership {
  let client: pg.Client | null = null;
  let leading = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const lose = () => {
    if (leading) {
      leading = false;
      opts.logger.warn({ lead: opts.name }, 'lead lost');
      opts.onLost();
    }
    client = null;
  };

  async function attempt(): Promise<void> {
    if (stopped || leading) return;
    let c = client;
    try {
      if (!c) {
        c = new pg.Client({ connectionString: opts.connectionString });
        c.on('error', (err) => {
          opts.logger.warn({ lead: opts.name, err: safeError(err) }, 'lead connection error');
          lose();
        });
        c.on('end', lose);
        await c.connect();
        // stopped while connecting: stop() found no connection to end, so this one is ended here
        if (stopped) return void (await c.end().catch(() => undefined));
        client = c;
      }
      const { rows } = await c.query<{ got: boolean }>('select pg_try_advisory_lock(hashtext($1)) as got', [`omnidesk:${opts.name}`]);
      if (!rows[0]?.got) return;
      // stopped while asking: the lock is this session's, so ending the session lets the next instance have it
      if (stopped) return void (await c.end().catch(() => undefined));
      leading = true;
      opts.logger.info({ lead: opts.name }, 'lead taken');
      opts.onLead();
    } catch (err) {
      opts.logger.warn({ lead: opts.name, err: safeError(err) }, 'lead attempt failed');
      // also a connection that never finished connecting: nothing else holds it to end it later
      await c?.end().catch(() => undefined);
      if (client === c) client = null;
    }
  }

  const loop = () => {
    if (stopped) return;
    void attempt().finally(() => {
      if (!stopped) timer = setTimeout(loop, opts.retryMs ?? 10_000);
    });
  };
  loop();

  return {
    held: () => leading,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      if (leading) {
        leading = false;
        opts.onLost();
      }
      // ending the session releases the lock
      await c?.end().catch(() => undefined);
    },
  };
}
