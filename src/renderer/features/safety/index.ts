// The safety feature's face to other features: a message's flags and how they show.
export { highlightSegments, safetyByMessage, type SafetyFlagInfo, type Segment } from './flag-model';
export { HighlightedBody, SafetyFlagBadge } from './SafetyFlag';
