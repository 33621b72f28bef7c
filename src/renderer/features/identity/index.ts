// The identity feature's face to other features: the customer profile panel, the "identity not verified" badge.
export { CustomerProfile } from './CustomerProfile';
export { UnverifiedBadge } from './UnverifiedBadge';
