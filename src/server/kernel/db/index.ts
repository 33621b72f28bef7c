export type { Db, Queryable, Row } from './types';
export { toIso, toNumber } from './types';
export { openPglite } from './pglite';
export { openPg } from './pg';
export { openDatabase } from './open';
export { migrate, loadMigrations } from './migrate';
