import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  actsOn,
  checkExpectedVersion,
  checkUuid,
  checkVersion,
  domainError,
  notifyUnit,
  recordNotFound,
} from '@rehab/server-kit';
import type { MutationEndDrugInducedPsychosisCareArgs, MutationRecordDrugInducedPsychosisArgs } from '../__generated__/resolvers';
import type { Context } from '../context';
import { PSYCHOSIS_COLUMNS, toPsychosis, type PsychosisRecord, type PsychosisRow } from '../records-psychosis';
import { badInput, requirePastDate, requireText } from './common';
import { residenceFor } from './screening';

/** Topics of the commune's inbox: a person at risk of harming others is under care, then no longer. */
export const PSYCHOSIS_RISK_TOPIC = 'health.psychosis-risk';
export const PSYCHOSIS_ENDED_TOPIC = 'health.psychosis-ended';

const RECORD = { vi: 'hồ sơ quản lý người loạn thần do sử dụng ma túy', en: 'drug-induced psychosis record' };

function checkedInput(args: MutationRecordDrugInducedPsychosisArgs) {
  const { input } = args;
  const diagnosedOn = requirePastDate(input.diagnosedOn, 'input.diagnosedOn');
  const classes = input.substanceClasses;
  if (new Set(classes).size !== classes.length || !classes.includes('STIMULANTS')) {
    throw badInput(
      'input.substanceClasses',
      'Loạn thần do sử dụng ma túy tổng hợp: ghi nhóm chất kích thích (ATS), mỗi nhóm chất một lần',
      'Psychosis from synthetic drugs: name the stimulants (ATS), each class once',
    );
  }
  const careFacility = input.careFacility?.trim() ? requireText(input.careFacility, 'input.careFacility', 200) : null;
  if (input.care === 'INPATIENT_PSYCHIATRIC' && !careFacility) {
    throw badInput(
      'input.careFacility',
      'Điều trị nội trú: ghi tên cơ sở tâm thần',
      'Inpatient care: name the psychiatric facility',
    );
  }
  const note = input.note?.trim() ? requireText(input.note, 'input.note', 2000) : null;
  return { diagnosedOn, classes, careFacility, note };
}

/** Tells the commune of residence (police and committee) that a person needs watching with the family; nothing clinical. */
async function tellCommune(manager: EntityManager, topic: string, unitPath: string, personId: string, on: string): Promise<void> {
  await notifyUnit(manager, {
    topic,
    source: 'health',
    unitPath,
    audience: ['police_officer', 'commune_official'],
    personId,
    occurredOn: on,
  });
}

export async function recordDrugInducedPsychosis(
  args: MutationRecordDrugInducedPsychosisArgs,
  ctx: Context,
): Promise<PsychosisRecord> {
  const personId = checkUuid(args.personId, 'personId');
  const input = checkedInput(args);
  const { severity, riskToOthers, care } = args.input;
  const id = randomUUID();
  return ctx.db.transaction(async (manager) => {
    const residence = await residenceFor(manager, ctx.caller, personId);
    // Concurrent records of the same person meet at the partial unique index; this check names the field first.
    const [open] = await manager.query<unknown[]>(
      `SELECT 1 FROM drug_induced_psychosis WHERE person_id = $1 AND status = 'UNDER_CARE' FOR UPDATE`,
      [personId],
    );
    if (open) {
      throw domainError('ILLEGAL_TRANSITION', {
        vi: 'Người này đang được quản lý loạn thần do sử dụng ma túy: kết thúc hồ sơ đang mở trước khi ghi hồ sơ mới',
        en: 'This person is already under care for a drug-induced psychosis: end the open record first',
      });
    }
    await manager.query(
      `INSERT INTO drug_induced_psychosis (id, person_id, diagnosed_on, substance_classes, severity, risk_to_others, care,
        care_facility, note, status, residence_unit_path, owner_unit_path, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'UNDER_CARE', $10, $11, $12)`,
      [
        id,
        personId,
        input.diagnosedOn,
        input.classes,
        severity,
        riskToOthers,
        care,
        input.careFacility,
        input.note,
        residence,
        ctx.caller.unitPath,
        ctx.caller.username,
      ],
    );
    await ctx.audit.change(manager, 'DrugInducedPsychosis', ['care', 'diagnosedOn', 'riskToOthers', 'severity'], personId);
    if (riskToOthers) await tellCommune(manager, PSYCHOSIS_RISK_TOPIC, residence, personId, input.diagnosedOn);
    return readPsychosis(manager, id);
  });
}

async function readPsychosis(manager: EntityManager, id: string): Promise<PsychosisRecord> {
  const [row] = await manager.query<PsychosisRow[]>(`SELECT ${PSYCHOSIS_COLUMNS} FROM drug_induced_psychosis WHERE id = $1`, [
    id,
  ]);
  if (!row) throw recordNotFound(RECORD, id);
  return toPsychosis(row);
}

export async function endDrugInducedPsychosisCare(
  args: MutationEndDrugInducedPsychosisCareArgs,
  ctx: Context,
): Promise<PsychosisRecord> {
  const id = checkUuid(args.id, 'id');
  checkVersion(args.expectedVersion);
  const endedOn = requirePastDate(args.endedOn, 'endedOn');
  const note = args.note?.trim() ? requireText(args.note, 'note', 2000) : null;
  return ctx.db.transaction(async (manager) => {
    const [row] = await manager.query<(PsychosisRow & { owner_unit_path: string; residence_unit_path: string })[]>(
      `SELECT ${PSYCHOSIS_COLUMNS}, owner_unit_path, residence_unit_path FROM drug_induced_psychosis WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!row || !actsOn(ctx.caller, row.owner_unit_path)) throw recordNotFound(RECORD, id);
    checkExpectedVersion(row.version, args.expectedVersion, RECORD);
    if (row.status !== 'UNDER_CARE') {
      throw domainError('ILLEGAL_TRANSITION', {
        vi: 'Hồ sơ quản lý loạn thần này đã kết thúc',
        en: 'This psychosis record has already ended',
      });
    }
    if (endedOn < row.diagnosed_on) {
      throw badInput(
        'endedOn',
        `Ngày ${endedOn} trước ngày chẩn đoán (${row.diagnosed_on})`,
        `${endedOn} is before the diagnosis (${row.diagnosed_on})`,
      );
    }
    await manager.query(
      `UPDATE drug_induced_psychosis SET status = 'ENDED', ended_on = $2, end_reason = $3, end_note = $4, version = version + 1
       WHERE id = $1`,
      [id, endedOn, args.reason, note],
    );
    await ctx.audit.change(manager, 'DrugInducedPsychosis', ['endReason', 'endedOn', 'status'], row.person_id);
    if (row.risk_to_others) await tellCommune(manager, PSYCHOSIS_ENDED_TOPIC, row.residence_unit_path, row.person_id, endedOn);
    return readPsychosis(manager, id);
  });
}
