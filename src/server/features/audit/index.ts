/** The audit trail (issue 9): what other features call is recordAudit (own transaction) or appendAudit (inside one). */
export { appendAudit, recordAudit, listAudit, verifyAudit, exportAudit, searchHasher, sha256Hex, SEARCH_KEY_PURPOSE } from './store';
export { auditRoutes, accessEntries } from './routes';
export { auditAppendHook } from './hook';
