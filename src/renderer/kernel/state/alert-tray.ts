/** An alert tray's list after a batch came in: newest first, one per event; a re-delivered batch changes nothing. */
export function addNewestFirst<A extends { eventId: string }>(shown: readonly A[], incoming: readonly A[]): A[] {
  const seen = new Set(shown.map((a) => a.eventId));
  const fresh = incoming.filter((a) => !seen.has(a.eventId) && (seen.add(a.eventId), true)).reverse();
  return [...fresh, ...shown];
}
