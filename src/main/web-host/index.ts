export { startWebHost, type WebHost, type WebHostOptions } from './server';
