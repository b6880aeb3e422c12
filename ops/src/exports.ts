export * from './registry';
export * from './databases';
export * from './system';
