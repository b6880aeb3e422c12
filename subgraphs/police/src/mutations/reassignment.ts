import {
  checkExpectedVersion,
  checkUuid,
  PERSON_UNIT_ASSIGNED_NOTICE,
  recordPersonUnitAssignment,
  sendNotice,
  type PersonUnitAssignedPayload,
} from '@rehab/server-kit';
import { formatDateVi, units } from '@rehab/shared-schema';
import { domainError } from '@rehab/server-kit';
import type { MutationAssignPersonToUnitArgs } from '../__generated__/resolvers';
import type { Context } from '../context';
import { PersonEntity } from '../entities/Person';
import { today } from '../rules/legal-time';
import { personRecordMachine } from '../rules/person-record';
import { candidatesOf, checkProvinceLevel } from '../resolvers/reassignment';
import { allowed, lockInScope } from './common';
import { announcePersons } from '../notices/directory';

const PERSON = { vi: 'hồ sơ nhân khẩu', en: 'registry record' };

/**
 * Assigns a person of a split pre-reform commune to one of its new communes: the registry's
 * residence moves there (the address stays), the assignment is kept and sent to every agency.
 */
export async function assignPersonToUnit(args: MutationAssignPersonToUnitArgs, ctx: Context): Promise<PersonEntity> {
  checkProvinceLevel(ctx.caller);
  const id = checkUuid(args.personId, 'personId');
  return ctx.db.transaction(async (manager) => {
    const person = await lockInScope(manager, PersonEntity, id, ctx.caller, PERSON, (p) => [p.ownerUnitPath]);
    checkExpectedVersion(person.version, args.expectedVersion, PERSON);
    allowed(personRecordMachine.transition(person.recordStatus, 'EDIT'));
    const former = units().byUnitPath(person.ownerUnitPath);
    if (!former || !units().isSplit(former.path)) {
      throw domainError(
        'ILLEGAL_TRANSITION',
        {
          vi: 'Người này không thuộc xã, phường bị chia tách chờ phân về xã mới',
          en: 'This person is not waiting in a split commune',
        },
        { field: 'personId' },
      );
    }
    const to = candidatesOf(former).find((c) => c.code === args.toUnitCode);
    if (!to) {
      throw domainError(
        'BAD_USER_INPUT',
        {
          vi: `${former.name} (trước ${formatDateVi('2025-07-01')}) chỉ chuyển về: ${candidatesOf(former)
            .map((c) => `${c.code} ${c.name}`)
            .join('; ')}`,
          en: `${former.name} went only into: ${candidatesOf(former)
            .map((c) => c.code)
            .join(', ')}`,
        },
        { field: 'toUnitCode' },
      );
    }
    const assignment: PersonUnitAssignedPayload = {
      personId: person.id,
      fromUnitPath: former.path,
      toUnitCode: to.code,
      toUnitPath: to.path,
      assignedOn: today(),
    };
    await manager.query('UPDATE person SET current_unit_code = $1, owner_unit_path = $2, version = version + 1 WHERE id = $3', [
      to.code,
      to.path,
      person.id,
    ]);
    await recordPersonUnitAssignment(manager, assignment);
    await sendNotice(manager, PERSON_UNIT_ASSIGNED_NOTICE, assignment);
    await announcePersons(manager, [person.id]);
    await ctx.audit.change(manager, 'Person', ['currentResidence'], person.id);
    return manager.getRepository(PersonEntity).findOneByOrFail({ id: person.id });
  });
}
