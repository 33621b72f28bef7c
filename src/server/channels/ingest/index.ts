export { baseSubject, ingestBatchInTx, ingestBatchNow, ingestInbound, ingestInboundAll, prepareInbound, type IngestDeps } from './pipeline';
