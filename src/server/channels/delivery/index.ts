export { enqueueDeliveries, onDeliveriesEnqueued } from './queue';
export { startDeliveryWorker, loadOutbound, safeDeliveryError, type DeliveryWorker, type DeliveryWorkerOptions } from './worker';
export { deliveryAppendHook } from './hook';
