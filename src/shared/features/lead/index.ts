export * from './facts';
export * from './kpis';
export * from './contract';
