export { cachedCaseSla } from './case-clocks';
export { newSlaAlerts } from './alerts';
export { slaHandlers, type SlaContext } from './handlers';
