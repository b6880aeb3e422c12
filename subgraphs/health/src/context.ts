import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import {
  administrativeUnitLoader, groupedLoader, keyedLoader, unitScope, type AdministrativeUnitEntity, type SubgraphContext,
} from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';
import { AddictionDeterminationEntity } from './entities/AddictionDetermination';
import { AddictionDeterminationRequestEntity } from './entities/AddictionDeterminationRequest';
import { ClinicEntity } from './entities/Clinic';
import { SubstitutionTreatmentEntity } from './entities/SubstitutionTreatment';

export interface HealthLoaders {
  /** A person's addiction determinations owned within the caller's unit subtree, newest first. */
  determinationsByPerson: DataLoader<string, AddictionDeterminationEntity[]>;
  /** A person's determination requests made within the caller's unit subtree, newest first. */
  requestsByPerson: DataLoader<string, AddictionDeterminationRequestEntity[]>;
  /** A person's current (active, else latest) enrolment whose clinic or residence is in the caller's subtree. */
  treatmentByPerson: DataLoader<string, SubstitutionTreatmentEntity | null>;
  /** Clinics by code (reference data, not scoped). */
  clinicByCode: DataLoader<string, ClinicEntity | null>;
  unitByCode: DataLoader<string, AdministrativeUnitEntity | null>;
}

export type Context = SubgraphContext<HealthLoaders>;

export function createLoaders(db: DataSource, caller: Caller): HealthLoaders {
  return {
    determinationsByPerson: groupedLoader(async (ids) => {
      const scope = unitScope('d.owner_unit_path', caller);
      return db.getRepository(AddictionDeterminationEntity).createQueryBuilder('d')
        .where('d.person_id IN (:...ids)', { ids }).andWhere(scope.sql, scope.params)
        .orderBy('d.examined_on', 'DESC').addOrderBy('d.id', 'DESC').getMany();
    }, (d) => d.personId),

    requestsByPerson: groupedLoader(async (ids) => {
      const scope = unitScope('r.owner_unit_path', caller);
      return db.getRepository(AddictionDeterminationRequestEntity).createQueryBuilder('r')
        .where('r.person_id IN (:...ids)', { ids }).andWhere(scope.sql, scope.params)
        .orderBy('r.requested_at', 'DESC').addOrderBy('r.id', 'DESC').getMany();
    }, (r) => r.personId),

    treatmentByPerson: keyedLoader(async (ids) => {
      const byClinic = unitScope('t.owner_unit_path', caller);
      const byResidence = unitScope('t.residence_unit_path', caller);
      // One row per person: the active enrolment, else the latest one.
      return db.getRepository(SubstitutionTreatmentEntity).createQueryBuilder('t')
        .distinctOn(['t.person_id'])
        .where('t.person_id IN (:...ids)', { ids })
        .andWhere(`(${byClinic.sql} OR ${byResidence.sql})`, { ...byClinic.params, ...byResidence.params })
        .orderBy('t.person_id', 'ASC')
        .addOrderBy(`CASE WHEN t.status = 'ACTIVE' THEN 0 ELSE 1 END`, 'ASC')
        .addOrderBy('t.enrolled_on', 'DESC').addOrderBy('t.id', 'DESC')
        .getMany();
    }, (t) => t.personId),

    clinicByCode: keyedLoader((codes) => db.getRepository(ClinicEntity).createQueryBuilder('c')
      .where('c.code IN (:...codes)', { codes }).getMany(), (c) => c.code),

    unitByCode: administrativeUnitLoader(db),
  };
}
