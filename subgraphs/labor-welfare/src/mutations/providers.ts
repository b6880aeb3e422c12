import type { EntityManager } from 'typeorm';
import { domainError, requireResponsible, requireUnit } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';
import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers';
import { ServiceProviderEntity, type ProviderCondition } from '../entities/ServiceProvider';
import { badInput, checkNotBefore, checkNotFuture, requiredText } from '../rules/errors';
import { applyChanges, checkUuid, checkVersion, inTransaction, lockForChange } from './support';

const PROVIDER = { vi: 'đơn vị cung cấp dịch vụ', en: 'service provider' };

/** From 1 July 2025 the provincial police register providers that meet every condition (Decree 184/2025). */
export const CONDITIONS_CHECKED_FROM = '2025-07-01';
export const PROVIDER_CONDITIONS: readonly ProviderCondition[] = [
  'PREMISES',
  'MEDICAL_STAFF',
  'COUNSELLING_STAFF',
  'OPERATING_RULES',
];

const CONDITION_LABEL: Record<ProviderCondition, string> = {
  PREMISES: 'địa điểm, cơ sở vật chất',
  MEDICAL_STAFF: 'người có chuyên môn y tế',
  COUNSELLING_STAFF: 'người làm công tác tư vấn',
  OPERATING_RULES: 'nội quy, quy trình',
};

/** The conditions a registration records: each once, all of them from 1 July 2025. */
export function conditionsAt(registeredOn: string, given: readonly ProviderCondition[] | null | undefined): ProviderCondition[] {
  const conditions = [...new Set(given ?? [])];
  if (registeredOn < CONDITIONS_CHECKED_FROM) return conditions;
  const missing = PROVIDER_CONDITIONS.filter((c) => !conditions.includes(c));
  if (missing.length > 0) {
    throw badInput(
      {
        vi: `Chưa đủ điều kiện đăng ký: thiếu ${missing.map((c) => CONDITION_LABEL[c]).join('; ')}`,
        en: `Not all conditions are met: ${missing.join(', ')} missing`,
      },
      'input.conditionsMet',
    );
  }
  return conditions;
}

/** A provider a commune may register a person with on `on`: published by then and not withdrawn. */
export function usableOn(p: ServiceProviderEntity, on: string): boolean {
  return p.publishedOn !== null && p.publishedOn <= on && (p.withdrawnOn === null || p.withdrawnOn > on);
}

function lockProvider(
  manager: EntityManager,
  caller: Caller,
  id: string,
  expectedVersion: number,
): Promise<ServiceProviderEntity> {
  checkVersion(expectedVersion);
  return lockForChange(manager, caller, {
    entity: ServiceProviderEntity,
    name: PROVIDER,
    key: { column: 'id', value: checkUuid(id, 'id') },
    expectedVersion,
    // Acted on within the unit it is registered with, or one above it; another province's is not found.
    paths: (p) => [p.ownerUnitPath],
    actingPath: (p) => p.ownerUnitPath,
  });
}

const withdrawnAlready = (p: ServiceProviderEntity) =>
  domainError('ILLEGAL_TRANSITION', {
    vi: `${p.name} đã bị rút khỏi danh sách ngày ${p.withdrawnOn ?? ''}`,
    en: `${p.name} was withdrawn on ${p.withdrawnOn ?? ''}`,
  });

export const providerMutations: Pick<MutationResolvers, 'publishServiceProvider' | 'withdrawServiceProvider'> = {
  publishServiceProvider: (_parent, { id, expectedVersion, publishedOn }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const p = await lockProvider(manager, ctx.caller, id, expectedVersion);
      requireResponsible(ctx.caller, 'COMMUNITY_REHAB_PROVIDERS', publishedOn);
      if (p.withdrawnOn) throw withdrawnAlready(p);
      if (p.publishedOn) {
        throw domainError('ILLEGAL_TRANSITION', {
          vi: `${p.name} đã được công bố ngày ${p.publishedOn}`,
          en: `${p.name} was published on ${p.publishedOn}`,
        });
      }
      checkNotFuture(publishedOn, 'publishedOn');
      checkNotBefore(publishedOn, p.registeredOn, 'publishedOn', { vi: 'ngày đăng ký', en: 'the registration' });
      const updated = await applyChanges(manager, ServiceProviderEntity, p, 'id', { publishedOn });
      await ctx.audit.change(manager, 'ServiceProvider', ['publishedOn'], null);
      return updated;
    }),

  withdrawServiceProvider: (_parent, { id, expectedVersion, withdrawnOn, reason }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const p = await lockProvider(manager, ctx.caller, id, expectedVersion);
      requireResponsible(ctx.caller, 'COMMUNITY_REHAB_PROVIDERS', withdrawnOn);
      if (p.withdrawnOn) throw withdrawnAlready(p);
      checkNotFuture(withdrawnOn, 'withdrawnOn');
      checkNotBefore(withdrawnOn, p.registeredOn, 'withdrawnOn', { vi: 'ngày đăng ký', en: 'the registration' });
      const text = requiredText(reason, 'reason', { vi: 'lý do', en: 'reason' }, 2000);
      const updated = await applyChanges(manager, ServiceProviderEntity, p, 'id', { withdrawnOn, withdrawalReason: text });
      await ctx.audit.change(manager, 'ServiceProvider', ['withdrawalReason', 'withdrawnOn'], null);
      return updated;
    }),
};

export const providerQueries: Pick<QueryResolvers, 'providerRegister'> = {
  providerRegister: (_parent, { provinceCode }, ctx) => {
    const province = requireUnit(provinceCode, 'provinceCode', ['PROVINCE']);
    return ctx.db
      .getRepository(ServiceProviderEntity)
      .createQueryBuilder('p')
      .where('(p.owner_unit_path = :path OR p.owner_unit_path LIKE :below)', { path: province.path, below: `${province.path}.%` })
      .orderBy('p.registered_on', 'DESC')
      .addOrderBy('p.name', 'ASC')
      .getMany();
  },
};
