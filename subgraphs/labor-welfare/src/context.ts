import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import {
  administrativeUnitLoader, groupedLoader, keyedLoader, unitScope, type AdministrativeUnitEntity, type SubgraphContext,
} from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';
import { FacilityEntity } from './entities/Facility';
import { RehabEpisodeEntity } from './entities/RehabEpisode';

export interface LaborWelfareLoaders {
  /** A person's rehab episodes, newest first, limited to the caller's scope (facility or residence). */
  rehabEpisodesByPerson: DataLoader<string, RehabEpisodeEntity[]>;
  /** Facilities by code (reference data, not scoped). */
  facilityByCode: DataLoader<string, FacilityEntity | null>;
  unitByCode: DataLoader<string, AdministrativeUnitEntity | null>;
}

export type Context = SubgraphContext<LaborWelfareLoaders>;

/**
 * SQL condition keeping the episodes the caller may see: the facility's path or the
 * residence commune's path lies in the caller's subtree.
 */
export function episodeScope(alias: string, caller: Caller): { sql: string; params: Record<string, string> } {
  const facility = unitScope(`${alias}.facility_owner_path`, caller);
  const residence = unitScope(`${alias}.residence_owner_path`, caller);
  return { sql: `(${facility.sql} OR ${residence.sql})`, params: { ...facility.params, ...residence.params } };
}

export function createLoaders(db: DataSource, caller: Caller): LaborWelfareLoaders {
  return {
    rehabEpisodesByPerson: groupedLoader(async (personIds) => {
      const scope = episodeScope('e', caller);
      return db.getRepository(RehabEpisodeEntity).createQueryBuilder('e')
        .where('e.person_id IN (:...personIds)', { personIds }).andWhere(scope.sql, scope.params)
        .orderBy('e.admitted_on', 'DESC').addOrderBy('e.id', 'DESC').getMany();
    }, (e) => e.personId),
    facilityByCode: keyedLoader((codes) => db.getRepository(FacilityEntity).createQueryBuilder('f')
      .where('f.code IN (:...codes)', { codes }).getMany(), (f) => f.code),
    unitByCode: administrativeUnitLoader(db),
  };
}
