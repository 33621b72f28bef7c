export * from './cti';
export * from './routes';
export * from './service';
