import type DataLoader from 'dataloader';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { pathScope, groupedLoader, keyedLoader, unitLookup, type UnitLookup, type SubgraphContext } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';
import { AbsconderSearchEntity } from './entities/AbsconderSearch';
import { DrugUserCheckInEntity } from './entities/DrugUserCheckIn';
import { DrugUserManagementEntity } from './entities/DrugUserManagement';
import { ElectronicMonitoringOrderEntity } from './entities/ElectronicMonitoringOrder';
import { MonitoringAlertEntity } from './entities/MonitoringAlert';
import { SubstanceDeclarationEntity } from './entities/SubstanceDeclaration';
import { SummonsEntity } from './entities/Summons';
import { PersonEntity } from './entities/Person';
import { personReadScope } from './care/scope';
import { RehabCompletionNoticeEntity } from './entities/RehabCompletionNotice';
import { TransferNoticeEntity } from './entities/TransferNotice';

export interface PoliceLoaders {
  /** Persons by id, limited to the caller's unit subtree or care relation (others load as null). */
  personById: DataLoader<string, PersonEntity | null>;
  /** Records merged into each survivor id (within the caller's unit). */
  mergedRecordsBySurvivor: DataLoader<string, PersonEntity[]>;
  /** Each person's drug-user management cases, newest detection first. */
  managementsByPerson: DataLoader<string, DrugUserManagementEntity[]>;
  /** Each management case's check-ins, newest first. */
  checkInsByManagement: DataLoader<string, DrugUserCheckInEntity[]>;
  /** Each person's transfer notices (sent or received within the caller's unit), newest first. */
  transferNoticesByPerson: DataLoader<string, TransferNoticeEntity[]>;
  absconderSearchesByPerson: DataLoader<string, AbsconderSearchEntity[]>;
  completionNoticesByPerson: DataLoader<string, RehabCompletionNoticeEntity[]>;
  unitByCode: UnitLookup;
  /** Law 120/2025: each management's substance declarations and summonses, newest first. */
  declarationsByManagement: DataLoader<string, SubstanceDeclarationEntity[]>;
  summonsesByManagement: DataLoader<string, SummonsEntity[]>;
  /** Each person's electronic monitoring orders, newest first, and each order's alerts, oldest first. */
  monitoringOrdersByPerson: DataLoader<string, ElectronicMonitoringOrderEntity[]>;
  alertsByOrder: DataLoader<string, MonitoringAlertEntity[]>;
}

export type Context = SubgraphContext<PoliceLoaders>;

/** One scoped statement per batch: rows of `entity` whose `keyColumn` is among the keys. */
function scopedGroups<T extends ObjectLiteral>(
  db: DataSource,
  caller: Caller,
  entity: new () => T,
  keyColumn: string,
  keyOf: (row: T) => string,
  order: readonly (readonly [string, 'ASC' | 'DESC'])[],
  scopeColumns: readonly string[] = ['r.owner_unit_path'],
  personColumn: string | null = 'r.person_id',
): DataLoader<string, T[]> {
  return groupedLoader(async (keys) => {
    const scope = pathScope(scopeColumns, caller, personColumn ? { personColumn } : {});
    const query = db
      .getRepository(entity)
      .createQueryBuilder('r')
      .where(`r.${keyColumn} IN (:...keys)`, { keys })
      .andWhere(scope.sql, scope.params);
    for (const [column, direction] of order) query.addOrderBy(column, direction);
    return query.getMany();
  }, keyOf);
}

export function createLoaders(db: DataSource, caller: Caller): PoliceLoaders {
  return {
    personById: keyedLoader(
      async (ids) => {
        // The caller's unit subtree, or (clinic and facility staff) a care relation of their unit.
        const scope = personReadScope(pathScope('p.owner_unit_path', caller), 'p.id', caller);
        return db
          .getRepository(PersonEntity)
          .createQueryBuilder('p')
          .where('p.id IN (:...ids)', { ids })
          .andWhere(scope.sql, scope.params)
          .getMany();
      },
      (p) => p.id,
    ),
    mergedRecordsBySurvivor: scopedGroups(
      db,
      caller,
      PersonEntity,
      'merged_into',
      (p) => p.mergedInto ?? '',
      [['r.identification_number', 'ASC']],
      ['r.owner_unit_path'],
      null,
    ),
    managementsByPerson: scopedGroups(db, caller, DrugUserManagementEntity, 'person_id', (m) => m.personId, [
      ['r.detected_on', 'DESC'],
      ['r.id', 'DESC'],
    ]),
    checkInsByManagement: scopedGroups(db, caller, DrugUserCheckInEntity, 'management_id', (c) => c.managementId, [
      ['r.checked_in_on', 'DESC'],
      ['r.id', 'DESC'],
    ]),
    transferNoticesByPerson: scopedGroups(
      db,
      caller,
      TransferNoticeEntity,
      'person_id',
      (n) => n.personId,
      [
        ['r.sent_at', 'DESC'],
        ['r.id', 'DESC'],
      ],
      ['r.from_unit_path', 'r.to_unit_path'],
    ),
    absconderSearchesByPerson: scopedGroups(db, caller, AbsconderSearchEntity, 'person_id', (s) => s.personId, [
      ['r.since', 'DESC'],
      ['r.id', 'DESC'],
    ]),
    completionNoticesByPerson: scopedGroups(db, caller, RehabCompletionNoticeEntity, 'person_id', (n) => n.personId, [
      ['r.completed_on', 'DESC'],
      ['r.id', 'DESC'],
    ]),
    unitByCode: unitLookup(),
    declarationsByManagement: scopedGroups(db, caller, SubstanceDeclarationEntity, 'management_id', (d) => d.managementId, [
      ['r.declared_on', 'DESC'],
      ['r.recorded_at', 'DESC'],
      ['r.id', 'DESC'],
    ]),
    summonsesByManagement: scopedGroups(db, caller, SummonsEntity, 'management_id', (s) => s.managementId, [
      ['r.summoned_on', 'DESC'],
      ['r.issued_at', 'DESC'],
      ['r.id', 'DESC'],
    ]),
    monitoringOrdersByPerson: scopedGroups(db, caller, ElectronicMonitoringOrderEntity, 'person_id', (o) => o.personId, [
      ['r.ordered_on', 'DESC'],
      ['r.id', 'DESC'],
    ]),
    alertsByOrder: scopedGroups(db, caller, MonitoringAlertEntity, 'order_id', (a) => a.orderId, [
      ['r.occurred_at', 'ASC'],
      ['r.id', 'ASC'],
    ]),
  };
}
