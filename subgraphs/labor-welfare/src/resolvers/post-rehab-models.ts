import { randomUUID } from 'node:crypto';
import {
  checkUuid,
  checkVersion,
  domainError,
  isIsoDate,
  isUniqueViolation,
  keysetPage,
  pathScope,
  requireUnit,
  type ConnectionParent,
  type RecordName,
} from '@rehab/server-kit';
import type { MutationResolvers, PostRehabModelResolvers, QueryResolvers } from '../__generated__/resolvers';
import { PostRehabModelEntity } from '../entities/PostRehabModel';
import { applyChanges, lockForChange } from '../mutations/support';
import { checkNotBefore, checkNotFuture, illegalTransition, outsideUnit, requiredText } from '../rules/errors';
import { actsOn } from '../scope';
import { unitOrBadInput } from './plans';
import { unitOf } from './unit';

export type PostRehabModelConnectionParent = ConnectionParent<PostRehabModelEntity>;

const MODEL_NAME: RecordName = { vi: 'mô hình quản lý sau cai nghiện', en: 'post-rehab model' };

export const postRehabModelQueries: Pick<QueryResolvers, 'postRehabModels'> = {
  postRehabModels: (_parent, { unitCode, includeEnded, first, after }, ctx) => {
    const scope = pathScope('m.owner_unit_path', ctx.caller);
    const query = ctx.db.getRepository(PostRehabModelEntity).createQueryBuilder('m').where(scope.sql, scope.params);
    if (unitCode) {
      // The unit's models, those of the old communes merged into it whole included.
      const unit = pathScope('m.owner_unit_path', { unitPath: unitOrBadInput(unitCode, 'unitCode').path });
      query.andWhere(unit.sql, unit.params);
    }
    if (!includeEnded) query.andWhere('m.ended_on IS NULL');
    return keysetPage(query, {
      first,
      after,
      sortSql: 'm.established_on',
      sortType: 'date',
      idSql: 'm.id',
      sortOf: (m) => m.establishedOn,
      validSort: isIsoDate,
    });
  },
};

export const postRehabModelMutations: Pick<MutationResolvers, 'recordPostRehabModel' | 'endPostRehabModel'> = {
  recordPostRehabModel: async (_parent, { input }, ctx) => {
    const name = requiredText(input.name, 'input.name', { vi: 'tên mô hình', en: 'model name' }, 200);
    checkNotFuture(input.establishedOn, 'input.establishedOn');
    // The commune as it was when the model was set up (a model of 2024 belongs to the old commune).
    const unit = requireUnit(input.unitCode, 'input.unitCode', ['COMMUNE'], input.establishedOn);
    if (!actsOn(ctx.caller, unit.path)) throw outsideUnit(MODEL_NAME);
    const id = randomUUID();
    try {
      await ctx.db.getRepository(PostRehabModelEntity).insert({
        id,
        name,
        kind: input.kind,
        unitCode: unit.code,
        ownerUnitPath: unit.path,
        establishedOn: input.establishedOn,
        endedOn: null,
        recordedBy: ctx.caller.username,
        version: 1,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'post_rehab_model_name_per_unit')) {
        throw domainError(
          'CONFLICT',
          { vi: `${unit.name} đã có mô hình tên "${name}"`, en: `${unit.code} already has a model named "${name}"` },
          { field: 'input.name' },
        );
      }
      throw error;
    }
    return ctx.db.getRepository(PostRehabModelEntity).findOneByOrFail({ id });
  },

  endPostRehabModel: (_parent, { id, expectedVersion, endedOn }, ctx) => {
    const key = checkUuid(id, 'id');
    checkVersion(expectedVersion);
    checkNotFuture(endedOn, 'endedOn');
    return ctx.db.transaction(async (manager) => {
      const model = await lockForChange(manager, ctx.caller, {
        entity: PostRehabModelEntity,
        name: MODEL_NAME,
        key: { column: 'id', value: key },
        expectedVersion,
        paths: (m) => [m.ownerUnitPath],
        actingPath: (m) => m.ownerUnitPath,
      });
      if (model.endedOn !== null) {
        throw illegalTransition(
          { vi: 'kết thúc', en: 'end it' },
          { vi: `đã kết thúc ngày ${model.endedOn}`, en: `ended on ${model.endedOn}` },
          MODEL_NAME,
        );
      }
      checkNotBefore(endedOn, model.establishedOn, 'endedOn', { vi: 'ngày thành lập', en: 'the date it was set up' });
      return applyChanges(manager, PostRehabModelEntity, model, 'id', { endedOn, version: model.version + 1 });
    });
  },
};

export const PostRehabModel: PostRehabModelResolvers = {
  unit: (m, _args, ctx) => unitOf(m.unitCode, ctx, m.ownerUnitPath),
};
