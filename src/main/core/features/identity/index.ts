export { channelHandlers, mergeInfo, type ChannelHandlerContext } from './handlers';
export { applyMergeToCache, isMergeEvent, mergePullApplier } from './merge-cache';
