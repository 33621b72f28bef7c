export { macrosHandlers, type MacrosContext } from './handlers';
