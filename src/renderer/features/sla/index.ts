// The sla feature's face to other features: the clocks of a case, the queue's due cell, and the pure display rules.
export { DUE_SOON_MS, firstResponseState, type FirstResponseState } from './first-response';
export { FirstResponseDue } from './SlaDue';
export { CaseSlaClocks, SlaDueCell, useCaseSla } from './SlaClocks';
export { caseDisplay, clockDisplay, type ClockDisplay } from './clock-display';
export { SlaAlerts } from './SlaAlerts';
export { addAlerts, MAX_ALERTS, reassignCandidates } from './alert-list';
