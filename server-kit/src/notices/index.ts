export * from './fields';
export * from './contract';
export * from './catalogue';
