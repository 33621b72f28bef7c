export { slaAppendHook, slaDeadlineJob, deadlineJobs, SLA_DEADLINE_KIND } from './deadlines';
export { clocksOfCases, type ServerCaseClocks } from './clocks';
export { loadSlaConfig, ruleFor, type SlaConfig } from './config';
export { slaAttainment, type AttainmentGroup, type AttainmentRow } from './attainment';
export { slaRoutes } from './routes';
