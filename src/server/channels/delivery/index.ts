export { enqueueDeliveries, deliveryJobKind, type DeliveryJobPayload } from './queue';
export { deliveryJobs, safeDeliveryError, type DeliveryJobOptions } from './job';
export { loadOutbound } from './outbound';
export { recordDeliveryStatus, type DeliveryReport, type DeliveryRowStatus, type DeliveryStatusDeps } from './record-status';
export { startDeliveryWorker, type DeliveryWorker, type DeliveryWorkerOptions } from './worker';
export { deliveryAppendHook } from './hook';
