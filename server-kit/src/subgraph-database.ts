import type { EntitySchema, MixedList } from 'typeorm';
import { AuditLogEntry } from './audit/entity';
import { CreateAuditLog1763800000001 } from './audit/migration';
import { createDataSource, type ClassType, type CountedDataSource, type DatabaseOwner } from './db';
import { AddOutboxLease1796226400000, CreateOutbox1763800000002, InboxNoticeEntity, OutboxNoticeEntity } from './outbox';
import { AdministrativeUnitEntity, LegalRuleEntity, PersonUnitAssignmentEntity, UnitLineageEntity } from './reference/entities';
import { AdoptRealUnits1764700000000 } from './reference/adopt-real-units';
import { CreateReferenceData1763800000000 } from './reference/migration';
import { CreateUnitPatchLog1764700000200 } from './reference/unit-patch-sync';
import { CreateMigrationStatus1796226354475 } from './observability/migration';
import { CreateOfficerNotification1796400000000 } from './notifications';
import { TrackDataChanges1796500002200 } from './data-changes';

type Classes = MixedList<ClassType | string | EntitySchema>;

/** Tables every subgraph database has: reference data, audit log, outbox and inbox (officers' notifications: by SQL). */
export const COMMON_ENTITIES = [
  AdministrativeUnitEntity,
  UnitLineageEntity,
  PersonUnitAssignmentEntity,
  LegalRuleEntity,
  AuditLogEntry,
  OutboxNoticeEntity,
  InboxNoticeEntity,
];
export const COMMON_MIGRATIONS = [
  CreateReferenceData1763800000000,
  CreateAuditLog1763800000001,
  CreateOutbox1763800000002,
  AdoptRealUnits1764700000000,
  CreateUnitPatchLog1764700000200,
  CreateMigrationStatus1796226354475,
  AddOutboxLease1796226400000,
  CreateOfficerNotification1796400000000,
  TrackDataChanges1796500002200,
];

/** A subgraph's DataSource: the common tables first, then its own entities and migrations. */
export function createSubgraphDataSource(
  owner: DatabaseOwner,
  own: { entities: readonly ClassType[]; migrations: readonly ClassType[] },
  env: NodeJS.ProcessEnv = process.env,
): CountedDataSource {
  return createDataSource({
    owner,
    entities: [...COMMON_ENTITIES, ...own.entities] as Classes,
    migrations: [...COMMON_MIGRATIONS, ...own.migrations],
    env,
  });
}
