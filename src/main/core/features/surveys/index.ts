export { surveysHandlers } from './handlers';
