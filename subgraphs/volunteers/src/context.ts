import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { administrativeUnitLoader, groupedLoader, unitScope, type AdministrativeUnitEntity, type SubgraphContext } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';
import { VolunteerAssignmentEntity } from './entities/VolunteerAssignment';
import { VolunteerTrainingEntity } from './entities/VolunteerTraining';

export interface VolunteersLoaders {
  /**
   * Assignments per person id, newest first, each with its volunteer and organisation
   * (one statement per batch), limited to the caller's unit subtree.
   */
  assignmentsByPerson: DataLoader<string, VolunteerAssignmentEntity[]>;
  unitByCode: DataLoader<string, AdministrativeUnitEntity | null>;
  /** Training courses per volunteer id, oldest first (one statement per batch). */
  trainingsByVolunteer: DataLoader<string, VolunteerTrainingEntity[]>;
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
    trainingsByVolunteer: groupedLoader((ids) => db.getRepository(VolunteerTrainingEntity).createQueryBuilder('t')
      .where('t.volunteer_id IN (:...ids)', { ids }).orderBy('t.started_on').addOrderBy('t.id').getMany(), (t) => t.volunteerId),
  };
}
