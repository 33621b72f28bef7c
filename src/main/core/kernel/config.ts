import { DEFAULT_HISTORY_DAYS, MAX_HISTORY_DAYS } from '../../../shared/index';

/**
 * OMNIDESK_HISTORY_DAYS: how many days of history a desktop cache is bootstrapped with and kept to
 * (partial replication; default 90). Read by both shells (Electron main, web-host) from the environment.
 */
export function historyDaysFromEnv(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.OMNIDESK_HISTORY_DAYS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_HISTORY_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > MAX_HISTORY_DAYS) {
    throw new Error(`OMNIDESK_HISTORY_DAYS must be a whole number of days from 1 to ${MAX_HISTORY_DAYS}`);
  }
  return days;
}
