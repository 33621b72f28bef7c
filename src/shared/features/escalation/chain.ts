import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { ScriptEntry } from '../../kernel/escalation';

/**
 * The answers of one case form a hash chain (issue 13): each script record carries `hash = sha256(prev || canonical
 * (entry))`, where `prev` is the case's previous record's hash. An answer removed, edited or re-ordered afterwards no
 * longer links, so "were the mandatory safety questions asked?" can be proven from the record. Computed inside the
 * shared decision (pure JS SHA-256: the same bytes on the desktop, offline too, and on the server).
 */
export const CHAIN_GENESIS = '0'.repeat(64);

/** Keys sorted, no whitespace: the same entry always gives the same text. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** What a link hashes: the entry with who recorded it and the record's id (not the server's time, so both sides agree). */
export interface ChainLink {
  id: string;
  authorId: string | null;
  entry: ScriptEntry;
}

export function linkHash(prev: string, link: ChainLink): string {
  return bytesToHex(sha256(utf8ToBytes(`${prev}|${canonical(link)}`)));
}

export interface ChainRecord extends ChainLink {
  prev: string;
  hash: string;
}

export type ChainBreak = { index: number; kind: 'edited' | 'relinked' };

/**
 * Walks a case's records in log order: the first record whose hash does not match its content (`edited`) or whose
 * `prev` is not the hash before it (`relinked`: one removed or inserted). null: the chain is whole.
 */
export function verifyChain(records: readonly ChainRecord[]): ChainBreak | null {
  let prev = CHAIN_GENESIS;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.prev !== prev) return { index: i, kind: 'relinked' };
    if (linkHash(r.prev, { id: r.id, authorId: r.authorId, entry: r.entry }) !== r.hash) return { index: i, kind: 'edited' };
    prev = r.hash;
  }
  return null;
}
