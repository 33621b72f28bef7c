import { Agent, DirectoryResponse, newId } from '../../../../shared/index';
import type { CacheDb } from './open';

/** Key/value facts about this cache: its clientId, sync cursor, outbox numbering, who it belongs to. */
export class MetaRepo {
  private readonly getStmt;
  private readonly setStmt;
  private readonly delStmt;

  constructor(db: CacheDb) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.setStmt = db.prepare<[string, string]>(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.delStmt = db.prepare<[string]>('DELETE FROM meta WHERE key = ?');
  }

  private get(key: string): string | null {
    return this.getStmt.get(key)?.value ?? null;
  }
  private set(key: string, value: string | null): void {
    if (value === null) this.delStmt.run(key);
    else this.setStmt.run(key, value);
  }

  /** A feature's own fact about this cache (key `<feature>.<name>`): the kernel stores it, the feature gives it meaning. */
  featureValue(key: `${string}.${string}`): string | null {
    return this.get(key);
  }
  setFeatureValue(key: `${string}.${string}`, value: string | null): void {
    this.set(key, value);
  }

  /** One per cache, made the first time it is asked for; mutation clientSeq counts per clientId. */
  clientId(): string {
    let id = this.get('clientId');
    if (!id) {
      id = newId();
      this.set('clientId', id);
    }
    return id;
  }

  /** Returns the next clientSeq and advances the counter (call inside the transaction that uses it). */
  takeClientSeq(): number {
    const next = Number(this.get('nextClientSeq') ?? '1');
    this.set('nextClientSeq', String(next + 1));
    return next;
  }

  cursor(): number {
    return Number(this.get('cursor') ?? '0');
  }
  setCursor(cursor: number): void {
    this.set('cursor', String(cursor));
  }

  /** The reference stream's cursor: the highest version pulled (migration 005; see ReferenceRepo). */
  refVersion(): number {
    return Number(this.get('ref_version') ?? '0');
  }
  setRefVersion(version: number): void {
    this.set('ref_version', String(version));
  }

  /** Whom the reference items were pulled for (the server's `scope`); null before the first pull. */
  refScope(): string | null {
    return this.get('ref_scope');
  }
  setRefScope(scope: string): void {
    this.set('ref_scope', scope);
  }

  /** The full-text watermark: every event row with rid ≤ this is in events_fts (migration 003). */
  ftsRid(): number {
    return Number(this.get('fts_rid') ?? '0');
  }
  setFtsRid(rid: number): void {
    this.set('fts_rid', String(rid));
  }

  /**
   * The checkpoint of a bootstrap in progress (sync:bootstrap's `top`), null when none is: the cache pulls
   * its scope up to it, then the log after it.
   */
  bootstrapTop(): number | null {
    const v = this.get('bootstrapTop');
    return v === null ? null : Number(v);
  }
  setBootstrapTop(top: number | null): void {
    this.set('bootstrapTop', top === null ? null : String(top));
  }

  /** What the server gave this cache at bootstrap: whole teams (leads) or a partial scope; null before. */
  replicaScope(): 'team' | 'partial' | null {
    const v = this.get('replicaScope');
    return v === 'team' || v === 'partial' ? v : null;
  }
  setReplicaScope(scope: 'team' | 'partial' | null): void {
    this.set('replicaScope', scope);
  }

  lastPrunedAt(): string | null {
    return this.get('lastPrunedAt');
  }
  setLastPrunedAt(at: string): void {
    this.set('lastPrunedAt', at);
  }

  /** Renumbers the clientSeq counter so the next one is after `seq` (a restored cache, see resequence). */
  advanceClientSeqPast(seq: number): void {
    const next = Number(this.get('nextClientSeq') ?? '1');
    if (next <= seq) this.set('nextClientSeq', String(seq + 1));
  }

  lastSyncedAt(): string | null {
    return this.get('lastSyncedAt');
  }
  setLastSyncedAt(at: string): void {
    this.set('lastSyncedAt', at);
  }

  serverUrl(): string | null {
    return this.get('serverUrl');
  }
  setServerUrl(url: string): void {
    this.set('serverUrl', url);
  }

  agent(): Agent | null {
    return parseJson(this.get('agent'), Agent);
  }
  setAgent(agent: Agent): void {
    this.set('agent', JSON.stringify(agent));
  }

  directory(): DirectoryResponse | null {
    return parseJson(this.get('directory'), DirectoryResponse);
  }
  setDirectory(directory: DirectoryResponse): void {
    this.set('directory', JSON.stringify(directory));
  }
}

function parseJson<T>(raw: string | null, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T | null {
  if (raw === null) return null;
  try {
    const r = schema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
