export * from './chain';
export * from './contract';
