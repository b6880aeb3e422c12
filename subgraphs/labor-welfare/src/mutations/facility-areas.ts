import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ageOn, todayInHanoi } from '@rehab/shared-schema';
import type { MutationResolvers } from '../__generated__/resolvers';
import { FacilityAreaEntity, type FacilityAreaKind } from '../entities/FacilityArea';
import type { RehabEpisodeEntity } from '../entities/RehabEpisode';
import { nextEpisodeStatus } from '../rules/episode';
import { FACILITY_NAME, badInput, checkNotBefore, checkNotFuture, requiredText } from '../rules/errors';
import { lockEpisode, transition } from './episode';
import { applyChanges, checkActsOn, checkUuid, inTransaction, inputFacility, inputUnit, lockForChange } from './support';

const AREA = { vi: 'khu', en: 'area' };
const MINOR_KINDS: readonly FacilityAreaKind[] = ['MINOR_BOYS', 'MINOR_GIRLS'];

function capacityOf(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 100_000) {
    throw badInput({ vi: 'Số chỗ phải là số nguyên từ 0 đến 100000', en: 'Places must be an integer from 0 to 100000' }, field);
  }
  return value;
}

const nameOf = (value: string, field: string) => requiredText(value, field, { vi: 'tên khu', en: 'area name' }, 100);

async function checkNameFree(manager: EntityManager, facilityCode: string, name: string, except: string | null): Promise<void> {
  const taken = await manager
    .getRepository(FacilityAreaEntity)
    .createQueryBuilder('a')
    .where('a.facility_code = :facilityCode AND lower(a.name) = lower(:name)', { facilityCode, name })
    .andWhere(except ? 'a.id <> :except' : 'TRUE', { except })
    .getExists();
  if (taken)
    throw badInput({ vi: `Cơ sở đã có khu “${name}”`, en: `The facility already has an area named ${name}` }, 'input.name');
}

/** The age at placement decides between adults' and minors' areas, where the dossier gives the date of birth. */
async function checkAgeFits(manager: EntityManager, e: RehabEpisodeEntity, kind: FacilityAreaKind, on: string): Promise<void> {
  if (!e.dossierId) return;
  const [row] = await manager.query<{ dob: string | null }[]>(
    'SELECT subject_date_of_birth::text AS dob FROM compulsory_rehab_dossier WHERE id = $1',
    [e.dossierId],
  );
  if (!row?.dob) return;
  const minor = ageOn(row.dob, on) < 18;
  if (minor !== MINOR_KINDS.includes(kind)) {
    throw badInput(
      minor
        ? {
            vi: 'Người chưa đủ 18 tuổi phải ở khu dành cho người chưa thành niên',
            en: 'A person under 18 goes to a minors’ area',
          }
        : { vi: 'Người từ đủ 18 tuổi không ở khu dành cho người chưa thành niên', en: 'An adult does not go to a minors’ area' },
      'areaId',
    );
  }
}

export const facilityAreaMutations: Pick<MutationResolvers, 'addFacilityArea' | 'updateFacilityArea' | 'placeResidentInArea'> = {
  addFacilityArea: (_parent, { facilityCode, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const facility = await inputFacility(manager, facilityCode, 'facilityCode', false);
      checkActsOn(ctx.caller, inputUnit(facility.code, 'facilityCode', ['FACILITY']).path, FACILITY_NAME);
      const name = nameOf(input.name, 'input.name');
      const capacity = capacityOf(input.capacity, 'input.capacity');
      if (MINOR_KINDS.includes(input.kind) && !facility.admitsMinors) {
        throw badInput(
          {
            vi: `${facility.name} không được ghi nhận là có khu tiếp nhận người chưa thành niên`,
            en: `${facility.code} is not recorded as admitting minors`,
          },
          'input.kind',
        );
      }
      await checkNameFree(manager, facility.code, name, null);
      const id = randomUUID();
      await manager
        .getRepository(FacilityAreaEntity)
        .insert({ id, facilityCode: facility.code, name, kind: input.kind, capacity });
      await ctx.audit.change(manager, 'FacilityArea', ['capacity', 'kind', 'name'], null);
      return manager.getRepository(FacilityAreaEntity).findOneByOrFail({ id });
    }),

  updateFacilityArea: (_parent, { id, expectedVersion, name, capacity }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const area = await lockForChange(manager, ctx.caller, {
        entity: FacilityAreaEntity,
        name: AREA,
        key: { column: 'id', value: checkUuid(id, 'id') },
        expectedVersion,
        // Areas are public like their facility: anyone sees them; the facility and the office above it act.
        paths: () => [ctx.caller.unitPath],
        actingPath: (a) => inputUnit(a.facilityCode, 'id', ['FACILITY']).path,
      });
      const newName = nameOf(name, 'name');
      await checkNameFree(manager, area.facilityCode, newName, area.id);
      const updated = await applyChanges(manager, FacilityAreaEntity, area, 'id', {
        name: newName,
        capacity: capacityOf(capacity, 'capacity'),
      });
      await ctx.audit.change(manager, 'FacilityArea', ['capacity', 'name'], null);
      return updated;
    }),

  placeResidentInArea: (_parent, { id, expectedVersion, areaId, placedOn }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const e = await lockEpisode(manager, ctx.caller, id, expectedVersion);
      nextEpisodeStatus(e.kind, e.status, 'PLACE_IN_AREA');
      const on = placedOn ?? todayInHanoi();
      checkNotFuture(on, 'placedOn');
      checkNotBefore(on, e.admittedOn, 'placedOn', { vi: 'ngày tiếp nhận', en: 'the admission' });
      const found = await manager.getRepository(FacilityAreaEntity).findOneBy({ id: checkUuid(areaId, 'areaId') });
      const area = found?.facilityCode === e.facilityCode ? found : null;
      if (!area) {
        throw badInput(
          { vi: 'Khu này không thuộc cơ sở đang quản lý người này', en: 'The area is not of the facility holding the resident' },
          'areaId',
        );
      }
      if (area.id === e.areaId)
        throw badInput({ vi: `Người này đã ở khu “${area.name}”`, en: `Already in ${area.name}` }, 'areaId');
      await checkAgeFits(manager, e, area.kind, on);
      return transition(manager, ctx, e, 'PLACE_IN_AREA', on, { areaId: area.id }, null, {
        from: e.areaId,
        to: area.id,
        name: area.name,
      });
    }),
};
