export { surveyScheduleHook } from './hook';
export { surveyRoutes, surveySendRoutes } from './routes';
export { sendSurvey, surveySendJob, SURVEY_SEND_KIND, type SurveyDeps } from './send';
export { surveyQualityRoutes } from './quality-routes';
export { surveySettingsRoutes } from './settings-routes';
