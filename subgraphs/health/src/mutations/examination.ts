import { randomUUID } from 'node:crypto';
import { actsOn, checkUuid, domainError, recordNotFound } from '@rehab/server-kit';
import { unitByCode } from '@rehab/shared-schema';
import type { MutationRecordAddictionExaminationArgs } from '../__generated__/resolvers';
import type { Context } from '../context';
import { notifyAgencies } from '../notices';
import { EXAMINATION_COLUMNS, toExamination, type ExaminationRecord } from '../records';
import { provinceOf } from './care';
import { conclude, findingProblems } from '../rules/addiction';
import { isUniqueViolation, requirePastDate, requireText } from './common';

interface PhysicianRow {
  facility_code: string;
}
interface RequestRow {
  person_id: string;
  owner_unit_code: string;
  owner_unit_path: string;
  requested_on: string;
}

/**
 * A certified physician of a qualified facility records an examination on a request; the
 * conclusion (AddictionDetermination) is derived by rules/addiction.ts and belongs, like the
 * request, to the requesting unit (health does not know the residence), so the requesting
 * agency sees it. The physician's facility must lie in the caller's unit, and the request
 * must come from the facility's province (out of scope: NOT_FOUND).
 */
export async function recordAddictionExamination(
  args: MutationRecordAddictionExaminationArgs,
  ctx: Context,
): Promise<ExaminationRecord> {
  const requestId = checkUuid(args.requestId, 'requestId');
  const { input } = args;
  const examinedOn = requirePastDate(input.examinedOn, 'input.examinedOn');
  const informedOn = input.informedOn == null ? examinedOn : requirePastDate(input.informedOn, 'input.informedOn');
  if (informedOn < examinedOn) {
    throw domainError(
      'BAD_USER_INPUT',
      {
        vi: `Ngày thông báo kết quả ${informedOn} ở trước ngày khám ${examinedOn}`,
        en: `The informed date ${informedOn} is before the examination ${examinedOn}`,
      },
      { field: 'input.informedOn' },
    );
  }
  const documentNumber = requireText(input.documentNumber, 'input.documentNumber', 64);
  const notes = input.clinicalNotes == null ? null : requireText(input.clinicalNotes, 'input.clinicalNotes', 4000);
  const [problem] = findingProblems(input.findings);
  if (problem) throw domainError('BAD_USER_INPUT', problem.text, { field: problem.field });

  const physicians = await ctx.db.query<PhysicianRow[]>('SELECT facility_code FROM certified_physician WHERE username = $1', [
    ctx.caller.username,
  ]);
  const [physician] = physicians;
  // The facility as it is today (a facility of a merged province has a version before the merge, under the old province).
  const facilityPath = physician ? unitByCode(physician.facility_code)?.path : undefined;
  if (!physician || facilityPath === undefined || !actsOn(ctx.caller, facilityPath)) {
    throw domainError('FORBIDDEN', {
      vi: 'Chỉ bác sĩ có chứng chỉ hành nghề tại cơ sở y tế đủ điều kiện trong đơn vị của bạn mới được khám xác định tình trạng nghiện',
      en: 'Only a physician certified at a qualified medical facility within your unit may examine for addiction',
    });
  }
  const conclusion = conclude(input.findings);
  return ctx.db.transaction(async (manager) => {
    const requests = await manager.query<RequestRow[]>(
      `SELECT person_id, owner_unit_code, owner_unit_path, requested_on::text AS requested_on
      FROM addiction_determination_request WHERE id = $1 FOR UPDATE`,
      [requestId],
    );
    const [request] = requests;
    const province = request ? provinceOf(request.owner_unit_path) : undefined;
    if (!request || province === undefined || province !== provinceOf(facilityPath)) {
      throw recordNotFound({ vi: 'đề nghị xác định tình trạng nghiện', en: 'determination request' }, requestId);
    }
    if (examinedOn < request.requested_on) {
      throw domainError(
        'BAD_USER_INPUT',
        {
          vi: `Ngày khám trước ngày đề nghị (${request.requested_on})`,
          en: `The examination date is before the request (${request.requested_on})`,
        },
        { field: 'input.examinedOn' },
      );
    }
    const determinationId = randomUUID();
    const id = randomUUID();
    try {
      await manager.query(
        `INSERT INTO addiction_determination (id, person_id, examined_on, informed_on, addicted, substance_classes,
        document_number, owner_unit_code, owner_unit_path, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          determinationId,
          request.person_id,
          examinedOn,
          informedOn,
          conclusion.addicted,
          conclusion.substanceClasses,
          documentNumber,
          request.owner_unit_code,
          request.owner_unit_path,
          requestId,
        ],
      );
      await manager.query(
        `INSERT INTO addiction_examination (id, request_id, determination_id, person_id, examined_on, findings,
        clinical_notes, physician_username, facility_code, owner_unit_path) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          id,
          requestId,
          determinationId,
          request.person_id,
          examinedOn,
          JSON.stringify(conclusion.findings),
          notes,
          ctx.caller.username,
          physician.facility_code,
          facilityPath,
        ],
      );
    } catch (error) {
      if (isUniqueViolation(error, 'addiction_examination_request_id_key')) {
        throw domainError('ILLEGAL_TRANSITION', {
          vi: 'Đề nghị này đã có kết quả khám',
          en: 'This request has already been examined',
        });
      }
      throw error;
    }
    await ctx.audit.change(manager, 'AddictionExamination', ['findings', 'clinicalNotes', 'determination'], request.person_id);
    if (conclusion.addicted) {
      // Police keep the treatment-registration deadline that runs from the day the person was told.
      await notifyAgencies(manager, 'addiction.determined', {
        personId: request.person_id,
        determinationId,
        determinedOn: examinedOn,
        informedOn,
        substanceClasses: conclusion.substanceClasses,
      });
    }
    const [row] = await manager.query<[Parameters<typeof toExamination>[0]]>(
      `SELECT ${EXAMINATION_COLUMNS} FROM addiction_examination WHERE id = $1`,
      [id],
    );
    return toExamination(row);
  });
}
