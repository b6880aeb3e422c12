import { randomUUID } from 'node:crypto';
import { checkUuid, domainError } from '@rehab/server-kit';
import type { MutationRecordInfectionStatusArgs, MutationRecordUrineTestArgs } from '../__generated__/resolvers';
import type { Context } from '../context';
import type { InfectionStatusRecord, UrineTestRecord } from '../records';
import { requireInCare } from './care';
import { requirePastDate } from './common';

/**
 * Urine and infection tests belong to the recording health unit (scope of later reads) and
 * are recorded only for a patient in the caller's care (requireInCare): an unknown person and
 * another unit's patient get the same NOT_FOUND.
 */
export async function recordUrineTest(args: MutationRecordUrineTestArgs, ctx: Context): Promise<UrineTestRecord> {
  const personId = checkUuid(args.personId, 'personId');
  const testedOn = requirePastDate(args.date, 'date');
  const classes = args.results.map((r) => r.substanceClass);
  if (classes.length === 0 || new Set(classes).size !== classes.length) {
    throw domainError(
      'BAD_USER_INPUT',
      {
        vi: 'Mỗi nhóm chất phải có đúng một kết quả, ít nhất một nhóm',
        en: 'Each substance class needs exactly one result, at least one class',
      },
      { field: 'results' },
    );
  }
  const results = args.results.map((r) => ({ substanceClass: r.substanceClass, result: r.result }));
  const id = randomUUID();
  return ctx.db.transaction(async (manager) => {
    await requireInCare(manager, ctx.caller, personId);
    await manager.query(
      `INSERT INTO urine_test (id, person_id, tested_on, results, recorded_by, owner_unit_path) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, personId, testedOn, JSON.stringify(results), ctx.caller.username, ctx.caller.unitPath],
    );
    await ctx.audit.change(manager, 'UrineTest', ['testedOn', 'results'], personId);
    return { id, personId, testedOn, results };
  });
}

export async function recordInfectionStatus(
  args: MutationRecordInfectionStatusArgs,
  ctx: Context,
): Promise<InfectionStatusRecord> {
  const personId = checkUuid(args.personId, 'personId');
  const testedOn = requirePastDate(args.testedOn, 'testedOn');
  const id = randomUUID();
  return ctx.db.transaction(async (manager) => {
    await requireInCare(manager, ctx.caller, personId);
    await manager.query(
      `INSERT INTO infection_status (id, person_id, hiv, hepatitis_b, hepatitis_c, tested_on, recorded_by, owner_unit_path)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, personId, args.hiv, args.hepatitisB, args.hepatitisC, testedOn, ctx.caller.username, ctx.caller.unitPath],
    );
    await ctx.audit.change(manager, 'InfectionStatus', ['hiv', 'hepatitisB', 'hepatitisC', 'testedOn'], personId);
    return { id, personId, hiv: args.hiv, hepatitisB: args.hepatitisB, hepatitisC: args.hepatitisC, testedOn };
  });
}
