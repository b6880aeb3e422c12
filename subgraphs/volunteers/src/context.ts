import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { administrativeUnitLoader, groupedLoader, unitScope, type AdministrativeUnitEntity, type SubgraphContext } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';
import { VolunteerAssignmentEntity } from './entities/VolunteerAssignment';

export interface VolunteersLoaders {
  /**
   * Assignments per person id, newest first, each with its volunteer and organisation
   * (one statement per batch), limited to the caller's unit subtree.
   */
  assignmentsByPerson: DataLoader<string, VolunteerAssignmentEntity[]>;
  unitByCode: DataLoader<string, AdministrativeUnitEntity | null>;
}

export type Context = SubgraphContext<VolunteersLoaders>;

export function createLoaders(db: DataSource, caller: Caller): VolunteersLoaders {
  return {
    assignmentsByPerson: groupedLoader(async (personIds) => {
      const scope = unitScope('a.owner_unit_path', caller);
      return db.getRepository(VolunteerAssignmentEntity).createQueryBuilder('a')
        .innerJoinAndSelect('a.volunteer', 'v')
        .innerJoinAndSelect('v.organisation', 'o')
        .where('a.person_id IN (:...personIds)', { personIds })
        .andWhere(scope.sql, scope.params)
        .orderBy('a.started_on', 'DESC').addOrderBy('a.id', 'ASC')
        .getMany();
    }, (a) => a.personId),
    unitByCode: administrativeUnitLoader(db),
  };
}
