// The safety feature's face to other features: a message's flags and how they show, the case's safety panel, the queue's mark.
export { highlightSegments, safetyByMessage, type SafetyFlagInfo, type Segment } from './flag-model';
export { HighlightedBody, SafetyFlagBadge } from './SafetyFlag';
export { CaseSafetyPanel } from './CaseSafetyPanel';
export { QueueSafetyBadge } from './QueueSafetyBadge';
export { FlagHarmButton } from './FlagHarmButton';
export { SafetyAlerts, addSafetyAlerts } from './SafetyAlerts';
