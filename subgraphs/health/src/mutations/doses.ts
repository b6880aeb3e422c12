import { randomUUID } from 'node:crypto';
import { domainError, insertRows, type Bilingual } from '@rehab/server-kit';
import { isUuid } from '@rehab/shared-schema';
import type { ClinicDoseDay, MutationRecordClinicDosesArgs } from '../__generated__/resolvers';
import type { Context } from '../context';
import { clinicInScope, requirePastDate } from './common';

/** The most doses one call may enter (a clinic's day; larger days split into several calls). */
export const MAX_DOSES_PER_CALL = 2000;
/** Highest plausible daily dose (mg) of either medication; more is a typing error. */
export const MAX_DOSE_MG = 1000;

/** The columns a dose row is inserted with (recorded doses and the demo seed alike). */
export const DOSE_INSERT_COLUMNS = [
  'id',
  'person_id',
  'treatment_id',
  'dose_date',
  'mg',
  'kind',
  'dispensing_point_code',
  'recorded_by',
  'clinic_code',
  'owner_unit_path',
];

interface RowProblem {
  index: number;
  field: string;
  text: Bilingual;
}

function rowError(problems: readonly RowProblem[]): Error {
  const [first] = problems as [RowProblem];
  const more =
    problems.length > 1
      ? { vi: ` (và ${problems.length - 1} dòng lỗi khác)`, en: ` (and ${problems.length - 1} more problems)` }
      : { vi: '', en: '' };
  return domainError(
    'BAD_USER_INPUT',
    {
      vi: `Dòng ${first.index}: ${first.text.vi}${more.vi}; không dòng nào được ghi`,
      en: `Row ${first.index}: ${first.text.en}${more.en}; no row was recorded`,
    },
    { field: `doses.${first.index}.${first.field}` },
  );
}

/** Codes of the clinic's dispensing points open on the date (opened by then, not yet closed). */
async function openPointsOn(ctx: Context, clinicCode: string, date: string): Promise<Set<string>> {
  const rows = await ctx.db.query<{ code: string }[]>(
    `SELECT code FROM dispensing_point WHERE clinic_code = $1
    AND (opened_on IS NULL OR opened_on <= $2) AND (closed_on IS NULL OR closed_on > $2)`,
    [clinicCode, date],
  );
  return new Set(rows.map((r) => r.code));
}

/**
 * A clinic's whole day in one transaction: every row is checked first (an active treatment
 * at this clinic, enrolled by the date, not yet dosed that day, plausible mg and point), then
 * all rows go in with one multi-row INSERT and one audit statement; a single problem records nothing.
 */
export async function recordClinicDoses(args: MutationRecordClinicDosesArgs, ctx: Context): Promise<ClinicDoseDay> {
  const date = requirePastDate(args.date, 'date');
  const { doses } = args;
  if (doses.length === 0 || doses.length > MAX_DOSES_PER_CALL) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: `Phải có từ 1 đến ${MAX_DOSES_PER_CALL} liều`, en: `Between 1 and ${MAX_DOSES_PER_CALL} doses` },
      { field: 'doses' },
    );
  }
  const clinicPath = await clinicInScope(ctx.db.manager, ctx.caller, args.clinicCode, 'clinicCode');
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  doses.forEach((d, index) => {
    if (!isUuid(d.personId))
      problems.push({
        index,
        field: 'personId',
        text: { vi: `mã người không hợp lệ ${d.personId}`, en: `invalid person id ${d.personId}` },
      });
    else if (seen.has(d.personId.toLowerCase()))
      problems.push({
        index,
        field: 'personId',
        text: { vi: 'người này có hai liều trong cùng ngày', en: 'the person appears twice on the day' },
      });
    seen.add(d.personId.toLowerCase());
    if (!(d.mg > 0 && d.mg <= MAX_DOSE_MG))
      problems.push({
        index,
        field: 'mg',
        text: { vi: `liều ${d.mg} mg ngoài khoảng (0, ${MAX_DOSE_MG}]`, en: `dose ${d.mg} mg outside (0, ${MAX_DOSE_MG}]` },
      });
  });
  if (problems.length > 0) throw rowError(problems);
  const openPoints = await openPointsOn(ctx, args.clinicCode, date);
  doses.forEach((d, index) => {
    if (!openPoints.has(d.dispensingPointCode)) {
      problems.push({
        index,
        field: 'dispensingPointCode',
        text: {
          vi: `${d.dispensingPointCode} không phải điểm cấp phát đang hoạt động của cơ sở ${args.clinicCode} ngày ${date}`,
          en: `${d.dispensingPointCode} is not an open dispensing point of ${args.clinicCode} on ${date}`,
        },
      });
    }
  });
  if (problems.length > 0) throw rowError(problems);

  const personIds = doses.map((d) => d.personId.toLowerCase());
  return ctx.db.transaction(async (manager) => {
    const treatments = await manager.query<{ id: string; person_id: string; enrolled_on: string; dosed: boolean }[]>(
      `SELECT t.id, t.person_id, t.enrolled_on::text AS enrolled_on,
        EXISTS (SELECT 1 FROM dose d WHERE d.treatment_id = t.id AND d.dose_date = $3) AS dosed
      FROM substitution_treatment t WHERE t.person_id = ANY ($1::uuid[]) AND t.clinic_code = $2 AND t.status = 'ACTIVE'
      FOR UPDATE OF t`,
      [personIds, args.clinicCode, date],
    );
    const byPerson = new Map(treatments.map((t) => [t.person_id, t]));
    const rows: unknown[][] = [];
    doses.forEach((d, index) => {
      const personId = d.personId.toLowerCase();
      const t = byPerson.get(personId);
      if (!t)
        problems.push({
          index,
          field: 'personId',
          text: {
            vi: `người ${personId} không đang điều trị tại cơ sở ${args.clinicCode}`,
            en: `${personId} is not in active treatment at ${args.clinicCode}`,
          },
        });
      else if (t.enrolled_on > date)
        problems.push({
          index,
          field: 'personId',
          text: {
            vi: `ngày ${date} trước ngày bắt đầu điều trị ${t.enrolled_on}`,
            en: `${date} is before enrolment on ${t.enrolled_on}`,
          },
        });
      else if (t.dosed)
        problems.push({ index, field: 'personId', text: { vi: `đã có liều ngày ${date}`, en: `already dosed on ${date}` } });
      else
        rows.push([
          randomUUID(),
          personId,
          t.id,
          date,
          d.mg,
          d.kind,
          d.dispensingPointCode,
          ctx.caller.username,
          args.clinicCode,
          clinicPath,
        ]);
    });
    if (problems.length > 0) throw rowError(problems);
    await insertRows(manager, 'dose', DOSE_INSERT_COLUMNS, rows, MAX_DOSES_PER_CALL);
    await ctx.audit.changeMany(manager, 'Dose', ['date', 'mg', 'kind', 'dispensingPoint'], personIds);
    return { clinicCode: args.clinicCode, date, recorded: rows.length };
  });
}
