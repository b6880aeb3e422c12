import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { actsOn, checkExpectedVersion, checkUuid, domainError, recordNotFound, type Bilingual } from '@rehab/server-kit';
import { addDays, todayInHanoi, type Caller, type TreatmentPhase } from '@rehab/shared-schema';
import type {
  MutationAdvanceTreatmentPhaseArgs,
  MutationEnrollSubstitutionTreatmentArgs,
  MutationTerminateTreatmentArgs,
  MutationTransferTreatmentArgs,
  TerminationReason,
} from '../__generated__/resolvers';
import type { Context } from '../context';
import { SubstitutionTreatmentEntity } from '../entities/SubstitutionTreatment';
import { notifyAgencies } from '../notices';
import { opioidAddictionInProvince } from './care';
import { advancePhase, enrolmentProblem, requireOngoing, type EnrolmentProblem } from '../rules/treatment';
import { currentPhaseSince, recordPhase } from './phase-history';
import { allowed, clinicInScope, communePath, isUniqueViolation, requirePastDate, requireText } from './common';

const TREATMENT: Bilingual = { vi: 'đợt điều trị thay thế', en: 'substitution treatment' };

const ENROLMENT_ERRORS: Record<
  EnrolmentProblem,
  { code: 'BAD_USER_INPUT' | 'ILLEGAL_TRANSITION'; field: string; text: Bilingual }
> = {
  BORN_AFTER_ENROLMENT: {
    code: 'BAD_USER_INPUT',
    field: 'dateOfBirth',
    text: { vi: 'Ngày sinh sau ngày bắt đầu điều trị', en: 'The date of birth is after enrolment' },
  },
  NO_OPIOID_ADDICTION: {
    code: 'ILLEGAL_TRANSITION',
    field: 'personId',
    text: {
      vi: 'Người này chưa có kết luận nghiện chất dạng thuốc phiện nên không thể điều trị thay thế',
      en: 'The person has no determined opioid addiction, so cannot enrol in substitution treatment',
    },
  },
  GUARDIAN_CONSENT_REQUIRED: {
    code: 'BAD_USER_INPUT',
    field: 'guardianConsent',
    text: {
      vi: 'Người dưới 16 tuổi cần có sự đồng ý của người giám hộ',
      en: "A person under 16 needs a guardian's consent",
    },
  },
  CONSENT_AFTER_ENROLMENT: {
    code: 'BAD_USER_INPUT',
    field: 'guardianConsent.consentedOn',
    text: {
      vi: 'Người giám hộ phải đồng ý trước ngày bắt đầu điều trị',
      en: 'The guardian must consent before enrolment',
    },
  },
};

/**
 * Enrols a person with a determined opioid addiction. The date of birth and the residence
 * commune are snapshots the caller takes from the police registry (as the labour dossier
 * does): health does not own identity, and the enrolment keeps the values it was decided on.
 * Health knows the person through a determination requested in the clinic's province; without
 * one the answer is NOT_FOUND, whether the id is unknown or determined elsewhere.
 */
export async function enrollSubstitutionTreatment(
  args: MutationEnrollSubstitutionTreatmentArgs,
  ctx: Context,
): Promise<SubstitutionTreatmentEntity> {
  const personId = checkUuid(args.personId, 'personId');
  const enrolledOn = requirePastDate(args.enrolledOn, 'enrolledOn');
  const dateOfBirth = requirePastDate(args.dateOfBirth, 'dateOfBirth');
  const residencePath = communePath(args.residenceUnitCode, 'residenceUnitCode', enrolledOn);
  const consent = args.guardianConsent ?? null;
  const guardian =
    consent === null
      ? null
      : {
          name: requireText(consent.guardianName, 'guardianConsent.guardianName', 200),
          relationship: requireText(consent.relationship, 'guardianConsent.relationship', 100),
          consentedOn: requirePastDate(consent.consentedOn, 'guardianConsent.consentedOn'),
        };
  const clinicPath = await clinicInScope(ctx.db.manager, ctx.caller, args.clinicCode, 'clinicCode');
  return ctx.db.transaction(async (manager) => {
    const opioid = await opioidAddictionInProvince(manager, personId, clinicPath, enrolledOn);
    const problem = enrolmentProblem({
      opioidAddictionDetermined: opioid,
      dateOfBirth,
      enrolledOn,
      guardianConsentedOn: guardian?.consentedOn ?? null,
    });
    if (problem) {
      const e = ENROLMENT_ERRORS[problem];
      throw domainError(e.code, e.text, { field: e.field });
    }
    const id = randomUUID();
    try {
      await manager
        .createQueryBuilder()
        .insert()
        .into(SubstitutionTreatmentEntity)
        .values({
          id,
          personId,
          clinicCode: args.clinicCode,
          status: 'ACTIVE',
          phase: 'INDUCTION',
          enrolledOn,
          medication: args.medication,
          ownerUnitPath: clinicPath,
          residenceUnitPath: residencePath,
          dateOfBirth,
          guardianName: guardian?.name ?? null,
          guardianRelationship: guardian?.relationship ?? null,
          guardianConsentedOn: guardian?.consentedOn ?? null,
          version: 1,
        })
        .updateEntity(false)
        .execute();
      await recordPhase(manager, id, 'INDUCTION', enrolledOn, ctx.caller.username);
    } catch (error) {
      if (isUniqueViolation(error, 'substitution_treatment_one_active')) {
        throw domainError(
          'ILLEGAL_TRANSITION',
          { vi: 'Người này đang điều trị thay thế', en: 'The person is already in substitution treatment' },
          { field: 'personId' },
        );
      }
      throw error;
    }
    await ctx.audit.change(manager, 'SubstitutionTreatment', ['status', 'phase', 'enrolledOn', 'medication', 'clinic'], personId);
    // Enrolment registers the person for treatment: it meets police's treatment-registration deadline.
    await notifyAgencies(manager, 'treatment.substitution-started', { personId, treatmentId: id, enrolledOn });
    // The clinic's health workers read the patient's identity while the treatment lasts there.
    await notifyAgencies(manager, 'care.substitution', {
      periods: [{ personId, recordId: id, careUnitCode: args.clinicCode, startedOn: enrolledOn, endedOn: null }],
    });
    return manager.getRepository(SubstitutionTreatmentEntity).findOneByOrFail({ id });
  });
}

async function lockTreatment(manager: EntityManager, caller: Caller, id: string): Promise<SubstitutionTreatmentEntity> {
  const row = await manager
    .getRepository(SubstitutionTreatmentEntity)
    .createQueryBuilder('t')
    .setLock('pessimistic_write')
    .where('t.id = :id', { id })
    .getOne();
  if (!row || !actsOn(caller, row.ownerUnitPath)) throw recordNotFound(TREATMENT, id);
  return row;
}

async function change(
  ctx: Context,
  treatmentId: string,
  expectedVersion: number | null | undefined,
  fields: string[],
  apply: (row: SubstitutionTreatmentEntity, manager: EntityManager) => Promise<Partial<SubstitutionTreatmentEntity>>,
): Promise<SubstitutionTreatmentEntity> {
  const id = checkUuid(treatmentId, 'treatmentId');
  return ctx.db.transaction(async (manager) => {
    const row = await lockTreatment(manager, ctx.caller, id);
    checkExpectedVersion(row.version, expectedVersion, TREATMENT);
    const values = await apply(row, manager);
    await manager
      .createQueryBuilder()
      .update(SubstitutionTreatmentEntity)
      .set({ ...values, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
    await ctx.audit.change(manager, 'SubstitutionTreatment', fields, row.personId);
    return manager.getRepository(SubstitutionTreatmentEntity).findOneByOrFail({ id });
  });
}

/**
 * The treatment stopped on `on`: the clinic's care of the patient ends that day, and the
 * residence commune manages the person after it (post-rehab management, labour-welfare).
 */
async function endTreatment(
  manager: EntityManager,
  row: SubstitutionTreatmentEntity,
  on: string,
  reason: TerminationReason | 'COMPLETED',
): Promise<void> {
  await notifyAgencies(manager, 'care.substitution', {
    periods: [{ personId: row.personId, recordId: row.id, careUnitCode: row.clinicCode, startedOn: row.enrolledOn, endedOn: on }],
  });
  await notifyAgencies(manager, 'treatment.substitution-ended', {
    personId: row.personId,
    treatmentId: row.id,
    stoppedOn: on,
    reason,
  });
}

function notBeforeEnrolment(row: SubstitutionTreatmentEntity, on: string): void {
  if (on < row.enrolledOn) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: `Ngày ${on} trước ngày bắt đầu điều trị ${row.enrolledOn}`, en: `${on} is before enrolment on ${row.enrolledOn}` },
      { field: 'on' },
    );
  }
}

/** A phase change takes effect on or after the day the current phase started (the history stays in order). */
async function notBeforeCurrentPhase(manager: EntityManager, row: SubstitutionTreatmentEntity, on: string): Promise<void> {
  const since = await currentPhaseSince(manager, row.id);
  if (since !== null && on < since) {
    throw domainError(
      'BAD_USER_INPUT',
      {
        vi: `Ngày ${on} trước ngày bắt đầu giai đoạn hiện tại ${since}`,
        en: `${on} is before the current phase started on ${since}`,
      },
      { field: 'on' },
    );
  }
}

export function advanceTreatmentPhase(
  args: MutationAdvanceTreatmentPhaseArgs,
  ctx: Context,
): Promise<SubstitutionTreatmentEntity> {
  const on = requirePastDate(args.on, 'on');
  return change(ctx, args.treatmentId, args.expectedVersion, ['phase'], async (row, manager) => {
    const to: TreatmentPhase = allowed(advancePhase(row.phase, args.to));
    notBeforeEnrolment(row, on);
    await notBeforeCurrentPhase(manager, row, on);
    await recordPhase(manager, row.id, to, on, ctx.caller.username);
    if (to !== 'STOPPED') return { phase: to };
    await endTreatment(manager, row, on, 'COMPLETED');
    return { phase: to, status: 'STOPPED', stoppedOn: on };
  });
}

export async function transferTreatment(args: MutationTransferTreatmentArgs, ctx: Context): Promise<SubstitutionTreatmentEntity> {
  // The receiving clinic must exist; it need not be in the caller's unit (a clinic hands over to another district).
  const rows = await ctx.db.query<{ owner_unit_path: string }[]>('SELECT owner_unit_path FROM clinic WHERE code = $1', [
    args.toClinicCode,
  ]);
  const [target] = rows;
  if (!target)
    throw domainError(
      'BAD_USER_INPUT',
      { vi: `Không có cơ sở điều trị ${args.toClinicCode}`, en: `No clinic ${args.toClinicCode}` },
      { field: 'toClinicCode' },
    );
  return change(ctx, args.treatmentId, args.expectedVersion, ['clinic'], async (row, manager) => {
    allowed(requireOngoing(row.phase, { vi: 'chuyển cơ sở', en: 'transfer' }));
    if (row.clinicCode === args.toClinicCode) {
      throw domainError(
        'BAD_USER_INPUT',
        { vi: 'Người bệnh đã điều trị tại cơ sở này', en: 'The patient is already treated at this clinic' },
        { field: 'toClinicCode' },
      );
    }
    // Transferred today: the old clinic's care ended yesterday, the new clinic's starts today.
    const today = todayInHanoi();
    await notifyAgencies(manager, 'care.substitution', {
      periods: [
        {
          personId: row.personId,
          recordId: row.id,
          careUnitCode: row.clinicCode,
          startedOn: row.enrolledOn,
          endedOn: addDays(today, -1),
        },
        { personId: row.personId, recordId: row.id, careUnitCode: args.toClinicCode, startedOn: today, endedOn: null },
      ],
    });
    return { clinicCode: args.toClinicCode, ownerUnitPath: target.owner_unit_path };
  });
}

export function terminateTreatment(args: MutationTerminateTreatmentArgs, ctx: Context): Promise<SubstitutionTreatmentEntity> {
  const on = requirePastDate(args.on, 'on');
  const note = requireText(args.note, 'note', 2000);
  return change(ctx, args.treatmentId, args.expectedVersion, ['status', 'phase', 'terminationReason'], async (row, manager) => {
    allowed(requireOngoing(row.phase, { vi: 'ngừng điều trị', en: 'terminate' }));
    notBeforeEnrolment(row, on);
    await notBeforeCurrentPhase(manager, row, on);
    await recordPhase(manager, row.id, 'STOPPED', on, ctx.caller.username);
    await endTreatment(manager, row, on, args.reason);
    return { phase: 'STOPPED', status: 'STOPPED', stoppedOn: on, terminationReason: args.reason, terminationNote: note };
  });
}
