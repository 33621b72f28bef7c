export { deleteReference, lockReference, putReference, referenceVersionOf, REFERENCE_LOCK, type ReferencePut } from './write';
export { MAX_REFERENCE_PAGE_CHARS, pullReference, referenceScope } from './pull';
