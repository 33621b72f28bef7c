// The conversations feature's face to other features: the customer on screen and its timeline store.
export { createCustomerStore } from './customer-store';
export { useCustomer } from './use-customer';
export { useReplyDraft } from './reply-draft';
