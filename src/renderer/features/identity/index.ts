// The identity feature's face to other features: the customer profile panel.
export { CustomerProfile } from './CustomerProfile';
