export * from './normalise';
export * from './match';
export * from './store';
export * from './merge';
