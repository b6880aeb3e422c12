export * from './entity';
export * from './migration';
export * from './collector';
export * from './access-log';
export * from './writer';
