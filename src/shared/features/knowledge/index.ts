export * from './article';
export * from './passages';
export * from './parse';
export * from './tokens';
export * from './rank';
export * from './reference';
export * from './use';
export * from './bridge';
