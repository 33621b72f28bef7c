export { ownershipAppendHook } from './ownership';
