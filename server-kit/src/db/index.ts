export * from './urls';
export * from './datasource';
export * from './query-counter';
export * from './embedded';
