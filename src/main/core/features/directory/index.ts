export { cachedDirectory } from './cached-directory';
