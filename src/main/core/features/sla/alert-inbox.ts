import type { SlaAlert } from '../../../../shared/index';

/**
 * The alerts of this session not yet dismissed, newest first (a bounded few: older ones are in the queue's SLA
 * views). Kept in the core, not only sent as bridge events, so a window that opens or reloads after the catch-up
 * raised them still shows them.
 */
export class SlaAlertInbox {
  private alerts: SlaAlert[] = [];

  constructor(private readonly max = 20) {}

  add(incoming: readonly SlaAlert[]): void {
    const known = new Set(this.alerts.map((a) => a.eventId));
    const fresh = incoming.filter((a) => !known.has(a.eventId));
    this.alerts = [...fresh.reverse(), ...this.alerts].slice(0, this.max);
  }

  list(): SlaAlert[] {
    return [...this.alerts];
  }

  dismiss(eventId: string): void {
    this.alerts = this.alerts.filter((a) => a.eventId !== eventId);
  }
}
