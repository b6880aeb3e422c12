export * from './catalogue';
export * from './period';
export * from './value-id';
export * from './measurement';
