export { leadHandlers, relayLeadLive, type LeadContext } from './handlers';
