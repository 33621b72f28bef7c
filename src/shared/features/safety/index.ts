export * from './categories';
export * from './detect';
export * from './regulatory-clock';
export * from './mutations';
export * from './prefill';
export * from './review';
export * from './queue';
export * from './alerts';
