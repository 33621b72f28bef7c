export { IDENTITY_MUTATIONS, customerMerge, customerUnmerge, customerUpdate } from './mutations';
export { applyMergeToCustomer } from './merge-projection';
