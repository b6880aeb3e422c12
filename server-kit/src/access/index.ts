export * from './enforce';
export * from './scope';
