import { Agent, DirectoryResponse, newId } from '../../../shared';
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
