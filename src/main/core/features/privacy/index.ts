export { erasurePullApplier, eraseCustomerInCache } from './erase-cache';
