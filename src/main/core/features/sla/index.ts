export { cachedCaseSla } from './case-clocks';
