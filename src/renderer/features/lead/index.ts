// The lead console (issue 16): its view is loaded on first use from App.tsx (#/console).
export { LeadConsoleView } from './LeadConsoleView';
export { HelpRequest } from './HelpRequest';
export { FastTrack } from './FastTrack';
export { LeadMessages } from './LeadMessages';
