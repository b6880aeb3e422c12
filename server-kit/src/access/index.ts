export * from './enforce';
export * from './scope';
export * from './responsibility';
