export { accountsHandlers, type AccountsContext, type AccountsSession } from './handlers';
