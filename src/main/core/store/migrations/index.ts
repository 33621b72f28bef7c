import { migration001 } from './001_init';
import type { Migration } from './types';

export type { Migration } from './types';

/** All migrations, ascending by version. Add new ones at the end; never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [migration001];
