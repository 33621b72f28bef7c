export { appendEvents, lockEventLog, EVENT_LOG_LOCK, type AppendResult } from './append';
export { registerAppendHook, appendHooks, type AppendHook } from './hooks';
export { withEventLog, type EventLogTx, type Poke } from './unit-of-work';
export { EVENT_COLUMNS, rowToEvent, type EventRow } from './rows';
export * from './store';
export { onChange, announceChange, type Change, type ChangeListener } from './changes';
