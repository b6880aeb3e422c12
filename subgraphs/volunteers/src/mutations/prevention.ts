import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  domainError,
  isUniqueViolation,
  lockProgrammeRecord,
  pathScope,
  programmeUnit,
  requirePersonInScope,
  requireUnit,
  unitSubtree,
  type RecordName,
} from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';
import type {
  MutationResolvers,
  PersonAtRiskInput,
  PersonAtRiskResolvers,
  PreventionServiceInput,
  QueryResolvers,
} from '../__generated__/resolvers';
import type { Context } from '../context';
import { PersonAtRiskEntity, PreventionServiceEntity } from '../entities/PersonAtRisk';
import { badInput } from '../rules/errors';
import { referencedUnit } from '../resolvers/units';
import { checkNotBefore, checkNotFuture, inTransaction, optionalText, requiredText } from './checks';

const ENTRY: RecordName = { vi: 'người có nguy cơ', en: 'person at risk' };
const MAX_LISTED = 500;

function birthYearOf(value: number, listedOn: string): number {
  const listedYear = Number(listedOn.slice(0, 4));
  if (!Number.isInteger(value) || value < listedYear - 100 || value > listedYear - 8) {
    throw badInput(
      { vi: 'Năm sinh không hợp lệ (từ 8 đến 100 tuổi)', en: 'Year of birth out of range (aged 8 to 100)' },
      'input.birthYear',
    );
  }
  return value;
}

function fieldsOf(caller: Caller, input: PersonAtRiskInput) {
  const commune = programmeUnit(caller, input.communeCode, 'input.communeCode', input.listedOn, ENTRY, ['COMMUNE']);
  checkNotFuture(input.listedOn, 'input.listedOn');
  return {
    fullName: requiredText(input.fullName, 'input.fullName', { vi: 'họ tên', en: 'full name' }, 200),
    birthYear: birthYearOf(input.birthYear, input.listedOn),
    communeCode: commune.code,
    ownerUnitPath: commune.path,
    riskGroup: input.riskGroup,
    listedOn: input.listedOn,
    note: optionalText(input.note, 'input.note', { vi: 'ghi chú', en: 'note' }, 2000),
  };
}

/** The same name and year of birth already on the commune's list (and not taken off): one entry per person. */
async function refuseDuplicate(manager: EntityManager, fields: ReturnType<typeof fieldsOf>, except: string | null) {
  const query = manager
    .getRepository(PersonAtRiskEntity)
    .createQueryBuilder('p')
    .where('p.owner_unit_path = :path AND lower(p.full_name) = lower(:name) AND p.birth_year = :year AND p.removed_on IS NULL', {
      path: fields.ownerUnitPath,
      name: fields.fullName,
      year: fields.birthYear,
    });
  if (except) query.andWhere('p.id <> :except', { except });
  if ((await query.getCount()) > 0) {
    throw domainError(
      'CONFLICT',
      {
        vi: `${fields.fullName} (sinh năm ${fields.birthYear}) đã có trong danh sách của xã`,
        en: `${fields.fullName} (born ${fields.birthYear}) is already on the commune's list`,
      },
      { field: 'input.fullName' },
    );
  }
}

const AUDITED = ['birthYear', 'commune', 'fullName', 'listedOn', 'note', 'riskGroup'];

const lockEntry = (manager: EntityManager, caller: Caller, id: string, expectedVersion: number) =>
  lockProgrammeRecord(manager, caller, { entity: PersonAtRiskEntity, name: ENTRY, id, expectedVersion, sameAgency: false });

function refuseRemoved(row: PersonAtRiskEntity): void {
  if (row.removedOn !== null) {
    throw domainError('ILLEGAL_TRANSITION', {
      vi: `Đã đưa ra khỏi danh sách ngày ${row.removedOn}`,
      en: `Taken off the list on ${row.removedOn}`,
    });
  }
}

/** A service's fields; one given to a person on a list is not dated before their listing (`since`). */
function serviceOf(caller: Caller, input: PreventionServiceInput, since: string | null, ownerUnitPath: string) {
  checkNotFuture(input.providedOn, 'input.providedOn');
  if (since) checkNotBefore(input.providedOn, since, 'input.providedOn', { vi: 'ngày vào danh sách', en: 'the listing' });
  return {
    id: randomUUID(),
    ownerUnitPath,
    kind: input.kind,
    providedOn: input.providedOn,
    agency: caller.agency,
    note: optionalText(input.note, 'input.note', { vi: 'ghi chú', en: 'note' }, 2000),
    recordedBy: caller.username,
  };
}

const reload = (manager: EntityManager, id: string) => manager.getRepository(PersonAtRiskEntity).findOneByOrFail({ id });

async function update(manager: EntityManager, ctx: Context, row: PersonAtRiskEntity, changes: Partial<PersonAtRiskEntity>) {
  await manager.getRepository(PersonAtRiskEntity).update({ id: row.id }, { ...changes, version: row.version + 1 });
  // A change of a linked entry (the link itself included) is audited against the registry person.
  await ctx.audit.change(manager, 'PersonAtRisk', Object.keys(changes).sort(), changes.personId ?? row.personId ?? row.id);
  return reload(manager, row.id);
}

export const preventionMutations: Pick<
  MutationResolvers,
  | 'listPersonAtRisk'
  | 'updatePersonAtRisk'
  | 'linkPersonAtRisk'
  | 'removePersonAtRisk'
  | 'recordPreventionService'
  | 'recordPreventionServiceForPerson'
> = {
  listPersonAtRisk: (_parent, { input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const fields = fieldsOf(ctx.caller, input);
      // One listing at a time per commune, so two officers cannot list the same person at once.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`person_at_risk:${fields.ownerUnitPath}`]);
      await refuseDuplicate(manager, fields, null);
      const id = randomUUID();
      await manager.getRepository(PersonAtRiskEntity).insert({
        id,
        ...fields,
        agency: ctx.caller.agency,
        personId: null,
        linkedOn: null,
        removedOn: null,
        removalReason: null,
        recordedBy: ctx.caller.username,
        version: 1,
      });
      await ctx.audit.change(manager, 'PersonAtRisk', AUDITED, id);
      return reload(manager, id);
    }),

  updatePersonAtRisk: (_parent, { id, expectedVersion, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const row = await lockEntry(manager, ctx.caller, id, expectedVersion);
      refuseRemoved(row);
      const fields = fieldsOf(ctx.caller, input);
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`person_at_risk:${fields.ownerUnitPath}`]);
      await refuseDuplicate(manager, fields, row.id);
      return update(manager, ctx, row, fields);
    }),

  linkPersonAtRisk: (_parent, { id, expectedVersion, personId, linkedOn }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const row = await lockEntry(manager, ctx.caller, id, expectedVersion);
      if (row.personId !== null) {
        throw domainError('ILLEGAL_TRANSITION', {
          vi: `Đã liên kết với hồ sơ người sử dụng ma túy ngày ${row.linkedOn ?? ''}`,
          en: `Already linked to a registry person on ${row.linkedOn ?? ''}`,
        });
      }
      const person = await requirePersonInScope(manager, ctx.caller, personId, 'personId');
      checkNotFuture(linkedOn, 'linkedOn');
      checkNotBefore(linkedOn, row.listedOn, 'linkedOn', { vi: 'ngày vào danh sách', en: 'the listing' });
      try {
        return await update(manager, ctx, row, { personId: person.personId, linkedOn });
      } catch (error) {
        if (!isUniqueViolation(error, 'person_at_risk_person')) throw error;
        throw domainError(
          'CONFLICT',
          {
            vi: 'Người này đã được liên kết từ một mục khác của danh sách',
            en: 'This person is already linked from another entry of the list',
          },
          { field: 'personId' },
        );
      }
    }),

  removePersonAtRisk: (_parent, { id, expectedVersion, removedOn, reason }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const row = await lockEntry(manager, ctx.caller, id, expectedVersion);
      refuseRemoved(row);
      checkNotFuture(removedOn, 'removedOn');
      checkNotBefore(removedOn, row.listedOn, 'removedOn', { vi: 'ngày vào danh sách', en: 'the listing' });
      const removalReason = requiredText(reason, 'reason', { vi: 'lý do', en: 'reason' }, 500);
      return update(manager, ctx, row, { removedOn, removalReason });
    }),

  recordPreventionService: (_parent, { personAtRiskId, expectedVersion, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const row = await lockEntry(manager, ctx.caller, personAtRiskId, expectedVersion);
      refuseRemoved(row);
      const service = serviceOf(ctx.caller, input, row.listedOn, row.ownerUnitPath);
      await manager.getRepository(PreventionServiceEntity).insert({ ...service, personAtRiskId: row.id, personId: null });
      await ctx.audit.change(manager, 'PreventionService', ['kind', 'providedOn'], row.personId ?? row.id);
      // The entry's version moves with its services, so a form shows them as they are.
      await manager.getRepository(PersonAtRiskEntity).update({ id: row.id }, { version: row.version + 1 });
      return reload(manager, row.id);
    }),

  recordPreventionServiceForPerson: (_parent, { personId, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const person = await requirePersonInScope(manager, ctx.caller, personId, 'personId');
      const service = serviceOf(ctx.caller, input, null, person.unitPath);
      await manager
        .getRepository(PreventionServiceEntity)
        .insert({ ...service, personAtRiskId: null, personId: person.personId });
      await ctx.audit.change(manager, 'PreventionService', ['kind', 'providedOn'], person.personId);
      return manager.getRepository(PreventionServiceEntity).findOneByOrFail({ id: service.id });
    }),
};

export const preventionQueries: Pick<QueryResolvers, 'peopleAtRisk'> = {
  peopleAtRisk: (_parent, { unitCode, includeRemoved }, ctx) => {
    const unit = requireUnit(unitCode, 'unitCode', ['COMMUNE', 'PROVINCE']);
    const within = unitSubtree('p.owner_unit_path', unit.path);
    const scope = pathScope('p.owner_unit_path', ctx.caller);
    const query = ctx.db
      .getRepository(PersonAtRiskEntity)
      .createQueryBuilder('p')
      .where(within.sql, within.params)
      .andWhere(scope.sql, scope.params);
    if (!includeRemoved) query.andWhere('p.removed_on IS NULL');
    return query.orderBy('p.listed_on', 'DESC').addOrderBy('p.id', 'ASC').limit(MAX_LISTED).getMany();
  },
};

export const PersonAtRisk: PersonAtRiskResolvers = {
  commune: (p, _args, ctx) => referencedUnit(ctx, p.communeCode),
  person: (p) => (p.personId ? { id: p.personId } : null),
  services: (p, _args, ctx) => ctx.loaders.servicesByEntry.load(p.id),
};
