/** ISO instants may carry any offset; the cache sorts by this UTC form (same instant → same string). */
export function sortableInstant(instant: string): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) throw new RangeError('not an ISO instant');
  return new Date(t).toISOString();
}

export function nowIso(): string {
  return new Date().toISOString();
}
