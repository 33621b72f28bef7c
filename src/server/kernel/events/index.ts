export { appendEvents, lockEventLog, EVENT_LOG_LOCK, type AppendResult } from './append';
export { EVENT_COLUMNS, rowToEvent, type EventRow } from './rows';
export * from './store';
