export * from './answer';
export * from './metrics';
export * from './topsis';
export * from './send-rules';
export * from './contract';
export * from './texts';
export * from './report';
export * from './follow-up';
