export { AccessLog, type AccessLogOptions } from './access-log';
export { auditHandlers, sendAccessReport, type AuditSession } from './handlers';
