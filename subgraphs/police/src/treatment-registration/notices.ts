import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  ADDICTION_DETERMINED,
  REHAB_ADMITTED,
  SUBSTITUTION_STARTED,
  domainError,
  onNotice,
  type ContractHandler,
  type Notice,
  type NoticeHandler,
} from '@rehab/server-kit';
import { TreatmentRegistrationDeadlineEntity } from '../entities/TreatmentRegistrationDeadline';
import { ruleInForce } from '../mutations/common';
import { auditNotice, notifyCommunePolice, subject } from '../notices/subject';
import { registrationDeadline, type RegistrationForm, type WorkingCalendar } from './rules';

async function workingCalendar(manager: EntityManager): Promise<WorkingCalendar> {
  const rows = await manager.query<{ day: string; working: boolean }[]>(
    'SELECT day::text AS day, working FROM working_calendar_exception',
  );
  return {
    daysOff: new Set(rows.filter((r) => !r.working).map((r) => r.day)),
    workingWeekends: new Set(rows.filter((r) => r.working).map((r) => r.day)),
  };
}

interface RegistrationRow {
  id: string;
  registered_on: string;
  form: RegistrationForm;
}

/**
 * addiction.determined: a deadline of the rule in force on the informed date, on the worklist
 * of the person's commune police; a registration already received for it (on or after the
 * determination) counts.
 */
const determined: ContractHandler<typeof ADDICTION_DETERMINED.shape> = async (manager, payload, notice) => {
  const p = { ...payload, substanceClasses: [...new Set(payload.substanceClasses)].sort() };
  const person = await subject(manager, p.personId);
  const exists = await manager
    .getRepository(TreatmentRegistrationDeadlineEntity)
    .existsBy({ determinationId: p.determinationId });
  if (exists) {
    throw domainError('CONFLICT', {
      vi: `Đã nhận kết quả xác định tình trạng nghiện ${p.determinationId}`,
      en: `Addiction determination ${p.determinationId} was already received`,
    });
  }
  const rule = await ruleInForce(manager, 'TREATMENT_REGISTRATION_DEADLINE', p.informedOn);
  const deadlineOn = registrationDeadline(p.informedOn, rule, await workingCalendar(manager));
  const [registration] = await manager.query<RegistrationRow[]>(
    `SELECT id, registered_on::text AS registered_on, form FROM treatment_registration
    WHERE person_id = $1 AND registered_on >= $2 ORDER BY registered_on, received_at LIMIT 1`,
    [person.id, p.determinedOn],
  );
  await manager
    .createQueryBuilder()
    .insert()
    .into(TreatmentRegistrationDeadlineEntity)
    .values({
      id: randomUUID(),
      noticeId: notice.id,
      determinationId: p.determinationId,
      personId: person.id,
      determinedOn: p.determinedOn,
      informedOn: p.informedOn,
      substanceClasses: p.substanceClasses,
      workingDays: rule?.value ?? null,
      deadlineOn,
      registrationId: registration?.id ?? null,
      registeredOn: registration?.registered_on ?? null,
      registrationForm: registration?.form ?? null,
      receivedAt: () => 'now()',
      ownerUnitPath: person.ownerUnitPath,
      version: 1,
    })
    .updateEntity(false)
    .execute();
  await auditNotice(
    manager,
    notice,
    'TreatmentRegistrationDeadline',
    ['deadline', 'determinedOn', 'informedOn', 'substanceClasses'],
    person.id,
  );
  await notifyCommunePolice(manager, notice, person, p.informedOn);
};

/**
 * A registration for treatment: kept, and it meets every deadline of the person not met yet
 * whose determination came on or before it (late when after the deadline).
 */
async function recordRegistration(
  manager: EntityManager,
  notice: Notice,
  personId: string,
  registeredOn: string,
  form: RegistrationForm,
): Promise<void> {
  const person = await subject(manager, personId);
  const id = randomUUID();
  await manager.query(
    `INSERT INTO treatment_registration (id, notice_id, person_id, registered_on, form, source)
    VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, notice.id, person.id, registeredOn, form, notice.source],
  );
  const open = await manager.query<{ id: string }[]>(
    `SELECT id FROM treatment_registration_deadline
    WHERE person_id = $1 AND registration_id IS NULL AND determined_on <= $2 FOR UPDATE`,
    [person.id, registeredOn],
  );
  if (open.length === 0) return;
  await manager.query(
    `UPDATE treatment_registration_deadline
    SET registration_id = $1, registered_on = $2, registration_form = $3, version = version + 1 WHERE id = ANY($4::uuid[])`,
    [id, registeredOn, form, open.map((r) => r.id)],
  );
  await auditNotice(manager, notice, 'TreatmentRegistrationDeadline', ['registeredOn', 'registrationForm'], person.id);
}

/** treatment.substitution-started (health): enrolment in substitution treatment is a registration. */
const substitutionStarted: ContractHandler<typeof SUBSTITUTION_STARTED.shape> = async (manager, p, notice) => {
  await recordRegistration(manager, notice, p.personId, p.enrolledOn, 'SUBSTITUTION_TREATMENT');
  await notifyCommunePolice(manager, notice, await subject(manager, p.personId), p.enrolledOn);
};

/** rehab.admitted (labour-welfare): a voluntary admission, at a facility or at home/community, is a registration. */
export const registrationOnAdmission: ContractHandler<typeof REHAB_ADMITTED.shape> = async (manager, p, notice) => {
  // Senders before the form was sent: nothing to record.
  if (p.kind === null) return;
  if (p.kind === 'COMPULSORY') await closeByCompulsoryAdmission(manager, notice, p.personId, p.admittedOn);
  else await recordRegistration(manager, notice, p.personId, p.admittedOn, p.kind);
};

/** A compulsory admission is no registration, but it closes the person's unmet deadlines: the worklist has done its work. */
async function closeByCompulsoryAdmission(
  manager: EntityManager,
  notice: Notice,
  personId: string,
  admittedOn: string,
): Promise<void> {
  // TypeORM answers an UPDATE with [rows, affected count].
  const [, changed] = await manager.query<[unknown[], number]>(
    `UPDATE treatment_registration_deadline SET compulsory_admitted_on = $2, version = version + 1
    WHERE person_id = $1 AND registration_id IS NULL AND compulsory_admitted_on IS NULL AND determined_on <= $2`,
    [personId, admittedOn],
  );
  if (changed > 0) await auditNotice(manager, notice, 'TreatmentRegistrationDeadline', ['compulsoryAdmittedOn'], personId);
}

export const treatmentRegistrationHandlers: Readonly<Record<string, NoticeHandler>> = {
  ...onNotice(ADDICTION_DETERMINED, determined),
  ...onNotice(SUBSTITUTION_STARTED, substitutionStarted),
};
