export * from './logger';
export * from './request';
export * from './metrics';
export * from './readiness';
export * from './errors';
export * from './migration';
export * from './tracing';
