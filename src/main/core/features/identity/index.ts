export { identityHandlers, mergeInfo } from './handlers';
export { applyMergeToCache, isMergeEvent, mergePullApplier } from './merge-cache';
