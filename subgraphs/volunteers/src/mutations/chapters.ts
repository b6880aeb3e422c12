import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { domainError, isUniqueViolation, recordNotFound, type RecordName } from '@rehab/server-kit';
import { unitByCode } from '@rehab/shared-schema';
import type { MutationResolvers } from '../__generated__/resolvers';
import type { Context } from '../context';
import { MassOrganisationEntity } from '../entities/MassOrganisation';
import { OrganisationChapterEntity } from '../entities/OrganisationChapter';
import { VolunteerEntity } from '../entities/Volunteer';
import { VolunteerTrainingEntity } from '../entities/VolunteerTraining';
import { volunteerParent } from '../resolvers/worklist';
import { badInput, outsideUnit } from '../rules/errors';
import { actsOn, visibleTo } from '../scope';
import { checkNotBefore, checkNotFuture, checkUuid, lockVolunteer, optionalPhone, optionalText, requiredText } from './checks';

const CHAPTER_NAME: RecordName = { vi: 'chi hội', en: 'chapter' };
const USERNAME = /^[a-z0-9._-]{3,64}$/;

/** A commune the caller acts for: chapters and their members belong to one commune. */
function communeOf(ctx: Context, unitCode: string): { code: string; path: string } {
  const unit = unitByCode(unitCode);
  if (unit?.level !== 'COMMUNE') {
    throw badInput({ vi: `Không có xã, phường mã ${unitCode}`, en: `No commune with code ${unitCode}` }, 'unitCode');
  }
  if (!actsOn(ctx.caller, unit.path)) throw outsideUnit(CHAPTER_NAME);
  return { code: unit.code, path: unit.path };
}

async function chapterFor(manager: EntityManager, ctx: Context, id: string): Promise<OrganisationChapterEntity> {
  const chapter = await manager.getRepository(OrganisationChapterEntity).findOneBy({ id: checkUuid(id, 'chapterId') });
  if (!chapter || !visibleTo(ctx.caller, [chapter.ownerUnitPath])) throw recordNotFound(CHAPTER_NAME, id, 'chapterId');
  if (!actsOn(ctx.caller, chapter.ownerUnitPath)) throw outsideUnit(CHAPTER_NAME);
  return chapter;
}

async function reloadVolunteer(manager: EntityManager, id: string): Promise<VolunteerEntity> {
  return manager
    .getRepository(VolunteerEntity)
    .createQueryBuilder('v')
    .innerJoinAndSelect('v.organisation', 'o')
    .where('v.id = :id', { id })
    .getOneOrFail();
}

export const chapterMutations: Pick<
  MutationResolvers,
  'openOrganisationChapter' | 'registerVolunteer' | 'recordVolunteerTraining'
> = {
  openOrganisationChapter: async (_parent, args, ctx) => {
    const commune = communeOf(ctx, args.unitCode);
    const name = requiredText(args.name, 'name', { vi: 'tên chi hội', en: 'chapter name' }, 200);
    const leaderName = optionalText(args.leaderName, 'leaderName', { vi: 'tên chi hội trưởng', en: 'leader name' }, 200);
    const leaderPhone = optionalPhone(args.leaderPhone, 'leaderPhone');
    if (args.establishedOn != null) checkNotFuture(args.establishedOn, 'establishedOn');
    const organisation = await ctx.db.getRepository(MassOrganisationEntity).findOneBy({ code: args.organisationCode });
    if (!organisation) {
      throw badInput(
        { vi: `Không có tổ chức mã ${args.organisationCode}`, en: `No organisation with code ${args.organisationCode}` },
        'organisationCode',
      );
    }
    const id = randomUUID();
    try {
      await ctx.db.getRepository(OrganisationChapterEntity).insert({
        id,
        organisationCode: organisation.code,
        unitCode: commune.code,
        ownerUnitPath: commune.path,
        name,
        leaderName,
        leaderPhone,
        establishedOn: args.establishedOn ?? null,
        version: 1,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'organisation_chapter_once_per_unit')) {
        throw domainError(
          'CONFLICT',
          {
            vi: `${organisation.name} đã có chi hội tại ${commune.code}`,
            en: `${organisation.name} already has a chapter in ${commune.code}`,
          },
          { field: 'organisationCode' },
        );
      }
      throw error;
    }
    return ctx.db.getRepository(OrganisationChapterEntity).findOneOrFail({ where: { id }, relations: { organisation: true } });
  },

  registerVolunteer: async (_parent, args, ctx) => {
    const fullName = requiredText(args.fullName, 'fullName', { vi: 'họ tên', en: 'full name' }, 200);
    const phone = optionalPhone(args.phone, 'phone');
    if (phone === null) throw badInput({ vi: 'Cần số điện thoại để liên lạc', en: 'A phone number is needed' }, 'phone');
    const username = args.username == null ? null : args.username.trim().toLowerCase();
    if (username !== null && !USERNAME.test(username)) {
      throw badInput(
        {
          vi: 'Tên tài khoản gồm 3–64 chữ thường, số, dấu chấm, gạch',
          en: 'A username has 3–64 lower-case letters, digits, dots or dashes',
        },
        'username',
      );
    }
    try {
      return await ctx.db.transaction(async (manager) => {
        const chapter = await chapterFor(manager, ctx, args.chapterId);
        const id = randomUUID();
        await manager.getRepository(VolunteerEntity).insert({
          id,
          fullName,
          phone,
          organisationCode: chapter.organisationCode,
          chapterId: chapter.id,
          unitCode: chapter.unitCode,
          ownerUnitPath: chapter.ownerUnitPath,
          username,
          active: true,
          leftOn: null,
          leftReason: null,
          version: 1,
        });
        return volunteerParent(await reloadVolunteer(manager, id));
      });
    } catch (error) {
      if (isUniqueViolation(error, 'volunteer_username_once')) {
        throw domainError(
          'CONFLICT',
          {
            vi: `Tài khoản ${username ?? ''} đã gắn với một tình nguyện viên khác`,
            en: `Account ${username ?? ''} is already linked to another volunteer`,
          },
          { field: 'username' },
        );
      }
      throw error;
    }
  },

  recordVolunteerTraining: async (_parent, args, ctx) => {
    const key = checkUuid(args.volunteerId, 'volunteerId');
    const course = requiredText(args.course, 'course', { vi: 'khoá bồi dưỡng', en: 'course' }, 200);
    checkNotFuture(args.startedOn, 'startedOn');
    const completedOn = args.completedOn ?? null;
    if (completedOn !== null) {
      checkNotFuture(completedOn, 'completedOn');
      checkNotBefore(completedOn, args.startedOn, 'completedOn', { vi: 'ngày bắt đầu khoá', en: 'the start of the course' });
    }
    return ctx.db.transaction(async (manager) => {
      const volunteer = await lockVolunteer(manager, ctx.caller, key, 'volunteerId', args.expectedVersion);
      await manager
        .getRepository(VolunteerTrainingEntity)
        .insert({ volunteerId: volunteer.id, course, startedOn: args.startedOn, completedOn });
      await manager
        .createQueryBuilder()
        .update(VolunteerEntity)
        .set({ version: () => 'version + 1' })
        .where('id = :id', { id: volunteer.id })
        .execute();
      return volunteerParent(await reloadVolunteer(manager, volunteer.id));
    });
  },
};
