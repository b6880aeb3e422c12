import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { administrativeUnitLoader, keyedLoader, unitScope, type AdministrativeUnitEntity, type SubgraphContext } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';
import { PersonEntity } from './entities/Person';

export interface PoliceLoaders {
  /** Persons by id, limited to the caller's unit subtree (others load as null). */
  personById: DataLoader<string, PersonEntity | null>;
  unitByCode: DataLoader<string, AdministrativeUnitEntity | null>;
}

export type Context = SubgraphContext<PoliceLoaders>;

export function createLoaders(db: DataSource, caller: Caller): PoliceLoaders {
  return {
    personById: keyedLoader(async (ids) => {
      const scope = unitScope('p.owner_unit_path', caller);
      return db.getRepository(PersonEntity).createQueryBuilder('p')
        .where('p.id IN (:...ids)', { ids }).andWhere(scope.sql, scope.params).getMany();
    }, (p) => p.id),
    unitByCode: administrativeUnitLoader(db),
  };
}
