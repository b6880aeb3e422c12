import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  checkNotBefore,
  checkNotFuture,
  domainError,
  isUniqueViolation,
  lockProgrammeRecord,
  pathScope,
  programmeUnit,
  requireUnit,
  requiredText,
  unitSubtree,
  type RecordName,
} from '@rehab/server-kit';
import { todayInHanoi, unitByCode, type Caller } from '@rehab/shared-schema';
import type {
  DrugFreeRecognitionResolvers,
  DrugHotspotResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../__generated__/resolvers';
import type { Context } from '../context';
import { knownUnit } from '../resolvers/units';
import { DrugFreeRecognitionEntity, DrugHotspotEntity } from './entities';

const HOTSPOT: RecordName = { vi: 'địa bàn trọng điểm về ma túy', en: 'drug hotspot' };
const RECOGNITION: RecordName = { vi: 'quyết định công nhận xã, phường không ma túy', en: 'drug-free recognition' };
const MAX_LISTED = 500;

/** A commune the caller acts for, as it was on the day. */
const communeOf = (caller: Caller, code: string, on: string, name: RecordName) =>
  programmeUnit(caller, code, 'input.communeCode', on, name, ['COMMUNE']);

async function reloadHotspot(manager: EntityManager, id: string) {
  return manager.getRepository(DrugHotspotEntity).findOneByOrFail({ id });
}

async function reloadRecognition(manager: EntityManager, id: string) {
  return manager.getRepository(DrugFreeRecognitionEntity).findOneByOrFail({ id });
}

/** The province decides recognitions: its officers record them (not a commune's). */
function requireProvincialOfficer(caller: Caller): void {
  if (unitByCode(caller.unitCode)?.level !== 'PROVINCE') {
    throw domainError('FORBIDDEN', {
      vi: 'Việc công nhận xã, phường không ma túy do cấp tỉnh ghi nhận',
      en: 'Drug-free recognitions are recorded by provincial officers',
    });
  }
}

export const preventionMapMutations: Pick<
  MutationResolvers,
  'recordDrugHotspot' | 'clearDrugHotspot' | 'recognizeDrugFreeCommune' | 'withdrawDrugFreeRecognition'
> = {
  recordDrugHotspot: (_parent, { input }, ctx) =>
    ctx.db.transaction(async (manager) => {
      const commune = communeOf(ctx.caller, input.communeCode, input.identifiedOn, HOTSPOT);
      checkNotFuture(input.identifiedOn, 'input.identifiedOn');
      const id = randomUUID();
      await manager.getRepository(DrugHotspotEntity).insert({
        id,
        communeCode: commune.code,
        ownerUnitPath: commune.path,
        description: requiredText(input.description, 'input.description', { vi: 'mô tả địa bàn', en: 'description' }, 2000),
        identifiedOn: input.identifiedOn,
        clearedOn: null,
        clearanceNote: null,
        agency: ctx.caller.agency,
        recordedBy: ctx.caller.username,
        version: 1,
      });
      await ctx.audit.change(manager, 'DrugHotspot', ['commune', 'description', 'identifiedOn'], null);
      return reloadHotspot(manager, id);
    }),

  clearDrugHotspot: (_parent, { id, expectedVersion, clearedOn, note }, ctx) =>
    ctx.db.transaction(async (manager) => {
      const row = await lockProgrammeRecord(manager, ctx.caller, {
        entity: DrugHotspotEntity,
        name: HOTSPOT,
        id,
        expectedVersion,
        sameAgency: false,
      });
      if (row.clearedOn !== null) {
        throw domainError('ILLEGAL_TRANSITION', {
          vi: `Địa bàn đã được xóa bỏ ngày ${row.clearedOn}`,
          en: `Already cleared on ${row.clearedOn}`,
        });
      }
      checkNotFuture(clearedOn, 'clearedOn');
      checkNotBefore(clearedOn, row.identifiedOn, 'clearedOn', { vi: 'ngày xác định', en: 'the day identified' });
      const clearanceNote = requiredText(note, 'note', { vi: 'kết quả xóa bỏ', en: 'note' }, 2000);
      await manager
        .getRepository(DrugHotspotEntity)
        .update({ id: row.id }, { clearedOn, clearanceNote, version: row.version + 1 });
      await ctx.audit.change(manager, 'DrugHotspot', ['clearanceNote', 'clearedOn'], null);
      return reloadHotspot(manager, row.id);
    }),

  recognizeDrugFreeCommune: (_parent, { input }, ctx) =>
    ctx.db.transaction(async (manager) => {
      requireProvincialOfficer(ctx.caller);
      const commune = communeOf(ctx.caller, input.communeCode, input.recognisedOn, RECOGNITION);
      checkNotFuture(input.recognisedOn, 'input.recognisedOn');
      const id = randomUUID();
      try {
        await manager.getRepository(DrugFreeRecognitionEntity).insert({
          id,
          communeCode: commune.code,
          ownerUnitPath: commune.path,
          recognisedOn: input.recognisedOn,
          decisionNumber: requiredText(
            input.decisionNumber,
            'input.decisionNumber',
            { vi: 'số quyết định', en: 'decision number' },
            64,
          ),
          withdrawnOn: null,
          withdrawalReason: null,
          agency: ctx.caller.agency,
          recordedBy: ctx.caller.username,
          version: 1,
        });
      } catch (error) {
        if (!isUniqueViolation(error, 'drug_free_in_force')) throw error;
        throw domainError(
          'CONFLICT',
          {
            vi: `${commune.name} đang được công nhận không ma túy`,
            en: `${commune.name} is already recognised drug-free`,
          },
          { field: 'input.communeCode' },
        );
      }
      await ctx.audit.change(manager, 'DrugFreeRecognition', ['commune', 'decisionNumber', 'recognisedOn'], null);
      return reloadRecognition(manager, id);
    }),

  withdrawDrugFreeRecognition: (_parent, { id, expectedVersion, withdrawnOn, reason }, ctx) =>
    ctx.db.transaction(async (manager) => {
      requireProvincialOfficer(ctx.caller);
      const row = await lockProgrammeRecord(manager, ctx.caller, {
        entity: DrugFreeRecognitionEntity,
        name: RECOGNITION,
        id,
        expectedVersion,
        sameAgency: false,
      });
      if (row.withdrawnOn !== null) {
        throw domainError('ILLEGAL_TRANSITION', {
          vi: `Công nhận đã bị thu hồi ngày ${row.withdrawnOn}`,
          en: `Already withdrawn on ${row.withdrawnOn}`,
        });
      }
      checkNotFuture(withdrawnOn, 'withdrawnOn');
      checkNotBefore(withdrawnOn, row.recognisedOn, 'withdrawnOn', { vi: 'ngày công nhận', en: 'the recognition' });
      const withdrawalReason = requiredText(reason, 'reason', { vi: 'lý do thu hồi', en: 'reason' }, 2000);
      await manager
        .getRepository(DrugFreeRecognitionEntity)
        .update({ id: row.id }, { withdrawnOn, withdrawalReason, version: row.version + 1 });
      await ctx.audit.change(manager, 'DrugFreeRecognition', ['withdrawalReason', 'withdrawnOn'], null);
      return reloadRecognition(manager, row.id);
    }),
};

export const preventionMapQueries: Pick<QueryResolvers, 'drugHotspots' | 'drugFreeRecognitions'> = {
  drugHotspots: (_parent, { unitCode, on, includeCleared }, ctx: Context) => {
    const unit = requireUnit(unitCode, 'unitCode', ['COMMUNE', 'PROVINCE']);
    const within = unitSubtree('h.owner_unit_path', unit.path);
    // Operational police information: within the officer's scope only.
    const scope = pathScope('h.owner_unit_path', ctx.caller);
    const query = ctx.db
      .getRepository(DrugHotspotEntity)
      .createQueryBuilder('h')
      .where(within.sql, within.params)
      .andWhere(scope.sql, scope.params);
    if (!includeCleared) {
      query.andWhere('h.identified_on <= :on AND (h.cleared_on IS NULL OR h.cleared_on > :on)', { on: on ?? todayInHanoi() });
    }
    return query.orderBy('h.identified_on', 'DESC').addOrderBy('h.id', 'ASC').limit(MAX_LISTED).getMany();
  },
  drugFreeRecognitions: (_parent, { unitCode }, ctx: Context) => {
    const unit = requireUnit(unitCode, 'unitCode', ['COMMUNE', 'PROVINCE']);
    const within = unitSubtree('d.owner_unit_path', unit.path);
    return ctx.db
      .getRepository(DrugFreeRecognitionEntity)
      .createQueryBuilder('d')
      .where(within.sql, within.params)
      .orderBy('d.recognised_on', 'DESC')
      .addOrderBy('d.id', 'ASC')
      .limit(MAX_LISTED)
      .getMany();
  },
};

export const DrugHotspot: DrugHotspotResolvers = {
  commune: (h, _args, ctx) => knownUnit(ctx, h.communeCode),
};

export const DrugFreeRecognition: DrugFreeRecognitionResolvers = {
  commune: (d, _args, ctx) => knownUnit(ctx, d.communeCode),
};
