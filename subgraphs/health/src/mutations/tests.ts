import { randomUUID } from 'node:crypto';
import { checkUuid, domainError } from '@rehab/server-kit';
import type { MutationRecordInfectionStatusArgs, MutationRecordUrineTestArgs } from '../__generated__/resolvers';
import type { Context } from '../context';
import type { InfectionStatusRecord, UrineTestRecord } from '../records';
import { requireInCare } from './care';
import { badInput, requirePastDate } from './common';

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

type Arv = Pick<InfectionStatusRecord, 'arv' | 'arvStartedOn'>;

/** The ARV status a positive HIV result needs (and a negative one refuses), with its start date when it started. */
function arvOf(args: MutationRecordInfectionStatusArgs): Arv {
  const arv = args.arv ?? null;
  if (args.hiv !== 'POSITIVE') {
    if (arv !== null || args.arvStartedOn) {
      throw badInput(
        'arv',
        'Chỉ ghi tình trạng điều trị ARV khi HIV dương tính',
        'ARV status goes with a positive HIV result only',
      );
    }
    return { arv: null, arvStartedOn: null };
  }
  if (arv === null) {
    throw badInput('arv', 'HIV dương tính: cần ghi tình trạng điều trị ARV', 'A positive HIV result needs its ARV status');
  }
  if (arv === 'NOT_STARTED') {
    if (args.arvStartedOn) {
      throw badInput('arvStartedOn', 'Chưa điều trị ARV thì không có ngày bắt đầu', 'No start date when ARV has not started');
    }
    return { arv, arvStartedOn: null };
  }
  if (!args.arvStartedOn) {
    throw badInput('arvStartedOn', 'Cần ngày bắt đầu điều trị ARV', 'The day ARV treatment started is required');
  }
  return { arv, arvStartedOn: requirePastDate(args.arvStartedOn, 'arvStartedOn') };
}

export async function recordInfectionStatus(
  args: MutationRecordInfectionStatusArgs,
  ctx: Context,
): Promise<InfectionStatusRecord> {
  const personId = checkUuid(args.personId, 'personId');
  const testedOn = requirePastDate(args.testedOn, 'testedOn');
  const { arv, arvStartedOn } = arvOf(args);
  const id = randomUUID();
  return ctx.db.transaction(async (manager) => {
    await requireInCare(manager, ctx.caller, personId);
    await manager.query(
      `INSERT INTO infection_status (id, person_id, hiv, hepatitis_b, hepatitis_c, tested_on, arv, arv_started_on, recorded_by, owner_unit_path)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        personId,
        args.hiv,
        args.hepatitisB,
        args.hepatitisC,
        testedOn,
        arv,
        arvStartedOn,
        ctx.caller.username,
        ctx.caller.unitPath,
      ],
    );
    const fields = ['hiv', 'hepatitisB', 'hepatitisC', 'testedOn', ...(arv ? ['arv'] : [])];
    await ctx.audit.change(manager, 'InfectionStatus', fields, personId);
    return { id, personId, hiv: args.hiv, hepatitisB: args.hepatitisB, hepatitisC: args.hepatitisC, testedOn, arv, arvStartedOn };
  });
}
