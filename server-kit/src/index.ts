export * from './errors';
export * from './phone';
export * from './programme';
export * from './input-checks';
export * from './context-token';
export * from './scalars';
export * from './db';
export * from './reference/entities';
export * from './reference/migration';
export * from './reference/adopt-real-units';
export * from './reference/unit-patch-sync';
export * from './reference/bulk';
export * from './reference/unit-input';
export * from './reference/unit-assignment';
export * from './reference/resolvers';
export * from './audit';
export * from './access';
export * from './access/pseudonym';
export * from './loaders';
export * from './context';
export * from './paging';
export * from './subgraph';
export * from './outbox';
export * from './notifications';
export * from './notices';
export * from './limits';
export * from './secrets';
export * from './config';
export * from './main';
export * from './testing';
export * from './subgraph-database';
export * from './record-errors';
export * from './indicators';
export * from './measure-cache';
export * from './data-changes';
export { bodyErrorHandler, observedBodyErrorHandler } from './http-errors';
export {
  badCursor,
  connectionResolvers,
  COUNT_CAP,
  countUpTo,
  cursorParts,
  keysetPage,
  makeCursor,
  type BoundedCount,
  type ConnectionParent,
  type KeysetOptions,
} from './keyset';
export { isUniqueViolation, violatedUniqueConstraint } from './db/unique-violation';
export * as demoUnits from './testing-units';
export * from './person-directory';
export * from './registration';
export * from './http-keep-alive';
export * from './observability';
