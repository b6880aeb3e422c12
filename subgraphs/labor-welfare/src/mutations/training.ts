import { randomUUID } from 'node:crypto';
import { lockProgrammeRecord, programmeCount, programmeUnit, requireUnit, unitSubtree, type RecordName } from '@rehab/server-kit';
import { todayInHanoi, type Caller } from '@rehab/shared-schema';
import type { MutationResolvers, QueryResolvers, TrainingCourseInput, TrainingCourseResolvers } from '../__generated__/resolvers';
import { TrainingCourseEntity, type GroupCount } from '../entities/TrainingCourse';
import { badInput, checkNotBefore, checkNotFuture, requiredText } from '../rules/errors';
import { inTransaction } from './support';
import { unitOf } from '../resolvers/unit';

const COURSE: RecordName = { vi: 'lớp tập huấn', en: 'training course' };
const MAX_LISTED = 200;

/** Participants by group: each group once, whole numbers, at least one participant in all. */
function participantsOf(given: readonly GroupCount[]): { participants: GroupCount[]; total: number } {
  const seen = new Set<string>();
  const participants = given.map((p, i) => {
    if (seen.has(p.group)) {
      throw badInput({ vi: 'Mỗi nhóm chỉ ghi một lần', en: 'Each group once' }, `input.participants.${i}.group`);
    }
    seen.add(p.group);
    return { group: p.group, count: programmeCount(p.count, `input.participants.${i}.count`) ?? 0 };
  });
  const total = participants.reduce((sum, p) => sum + p.count, 0);
  if (total === 0) {
    throw badInput({ vi: 'Lớp tập huấn phải có người tham dự', en: 'A course needs participants' }, 'input.participants');
  }
  return { participants, total };
}

function fieldsOf(caller: Caller, input: TrainingCourseInput) {
  const unit = programmeUnit(caller, input.unitCode, 'input.unitCode', input.endedOn, COURSE);
  checkNotFuture(input.endedOn, 'input.endedOn');
  checkNotBefore(input.endedOn, input.startedOn, 'input.endedOn', { vi: 'ngày khai giảng', en: 'the start' });
  const { participants, total } = participantsOf(input.participants);
  return {
    unitCode: unit.code,
    ownerUnitPath: unit.path,
    title: requiredText(input.title, 'input.title', { vi: 'tên lớp', en: 'title' }, 300),
    startedOn: input.startedOn,
    endedOn: input.endedOn,
    participants,
    totalParticipants: total,
  };
}

const AUDITED = ['endedOn', 'participants', 'startedOn', 'title', 'unit'];

export const trainingMutations: Pick<MutationResolvers, 'recordTrainingCourse' | 'updateTrainingCourse'> = {
  recordTrainingCourse: (_parent, { input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const id = randomUUID();
      const values = { id, ...fieldsOf(ctx.caller, input), agency: ctx.caller.agency, recordedBy: ctx.caller.username };
      await manager.getRepository(TrainingCourseEntity).insert({ ...values, version: 1 });
      await ctx.audit.change(manager, 'TrainingCourse', AUDITED, null);
      return manager.getRepository(TrainingCourseEntity).findOneByOrFail({ id });
    }),

  updateTrainingCourse: (_parent, { id, expectedVersion, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      // Corrected by the agency that recorded it, in a unit the officer acts for.
      const row = await lockProgrammeRecord(manager, ctx.caller, {
        entity: TrainingCourseEntity,
        name: COURSE,
        id,
        expectedVersion,
        sameAgency: true,
      });
      await manager
        .getRepository(TrainingCourseEntity)
        .update({ id: row.id }, { ...fieldsOf(ctx.caller, input), version: row.version + 1 });
      await ctx.audit.change(manager, 'TrainingCourse', AUDITED, null);
      return manager.getRepository(TrainingCourseEntity).findOneByOrFail({ id: row.id });
    }),
};

/** Not personal data: anyone reads any unit's courses (as a plan's report would publish them). */
export const trainingQueries: Pick<QueryResolvers, 'trainingCourses'> = {
  trainingCourses: (_parent, { unitCode, from, to }, ctx) => {
    const unit = requireUnit(unitCode, 'unitCode', ['COMMUNE', 'PROVINCE']);
    const within = unitSubtree('c.owner_unit_path', unit.path);
    return ctx.db
      .getRepository(TrainingCourseEntity)
      .createQueryBuilder('c')
      .where(within.sql, within.params)
      .andWhere('c.ended_on BETWEEN :from AND :to', { from: from ?? '1900-01-01', to: to ?? todayInHanoi() })
      .orderBy('c.ended_on', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .limit(MAX_LISTED)
      .getMany();
  },
};

export const TrainingCourse: TrainingCourseResolvers = {
  unit: (c, _args, ctx) => unitOf(c.unitCode, ctx),
};
