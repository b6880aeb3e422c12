import { randomUUID } from 'node:crypto';
import { lockProgrammeRecord, programmeCount, programmeUnit, requireUnit, unitSubtree, type RecordName } from '@rehab/server-kit';
import { todayInHanoi, type Caller } from '@rehab/shared-schema';
import type {
  CommunicationActivityResolvers,
  CommunicationActivityInput,
  MutationResolvers,
  QueryResolvers,
} from '../__generated__/resolvers';
import type { Context } from '../context';
import { CommunicationActivityEntity } from '../entities/CommunicationActivity';
import { referencedUnit } from '../resolvers/units';
import { checkNotFuture, inTransaction, requiredText } from './checks';

const ACTIVITY: RecordName = { vi: 'hoạt động tuyên truyền', en: 'communication activity' };
const MAX_LISTED = 200;

/** The fields of an activity from its input: a commune or province the caller acts for, a past date, counts in range. */
function fieldsOf(caller: Caller, input: CommunicationActivityInput) {
  const unit = programmeUnit(caller, input.unitCode, 'input.unitCode', input.heldOn, ACTIVITY);
  checkNotFuture(input.heldOn, 'input.heldOn');
  return {
    unitCode: unit.code,
    ownerUnitPath: unit.path,
    kind: input.kind,
    heldOn: input.heldOn,
    title: requiredText(input.title, 'input.title', { vi: 'tên hoạt động', en: 'title' }, 300),
    audience: programmeCount(input.audience, 'input.audience') ?? 0,
    copies: programmeCount(input.copies, 'input.copies'),
  };
}

const AUDITED = ['audience', 'copies', 'heldOn', 'kind', 'title', 'unit'];

export const communicationMutations: Pick<MutationResolvers, 'recordCommunicationActivity' | 'updateCommunicationActivity'> = {
  recordCommunicationActivity: (_parent, { input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const id = randomUUID();
      const values = { id, ...fieldsOf(ctx.caller, input), agency: ctx.caller.agency, recordedBy: ctx.caller.username };
      await manager.getRepository(CommunicationActivityEntity).insert({ ...values, version: 1 });
      await ctx.audit.change(manager, 'CommunicationActivity', AUDITED, null);
      return manager.getRepository(CommunicationActivityEntity).findOneByOrFail({ id });
    }),

  updateCommunicationActivity: (_parent, { id, expectedVersion, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      // Corrected by the agency that recorded it, in a unit the officer acts for.
      const row = await lockProgrammeRecord(manager, ctx.caller, {
        entity: CommunicationActivityEntity,
        name: ACTIVITY,
        id,
        expectedVersion,
        sameAgency: true,
      });
      await manager
        .getRepository(CommunicationActivityEntity)
        .update({ id: row.id }, { ...fieldsOf(ctx.caller, input), version: row.version + 1 });
      await ctx.audit.change(manager, 'CommunicationActivity', AUDITED, null);
      return manager.getRepository(CommunicationActivityEntity).findOneByOrFail({ id: row.id });
    }),
};

/** Not personal data: anyone reads any unit's activities (as a plan's report would publish them). */
export const communicationQueries: Pick<QueryResolvers, 'communicationActivities'> = {
  communicationActivities: (_parent, { unitCode, from, to }, ctx: Context) => {
    const unit = requireUnit(unitCode, 'unitCode', ['COMMUNE', 'PROVINCE']);
    const within = unitSubtree('a.owner_unit_path', unit.path);
    return ctx.db
      .getRepository(CommunicationActivityEntity)
      .createQueryBuilder('a')
      .where(within.sql, within.params)
      .andWhere('a.held_on BETWEEN :from AND :to', { from: from ?? '1900-01-01', to: to ?? todayInHanoi() })
      .orderBy('a.held_on', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .limit(MAX_LISTED)
      .getMany();
  },
};

export const CommunicationActivity: CommunicationActivityResolvers = {
  unit: (a, _args, ctx) => referencedUnit(ctx, a.unitCode),
};
