import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { checkUuid, recordNotFound, requirePersonInScope } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';
import type { MutationRecordDrugUseScreeningArgs } from '../__generated__/resolvers';
import type { Context } from '../context';
import type { DrugUseScreeningRecord } from '../records';
import { PATIENT, isInCare } from './care';
import { badInput, requirePastDate, requireText } from './common';

/**
 * Where the person lives, for the indicator, and whether the caller may screen them: a
 * person living within the caller's unit, or a patient in the caller's care (a clinic).
 */
export async function residenceFor(manager: EntityManager, caller: Caller, personId: string): Promise<string> {
  if (await isInCare(manager, caller, personId)) {
    const [row] = await manager.query<{ unit_path: string }[]>('SELECT unit_path FROM person_directory WHERE person_id = $1', [
      personId,
    ]);
    if (!row) throw recordNotFound(PATIENT, personId, 'personId');
    return row.unit_path;
  }
  return (await requirePersonInScope(manager, caller, personId)).unitPath;
}

/** The input's own rules: a day not in the future, each substance class once, a high risk referred on. */
function checked(args: MutationRecordDrugUseScreeningArgs): Omit<DrugUseScreeningRecord, 'id' | 'personId'> {
  const { input } = args;
  const screenedOn = requirePastDate(input.screenedOn, 'input.screenedOn');
  const classes = input.substanceClasses;
  if (classes.length === 0 || new Set(classes).size !== classes.length) {
    throw badInput(
      'input.substanceClasses',
      'Ghi ít nhất một nhóm chất, mỗi nhóm một lần',
      'Name at least one substance class, each once',
    );
  }
  if (input.riskLevel === 'HIGH' && input.referral !== 'ADDICTION_DETERMINATION' && input.referral !== 'TREATMENT') {
    throw badInput(
      'input.referral',
      'Nguy cơ cao: chuyển đề nghị xác định tình trạng nghiện hoặc chuyển điều trị',
      'A high risk is referred to an addiction determination or to treatment',
    );
  }
  const note = input.note?.trim() ? requireText(input.note, 'input.note', 2000) : null;
  return {
    screenedOn,
    instrument: input.instrument,
    riskLevel: input.riskLevel,
    substanceClasses: classes,
    referral: input.referral,
    note,
  };
}

/** Sàng lọc, đánh giá mức độ sử dụng ma túy: one screening per person and day, owned by the recording unit. */
export async function recordDrugUseScreening(
  args: MutationRecordDrugUseScreeningArgs,
  ctx: Context,
): Promise<DrugUseScreeningRecord> {
  const personId = checkUuid(args.personId, 'personId');
  const screening = checked(args);
  const id = randomUUID();
  return ctx.db.transaction(async (manager) => {
    const residence = await residenceFor(manager, ctx.caller, personId);
    const [taken] = await manager.query<unknown[]>(
      'SELECT 1 FROM drug_use_screening WHERE person_id = $1 AND screened_on = $2 FOR UPDATE',
      [personId, screening.screenedOn],
    );
    if (taken) {
      throw badInput(
        'input.screenedOn',
        'Người này đã được sàng lọc trong ngày đó',
        'This person already has a screening on that day',
      );
    }
    await manager.query(
      `INSERT INTO drug_use_screening (id, person_id, screened_on, instrument, risk_level, substance_classes, referral, note,
      residence_unit_path, owner_unit_path, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        id,
        personId,
        screening.screenedOn,
        screening.instrument,
        screening.riskLevel,
        screening.substanceClasses,
        screening.referral,
        screening.note,
        residence,
        ctx.caller.unitPath,
        ctx.caller.username,
      ],
    );
    await ctx.audit.change(manager, 'DrugUseScreening', ['screenedOn', 'riskLevel', 'substanceClasses', 'referral'], personId);
    return { id, personId, ...screening };
  });
}
