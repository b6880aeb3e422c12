export * from './random';
export * from './population';
export * from './targets';
