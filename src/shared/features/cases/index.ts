export { CASES_MUTATIONS, caseAssign, caseSetPriority, caseSetStatus } from './mutations';
export { CASE_CLOSED, caseFor, caseToActOn, customerFor, isDecision } from './rules';
