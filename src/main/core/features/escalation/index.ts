export { escalationHandlers, type EscalationContext } from './handlers';
export { newEscalationAlerts } from './alerts';
export { escalationPanel, caseEvents } from './panel';
export { ruleSetOf } from './rule-set';
