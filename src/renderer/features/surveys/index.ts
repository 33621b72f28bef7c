export { SurveySend } from './SurveySend';
// the lead console's customer-perceived quality (issue 18), shown by the lead feature's console view
export { SurveyQualityPanel } from './SurveyQualityPanel';
export { FollowUpsPanel } from './FollowUpsPanel';
export { RankingPanel } from './RankingPanel';
export { IndexWeightsPanel } from './IndexWeightsPanel';
export { VendorMarker } from './VendorMarker';
export { VoicePanel } from './VoicePanel';
export { SurveySettingsPanel } from './SurveySettingsPanel';
