import { v7 as uuidv7 } from 'uuid';

/** A new time-ordered id (UUIDv7), made wherever the change is made (desktop or server). */
export function newId(): string {
  return uuidv7();
}

/**
 * A deterministic UUIDv7 for generated data (seed, tests): the same (msecs, n) always gives the same id,
 * and ids still sort by time.
 */
export function deterministicId(msecs: number, n: number): string {
  const random = new Uint8Array(16);
  let x = (n * 2654435761) >>> 0;
  for (let i = 0; i < 16; i++) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    random[i] = (x + i * 31 + n) & 0xff;
  }
  return uuidv7({ msecs, random });
}
