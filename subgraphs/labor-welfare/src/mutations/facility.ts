import { randomUUID } from 'node:crypto';
import { domainError, requireResponsible } from '@rehab/server-kit';
import type { MutationResolvers } from '../__generated__/resolvers';
import { FacilityEntity } from '../entities/Facility';
import { ServiceProviderEntity } from '../entities/ServiceProvider';
import { FACILITY_NAME, badInput, checkNotFuture, optionalText, requiredText } from '../rules/errors';
import { conditionsAt } from './providers';
import { applyChanges, checkActsOn, checkVersion, inTransaction, inputUnit, lockForChange } from './support';

const PROVIDER_NAME = { vi: 'đơn vị cung cấp dịch vụ', en: 'service provider' };

function count(value: number, field: string, min: number): number {
  if (!Number.isInteger(value) || value < min || value > 100_000) {
    throw badInput(
      { vi: `Giá trị phải là số nguyên từ ${min} đến 100000`, en: `The value must be an integer from ${min} to 100000` },
      field,
    );
  }
  return value;
}

function staffing(input: { capacity: number; staffCount: number; managerCount: number }) {
  const capacity = count(input.capacity, 'input.capacity', 1);
  const staffCount = count(input.staffCount, 'input.staffCount', 0);
  const managerCount = count(input.managerCount, 'input.managerCount', 0);
  if (managerCount > staffCount) {
    throw badInput(
      { vi: 'Số cán bộ quản lý không thể lớn hơn tổng số cán bộ', en: 'Managers cannot outnumber the staff' },
      'input.managerCount',
    );
  }
  return { capacity, staffCount, managerCount };
}

export const facilityMutations: Pick<
  MutationResolvers,
  'updateFacilityStaffing' | 'registerServiceProvider' | 'registerFacility'
> = {
  registerFacility: (_parent, { code, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const privateFacility = input.kind === 'PRIVATE_VOLUNTARY';
      requireResponsible(ctx.caller, privateFacility ? 'FACILITY_LICENSING' : 'REHAB_STATE_MANAGEMENT');
      const unit = inputUnit(code, 'code', ['FACILITY']);
      checkActsOn(ctx.caller, unit.path, FACILITY_NAME);
      const figures = staffing(input);
      if (privateFacility && input.admitsMinors) {
        throw badInput(
          {
            vi: 'Người chưa thành niên chỉ cai nghiện bắt buộc tại cơ sở công lập',
            en: 'Only a public facility takes minors in compulsory rehab',
          },
          'input.admitsMinors',
        );
      }
      if (await manager.getRepository(FacilityEntity).existsBy({ code })) {
        throw domainError(
          'CONFLICT',
          { vi: `${unit.name} đã có hồ sơ cơ sở cai nghiện`, en: `${code} already has a facility record` },
          { field: 'code' },
        );
      }
      await manager
        .createQueryBuilder()
        .insert()
        .into(FacilityEntity)
        .values({ code, name: unit.name, kind: input.kind, ...figures, admitsMinors: input.admitsMinors ?? false })
        .updateEntity(false)
        .execute();
      await ctx.audit.change(manager, 'Facility', ['admitsMinors', 'capacity', 'kind', 'managerCount', 'staffCount'], null);
      return manager.getRepository(FacilityEntity).findOneByOrFail({ code });
    }),

  updateFacilityStaffing: (_parent, { code, expectedVersion, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      checkVersion(expectedVersion);
      const { capacity, staffCount, managerCount } = staffing(input);
      const unit = inputUnit(code, 'code', ['FACILITY']);
      const facility = await lockForChange(manager, ctx.caller, {
        entity: FacilityEntity,
        name: FACILITY_NAME,
        key: { column: 'code', value: code },
        expectedVersion,
        // Facilities are public: anyone sees them; only the facility and the labour office above it act.
        paths: () => [ctx.caller.unitPath],
        actingPath: () => unit.path,
      });
      const updated = await applyChanges(manager, FacilityEntity, facility, 'code', { capacity, staffCount, managerCount });
      await ctx.audit.change(manager, 'Facility', ['capacity', 'managerCount', 'staffCount'], null);
      return updated;
    }),

  registerServiceProvider: (_parent, { input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      requireResponsible(ctx.caller, 'COMMUNITY_REHAB_PROVIDERS', input.registeredOn);
      const unit = inputUnit(input.unitCode, 'input.unitCode', ['PROVINCE', 'DISTRICT', 'COMMUNE'], input.registeredOn);
      checkActsOn(ctx.caller, unit.path, PROVIDER_NAME);
      checkNotFuture(input.registeredOn, 'input.registeredOn');
      const id = randomUUID();
      await manager
        .createQueryBuilder()
        .insert()
        .into(ServiceProviderEntity)
        .values({
          id,
          name: requiredText(input.name, 'input.name', { vi: 'tên đơn vị', en: 'name' }, 200),
          unitCode: unit.code,
          ownerUnitPath: unit.path,
          registrationNumber: requiredText(
            input.registrationNumber,
            'input.registrationNumber',
            { vi: 'số đăng ký', en: 'registration number' },
            64,
          ),
          registeredOn: input.registeredOn,
          address: optionalText(input.address, 'input.address', { vi: 'địa chỉ', en: 'address' }, 300),
          conditionsMet: conditionsAt(input.registeredOn, input.conditionsMet),
        })
        .updateEntity(false)
        .execute();
      await ctx.audit.change(manager, 'ServiceProvider', ['name', 'registrationNumber', 'unit'], null);
      return manager.getRepository(ServiceProviderEntity).findOneByOrFail({ id });
    }),
};
