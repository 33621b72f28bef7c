import type { QueueRow } from '../../../shared/contracts/bridge';

/** First-response SLA as the queue shows it. */
export type FirstResponseState = 'responded' | 'not_running' | 'overdue' | 'due_soon' | 'on_track';

/** "due soon" when less than this remains. */
export const DUE_SOON_MS = 10 * 60_000;

export function firstResponseState(
  row: Pick<QueueRow, 'status' | 'firstRespondedAt' | 'firstResponseDueAt'>,
  nowMs: number,
): FirstResponseState {
  if (row.firstRespondedAt !== null) return 'responded';
  if (row.status === 'resolved' || row.status === 'closed') return 'not_running';
  const due = Date.parse(row.firstResponseDueAt);
  if (Number.isNaN(due)) return 'on_track';
  if (due <= nowMs) return 'overdue';
  if (due - nowMs <= DUE_SOON_MS) return 'due_soon';
  return 'on_track';
}
