import path from 'node:path';
import type { Logger } from 'pino';
import { openPg } from './pg';
import { openPglite } from './pglite';
import type { Db } from './types';

/** PostgreSQL when `databaseUrl` is set, else PGlite stored in `<dataDir>/pgdata`. */
export async function openDatabase(options: { databaseUrl: string | null; dataDir: string; logger?: Logger; poolSize?: number }): Promise<Db> {
  if (options.databaseUrl) return openPg({ connectionString: options.databaseUrl, logger: options.logger, ...(options.poolSize ? { max: options.poolSize } : {}) });
  return openPglite({ dataDir: path.join(options.dataDir, 'pgdata') });
}
