import { migration001 } from './001_init';
import { migration002 } from './002_sync';
import { migration003 } from './003_fts_watermark';
import { migration004 } from './004_replica';
import { migration005 } from './005_reference';
import { migration006 } from './006_sla';
import { migration007 } from './007_knowledge';
import { migration008 } from './008_knowledge_gaps';
import { migration009 } from './009_case_subjects';
import { migration010 } from './010_pending_uploads';
import type { Migration } from './types';

export type { Migration } from './types';

/** All migrations, ascending by version. Add new ones at the end; never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010];
