export * from './registry';
export * from './databases';
export * from './system';
export * from './scaffold';
