export * from './variables';
export * from './validate';
