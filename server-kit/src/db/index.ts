export * from './urls';
export * from './datasource';
export * from './app-role';
export * from './query-counter';
export * from './embedded';
export * from './bulk-load';
