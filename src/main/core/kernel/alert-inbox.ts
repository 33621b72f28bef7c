/**
 * The alerts of this session not yet dismissed, newest first (a bounded few: older ones are in the queue's views).
 * Kept in the core, not only sent as bridge events, so a window that opens or reloads after the catch-up raised
 * them still shows them. One inbox per kind of alert (SLA, safety), keyed by the event that raised it.
 */
export class AlertInbox<A extends { eventId: string }> {
  private alerts: A[] = [];

  constructor(private readonly max = 20) {}

  add(incoming: readonly A[]): void {
    const known = new Set(this.alerts.map((a) => a.eventId));
    const fresh = incoming.filter((a) => !known.has(a.eventId));
    this.alerts = [...[...fresh].reverse(), ...this.alerts].slice(0, this.max);
  }

  list(): A[] {
    return [...this.alerts];
  }

  dismiss(eventId: string): void {
    this.alerts = this.alerts.filter((a) => a.eventId !== eventId);
  }
}
