export { ingestBatchInTx, ingestBatchNow, type IngestDeps } from './pipeline';
export { ingestInbound, ingestInboundAll } from './group-commit';
export { prepareInbound } from './prepare';
export { baseSubject } from './threads';
