export * from './parse';
export * from './routes';
export * from './sender';
