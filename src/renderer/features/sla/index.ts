// The sla feature's face to other features: the first-response state and its badge.
export { DUE_SOON_MS, firstResponseState, type FirstResponseState } from './first-response';
export { FirstResponseDue } from './SlaDue';
