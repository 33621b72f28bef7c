export { escalationAppendHook, triggerOf } from './hook';
export { escalationRoutes } from './routes';
export { importShippedDocuments, saveDocuments, EscalationSetError } from './documents';
export { currentRuleSet, type RuleSet } from './rule-set';
