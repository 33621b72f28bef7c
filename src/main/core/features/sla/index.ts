export { cachedCaseSla } from './case-clocks';
export { newSlaAlerts } from './alerts';
export { SlaAlertInbox } from './alert-inbox';
export { slaHandlers, type SlaContext } from './handlers';
