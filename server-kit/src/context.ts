import type { DataSource } from 'typeorm';
import type { Caller } from '@rehab/shared-schema';
import { AuditCollector } from './audit/collector';

/** Per-request context every subgraph resolver receives. L: the subgraph's loaders. */
export interface SubgraphContext<L> {
  caller: Caller;
  db: DataSource;
  loaders: L;
  audit: AuditCollector;
}

export type LoaderFactory<L> = (db: DataSource, caller: Caller) => L;

/** Builds a fresh context (and fresh loaders: their cache must not outlive the request). */
export function createContext<L>(db: DataSource, caller: Caller, createLoaders: LoaderFactory<L>): SubgraphContext<L> {
  return { caller, db, loaders: createLoaders(db, caller), audit: new AuditCollector(caller) };
}
