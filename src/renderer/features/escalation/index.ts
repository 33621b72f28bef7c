// The escalation feature's face to other features: the panel beside the timeline, the compensation gate of the composer, alerts.
export { EscalationPanel, HandoffSummaryView } from './EscalationPanel';
export { CompensationGate, useCompensationGate, type Gate } from './CompensationGate';
export { EscalationAlerts, addEscalationAlerts } from './EscalationAlerts';
export { useEscalationNames, escalationNames, type EscalationNames } from './labels';
