import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { GraphQLError } from 'graphql';
import { actsOn, checkExpectedVersion, checkUuid, domainError, PERSON_MERGED, sendNotice } from '@rehab/server-kit';
import { foldVietnamese, unitByCode, type Caller, type Sex } from '@rehab/shared-schema';
import type { MutationMergePersonsArgs, MutationRegisterPersonArgs, MutationUpdatePersonArgs } from '../__generated__/resolvers';
import type { Context } from '../context';
import { DrugUserManagementEntity } from '../entities/DrugUserManagement';
import { PersonEntity } from '../entities/Person';
import { OPEN_MANAGEMENT_STATUSES, type InputProblem } from '../rules/drug-user-management';
import { today } from '../rules/legal-time';
import {
  identificationNumberProblems,
  mayMerge,
  personFactProblems,
  personRecordMachine,
  residenceUnitProblem,
} from '../rules/person-record';
import { allowed, isUniqueViolation, lockInScope, rejectProblems } from './common';
import { repointLaw120Records } from './law-120-merge';
import { announcePersons } from '../notices/directory';

export const PERSON = { vi: 'hồ sơ nhân khẩu', en: 'registry record' };
const NUMBER_CONSTRAINT = 'person_identification_number_unique';

/** All inconsistencies of the number with date of birth and sex, in one error on identificationNumber. */
function rejectIdentification(number: string, dateOfBirth: string, sex: Sex): void {
  const problems = identificationNumberProblems(number, dateOfBirth, sex);
  if (problems.length === 0) return;
  throw domainError(
    'BAD_USER_INPUT',
    {
      vi: `Số định danh cá nhân ${number} không hợp lệ: ${problems.map((p) => p.vi).join('; ')}`,
      en: `The identification number ${number} is invalid: ${problems.map((p) => p.en).join('; ')}`,
    },
    { field: 'identificationNumber' },
  );
}

interface NumberHolder {
  id: string;
  full_name: string;
  date_of_birth: string;
  owner_unit_path: string;
}

/**
 * The one answer to a registration the caller may not be told the reason of (the number is
 * held by a person outside their unit): it says no more than that the number cannot be
 * registered here, so "held elsewhere" reveals nothing beyond the refusal itself.
 */
export const CANNOT_REGISTER_HERE = {
  vi: 'Không thể đăng ký số định danh cá nhân này tại đơn vị của bạn; đề nghị liên hệ Công an cấp tỉnh',
  en: 'This identification number cannot be registered in your unit; contact the provincial police',
};

/** Why a registration was refused, for the audit row (never sent to the caller). */
const refusalReasons = new WeakMap<object, string>();

function refusal(error: Error, reason: string): Error {
  refusalReasons.set(error, reason);
  return error;
}

/** CONFLICT for a number already in the registry: the holder named within the caller's unit, the generic answer outside it. */
async function rejectTakenNumber(manager: EntityManager, caller: Caller, number: string, exceptId: string | null): Promise<void> {
  const rows = await manager.query<NumberHolder[]>(
    `SELECT id, full_name, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, owner_unit_path
       FROM person WHERE identification_number = $1`,
    [number],
  );
  const holder = rows.find((r) => r.id !== exceptId);
  if (!holder) return;
  if (actsOn(caller, holder.owner_unit_path)) {
    throw refusal(
      domainError(
        'CONFLICT',
        {
          vi: `Số định danh cá nhân ${number} đã thuộc hồ sơ của ${holder.full_name} (sinh ngày ${holder.date_of_birth}, mã hồ sơ ${holder.id})`,
          en: `The identification number ${number} already belongs to ${holder.full_name} (born ${holder.date_of_birth}, record ${holder.id})`,
        },
        { field: 'identificationNumber' },
      ),
      `NUMBER_HELD_IN_UNIT holder ${holder.id}`,
    );
  }
  throw refusal(
    domainError('CONFLICT', CANNOT_REGISTER_HERE, { field: 'identificationNumber' }),
    `NUMBER_HELD_OUTSIDE_UNIT holder ${holder.id}`,
  );
}

/**
 * A refused registration leaves an audit row (action REFUSED, in its own statement since the
 * refused transaction rolled back) with the reason, for provincial police to follow up. The
 * row names no person: the access log of the number's holder is not the caller's to fill.
 */
async function auditRefusedRegistration(ctx: Context, error: unknown): Promise<void> {
  const code = error instanceof GraphQLError && typeof error.extensions.code === 'string' ? error.extensions.code : 'ERROR';
  const reason = (typeof error === 'object' && error !== null ? refusalReasons.get(error) : undefined) ?? code;
  const c = ctx.caller;
  await ctx.db.query(
    `INSERT INTO audit_log (user_id, username, agency, role, unit_code, action, person_id, entity_type, fields, purpose, request_id)
    VALUES ($1, $2, $3, $4, $5, 'REFUSED', NULL, 'PersonRegistration', $6, $7, $8)`,
    [
      c.userId,
      c.username,
      c.agency,
      c.role,
      c.unitCode,
      ['identificationNumber'],
      `registerPerson refused: ${reason} | ${c.purpose}`,
      c.requestId,
    ],
  );
}

/** Runs `write`, turning a race on the unique number into the same CONFLICT as the check before it. */
async function withUniqueNumber<T>(
  ctx: Context,
  number: string,
  exceptId: string | null,
  write: (m: EntityManager) => Promise<T>,
): Promise<T> {
  try {
    return await ctx.db.transaction(write);
  } catch (error) {
    if (!isUniqueViolation(error, NUMBER_CONSTRAINT)) throw error;
    await rejectTakenNumber(ctx.db.manager, ctx.caller, number, exceptId);
    throw error;
  }
}

function unitProblems(units: readonly (readonly [string, string])[]): InputProblem[] {
  return units.map(([field, code]) => residenceUnitProblem(field, code)).filter((p): p is InputProblem => p !== null);
}

function pathOfCommune(code: string): string {
  const unit = unitByCode(code);
  if (!unit) throw new Error(`Unknown unit ${code}`);
  return unit.path;
}

/** Registers a person; every refusal is audited with its reason before it reaches the caller. */
export async function registerPerson(args: MutationRegisterPersonArgs, ctx: Context): Promise<PersonEntity> {
  try {
    return await register(args, ctx);
  } catch (error) {
    if (error instanceof GraphQLError) await auditRefusedRegistration(ctx, error);
    throw error;
  }
}

async function register({ input }: MutationRegisterPersonArgs, ctx: Context): Promise<PersonEntity> {
  const otherNames = input.otherNames ?? [];
  rejectProblems([
    ...personFactProblems(
      {
        fullName: input.fullName,
        otherNames,
        dateOfBirth: input.dateOfBirth,
        ethnicity: input.ethnicity,
        addressLines: [
          { field: 'permanentResidence.addressLine', value: input.permanentResidence.addressLine },
          { field: 'currentResidence.addressLine', value: input.currentResidence.addressLine },
        ],
      },
      today(),
    ),
    ...unitProblems([
      ['permanentResidence.unitCode', input.permanentResidence.unitCode],
      ['currentResidence.unitCode', input.currentResidence.unitCode],
    ]),
  ]);
  rejectIdentification(input.identificationNumber, input.dateOfBirth, input.sex);
  const ownerPath = pathOfCommune(input.currentResidence.unitCode);
  if (!actsOn(ctx.caller, ownerPath)) {
    throw refusal(
      domainError(
        'FORBIDDEN',
        {
          vi: `Xã ${input.currentResidence.unitCode} nằm ngoài phạm vi đơn vị của bạn nên không thể đăng ký người cư trú ở đó`,
          en: `Commune ${input.currentResidence.unitCode} lies outside your unit, so you cannot register its residents`,
        },
        { field: 'currentResidence.unitCode' },
      ),
      'COMMUNE_OUTSIDE_UNIT',
    );
  }
  const id = randomUUID();
  const person = await withUniqueNumber(ctx, input.identificationNumber, null, async (manager) => {
    await rejectTakenNumber(manager, ctx.caller, input.identificationNumber, null);
    await manager
      .createQueryBuilder()
      .insert()
      .into(PersonEntity)
      .values({
        id,
        identificationNumber: input.identificationNumber,
        fullName: input.fullName.trim(),
        fullNameFolded: foldVietnamese(input.fullName),
        otherNames: otherNames.map((n) => n.trim()),
        dateOfBirth: input.dateOfBirth,
        sex: input.sex,
        ethnicity: input.ethnicity.trim(),
        permanentUnitCode: input.permanentResidence.unitCode,
        permanentAddress: input.permanentResidence.addressLine.trim(),
        currentUnitCode: input.currentResidence.unitCode,
        currentAddress: input.currentResidence.addressLine.trim(),
        ownerUnitPath: ownerPath,
        recordStatus: 'ACTIVE',
        mergedInto: null,
        version: 1,
      })
      .updateEntity(false)
      .execute();
    await ctx.audit.change(
      manager,
      'Person',
      [
        'identificationNumber',
        'fullName',
        'otherNames',
        'dateOfBirth',
        'sex',
        'ethnicity',
        'permanentResidence',
        'currentResidence',
      ],
      id,
    );
    await announcePersons(manager, [id]);
    return manager.getRepository(PersonEntity).findOneByOrFail({ id });
  });
  ctx.loaders.personById.prime(person.id, person);
  return person;
}

export async function updatePerson(
  { id, expectedVersion, input }: MutationUpdatePersonArgs,
  ctx: Context,
): Promise<PersonEntity> {
  const personId = checkUuid(id, 'id');
  const number = input.identificationNumber ?? null;
  const person = await withUniqueNumber(ctx, number ?? '', personId, async (manager) => {
    const current = await lockInScope(manager, PersonEntity, personId, ctx.caller, PERSON, (p) => [p.ownerUnitPath]);
    allowed(personRecordMachine.transition(current.recordStatus, 'EDIT'));
    checkExpectedVersion(current.version, expectedVersion, PERSON);
    const next = {
      identificationNumber: input.identificationNumber ?? current.identificationNumber,
      fullName: input.fullName?.trim() ?? current.fullName,
      otherNames: input.otherNames?.map((n) => n.trim()) ?? current.otherNames,
      dateOfBirth: input.dateOfBirth ?? current.dateOfBirth,
      sex: input.sex ?? current.sex,
      ethnicity: input.ethnicity?.trim() ?? current.ethnicity,
      permanentUnitCode: input.permanentResidence?.unitCode ?? current.permanentUnitCode,
      permanentAddress: input.permanentResidence?.addressLine.trim() ?? current.permanentAddress,
      currentAddress: input.currentAddressLine?.trim() ?? current.currentAddress,
    };
    rejectProblems([
      ...personFactProblems(
        {
          fullName: next.fullName,
          otherNames: next.otherNames,
          dateOfBirth: next.dateOfBirth,
          ethnicity: next.ethnicity,
          addressLines: [
            { field: 'permanentResidence.addressLine', value: next.permanentAddress },
            { field: 'currentAddressLine', value: next.currentAddress },
          ],
        },
        today(),
      ),
      ...unitProblems(input.permanentResidence ? [['permanentResidence.unitCode', next.permanentUnitCode]] : []),
    ]);
    if (input.identificationNumber != null || input.dateOfBirth != null || input.sex != null) {
      rejectIdentification(next.identificationNumber, next.dateOfBirth, next.sex);
    }
    if (next.identificationNumber !== current.identificationNumber) {
      await rejectTakenNumber(manager, ctx.caller, next.identificationNumber, personId);
    }
    const changed = Object.entries(next)
      .filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(current[key as keyof typeof next]))
      .map(
        ([key]) =>
          ({
            permanentUnitCode: 'permanentResidence',
            permanentAddress: 'permanentResidence',
            currentAddress: 'currentResidence',
          })[key] ?? key,
      );
    if (changed.length === 0) return current;
    await manager
      .createQueryBuilder()
      .update(PersonEntity)
      .set({ ...next, fullNameFolded: foldVietnamese(next.fullName), version: () => 'version + 1' })
      .where('id = :id', { id: personId })
      .execute();
    await ctx.audit.change(manager, 'Person', [...new Set(changed)].sort(), personId);
    return manager.getRepository(PersonEntity).findOneByOrFail({ id: personId });
  });
  ctx.loaders.personById.clear(person.id).prime(person.id, person);
  return person;
}

const OPEN = OPEN_MANAGEMENT_STATUSES as readonly string[];

export async function mergePersons(args: MutationMergePersonsArgs, ctx: Context): Promise<PersonEntity> {
  if (!mayMerge(ctx.caller)) {
    throw domainError('FORBIDDEN', {
      vi: 'Chỉ công an cấp tỉnh hoặc cán bộ giám sát mới được hợp nhất hồ sơ nhân khẩu',
      en: 'Only provincial police, or supervisors, may merge registry records',
    });
  }
  const survivorId = checkUuid(args.survivorId, 'survivorId');
  const duplicateId = checkUuid(args.duplicateId, 'duplicateId');
  if (survivorId === duplicateId) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: 'Không thể hợp nhất một hồ sơ vào chính nó', en: 'A record cannot be merged into itself' },
      { field: 'duplicateId' },
    );
  }
  const reason = args.reason.trim();
  if (reason === '' || reason.length > 1000) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: 'Lý do hợp nhất phải có từ 1 đến 1000 ký tự', en: 'The reason must have 1 to 1000 characters' },
      { field: 'reason' },
    );
  }
  const survivor = await ctx.db.transaction(async (manager) => {
    // Lock in id order so two merges of the same pair cannot deadlock.
    const [first, second] = [survivorId, duplicateId].sort();
    const locked = new Map<string, PersonEntity>();
    for (const pid of [first, second] as string[]) {
      locked.set(pid, await lockInScope(manager, PersonEntity, pid, ctx.caller, PERSON, (p) => [p.ownerUnitPath]));
    }
    const s = locked.get(survivorId) as PersonEntity;
    const d = locked.get(duplicateId) as PersonEntity;
    allowed(personRecordMachine.transition(s.recordStatus, 'ABSORB'));
    allowed(personRecordMachine.transition(d.recordStatus, 'MERGE_AWAY'));
    checkExpectedVersion(s.version, args.survivorVersion, PERSON);
    checkExpectedVersion(d.version, args.duplicateVersion, PERSON);
    const open = await manager
      .getRepository(DrugUserManagementEntity)
      .createQueryBuilder('m')
      .where('m.person_id IN (:...ids)', { ids: [survivorId, duplicateId] })
      .andWhere('m.status IN (:...open)', { open: OPEN })
      .getMany();
    if (open.some((m) => m.personId === survivorId) && open.some((m) => m.personId === duplicateId)) {
      throw domainError('ILLEGAL_TRANSITION', {
        vi: 'Cả hai hồ sơ đều có hồ sơ quản lý người sử dụng trái phép chất ma túy chưa kết thúc; hãy kết thúc một hồ sơ quản lý trước khi hợp nhất',
        en: 'Both records have an open drug-user management case; end one of them before merging',
      });
    }
    await manager.query(`UPDATE person SET record_status = 'MERGED', merged_into = $1, version = version + 1 WHERE id = $2`, [
      survivorId,
      duplicateId,
    ]);
    // Records merged earlier into the duplicate now point at the survivor (one hop to the living record).
    await manager.query('UPDATE person SET merged_into = $1, version = version + 1 WHERE merged_into = $2', [
      survivorId,
      duplicateId,
    ]);
    await manager.query('UPDATE person SET version = version + 1 WHERE id = $1', [survivorId]);
    await manager.query(
      'INSERT INTO person_merge (id, survivor_id, duplicate_id, reason, merged_by) VALUES ($1, $2, $3, $4, $5)',
      [randomUUID(), survivorId, duplicateId, reason, ctx.caller.username],
    );
    await repointOpenCases(manager, ctx, duplicateId, s);
    await ctx.audit.change(manager, 'Person', ['mergedInto', 'recordStatus'], duplicateId);
    await ctx.audit.change(manager, 'Person', ['mergedRecords'], survivorId);
    await sendNotice(manager, PERSON_MERGED, { survivorId, duplicateId });
    const mergedAway = await manager.query<{ id: string }[]>('SELECT id FROM person WHERE merged_into = $1', [survivorId]);
    await announcePersons(
      manager,
      mergedAway.map((r) => r.id),
    );
    return manager.getRepository(PersonEntity).findOneByOrFail({ id: survivorId });
  });
  ctx.loaders.personById.clear(survivor.id).prime(survivor.id, survivor);
  return survivor;
}

/**
 * Open police work on the duplicate continues on the survivor: its open management case
 * (with its check-ins), open searches and unacknowledged completion notices move over.
 * Closed history stays on the duplicate's record.
 */
async function repointOpenCases(
  manager: EntityManager,
  ctx: Context,
  duplicateId: string,
  survivor: PersonEntity,
): Promise<void> {
  const params = [survivor.id, survivor.ownerUnitPath, duplicateId];
  const managements = await manager.query<[{ id: string }[], number]>(
    `UPDATE drug_user_management SET person_id = $1, owner_unit_path = $2, version = version + 1
    WHERE person_id = $3 AND status IN ('PENDING_DECISION', 'ACTIVE') RETURNING id`,
    params,
  );
  const managementIds = managements[0].map((r) => r.id);
  if (managementIds.length > 0) {
    await manager.query(
      'UPDATE drug_user_check_in SET person_id = $1, owner_unit_path = $2 WHERE management_id = ANY($3::uuid[])',
      [survivor.id, survivor.ownerUnitPath, managementIds],
    );
    await ctx.audit.change(manager, 'DrugUserManagement', ['person'], survivor.id);
  }
  await repointLaw120Records(manager, ctx, duplicateId, survivor, managementIds);
  // The officers' notifications about the duplicate now name the person it was merged into.
  await manager.query('UPDATE officer_notification SET person_id = $1 WHERE person_id = $2', [survivor.id, duplicateId]);
  const [searches] = await manager.query<[unknown[], number]>(
    `UPDATE absconder_search SET person_id = $1, owner_unit_path = $2, version = version + 1
    WHERE person_id = $3 AND status <> 'CLOSED' RETURNING id`,
    params,
  );
  if (searches.length > 0) await ctx.audit.change(manager, 'AbsconderSearch', ['person'], survivor.id);
  const [notices] = await manager.query<[unknown[], number]>(
    `UPDATE rehab_completion_notice SET person_id = $1, owner_unit_path = $2, version = version + 1
    WHERE person_id = $3 AND acknowledged_at IS NULL RETURNING id`,
    params,
  );
  if (notices.length > 0) await ctx.audit.change(manager, 'RehabCompletionNotice', ['person'], survivor.id);
  // Care that lasts goes on for the survivor: the clinic or facility keeps reading who they care for.
  const [care] = await manager.query<[unknown[], number]>(
    'UPDATE care_relation SET person_id = $1 WHERE person_id = $2 AND ended_on IS NULL RETURNING id',
    [survivor.id, duplicateId],
  );
  if (care.length > 0) await ctx.audit.change(manager, 'CareRelation', ['person'], survivor.id);
}
