export * from './facts';
export * from './kpis';
export * from './contract';
export { LEAD_MUTATIONS, caseRequestHelp, caseAnswerHelp, caseFastTrack, caseReviewFastTrack } from './mutations';
export * from './alerts';
