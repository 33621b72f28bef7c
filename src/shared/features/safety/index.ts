export * from './categories';
export * from './detect';
