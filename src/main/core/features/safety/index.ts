export { newSafetyAlerts, SAFETY_ALERT_WINDOW_MS } from './alerts';
export { safetyAlertHandlers, type SafetyAlertContext } from './handlers';
export { complaintExportHandlers, type SafetySession } from './complaint-export';
