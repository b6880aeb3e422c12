import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { domainError, noticeRejected, type Notice, type NoticeHandler } from '@rehab/server-kit';
import { TreatmentRegistrationDeadlineEntity } from '../entities/TreatmentRegistrationDeadline';
import { ruleInForce } from '../mutations/common';
import { fields } from '../notices/payloads';
import { auditNotice, subject } from '../notices/subject';
import { registrationDeadline, type RegistrationForm, type WorkingCalendar } from './rules';

export const SUBSTANCE_CLASSES = ['OPIOIDS', 'STIMULANTS', 'CANNABIS', 'OTHER'] as const;
const VOLUNTARY_KINDS = ['VOLUNTARY_COMMUNITY', 'VOLUNTARY_FACILITY'] as const;
const REHAB_KINDS = ['COMPULSORY', ...VOLUNTARY_KINDS] as const;

/** addiction.determined (health): the person was told on informedOn that they are addicted. */
export interface DeterminedPayload {
  personId: string;
  determinationId: string;
  determinedOn: string;
  informedOn: string;
  substanceClasses: string[];
}

export function determinedPayload(payload: unknown): DeterminedPayload {
  const f = fields('addiction.determined', payload);
  const parsed = {
    personId: f.uuid('personId'), determinationId: f.uuid('determinationId'), determinedOn: f.date('determinedOn'), informedOn: f.date('informedOn'),
  };
  const classes = (payload as Record<string, unknown>).substanceClasses;
  if (!Array.isArray(classes) || classes.length === 0 || !classes.every((c) => (SUBSTANCE_CLASSES as readonly unknown[]).includes(c))) {
    throw noticeRejected({
      vi: `Thông báo addiction.determined: trường substanceClasses phải là danh sách khác rỗng gồm ${SUBSTANCE_CLASSES.join(', ')}`,
      en: `Notice addiction.determined: field substanceClasses must be a non-empty list of ${SUBSTANCE_CLASSES.join(', ')}`,
    });
  }
  if (parsed.informedOn < parsed.determinedOn) {
    throw noticeRejected({
      vi: `Thông báo addiction.determined: ngày thông báo ${parsed.informedOn} ở trước ngày kết luận ${parsed.determinedOn}`,
      en: `Notice addiction.determined: the informed date ${parsed.informedOn} is before the determination ${parsed.determinedOn}`,
    });
  }
  return { ...parsed, substanceClasses: [...new Set(classes as string[])].sort() };
}

async function workingCalendar(manager: EntityManager): Promise<WorkingCalendar> {
  const rows = await manager.query<{ day: string; working: boolean }[]>('SELECT day::text AS day, working FROM working_calendar_exception');
  return {
    daysOff: new Set(rows.filter((r) => !r.working).map((r) => r.day)),
    workingWeekends: new Set(rows.filter((r) => r.working).map((r) => r.day)),
  };
}

interface RegistrationRow { id: string; registered_on: string; form: RegistrationForm }

/**
 * addiction.determined: a deadline of the rule in force on the informed date, on the worklist
 * of the person's commune police; a registration already received for it (on or after the
 * determination) counts.
 */
const determined: NoticeHandler = async (manager, notice) => {
  const p = determinedPayload(notice.payload);
  const person = await subject(manager, p.personId);
  const exists = await manager.getRepository(TreatmentRegistrationDeadlineEntity).existsBy({ determinationId: p.determinationId });
  if (exists) {
    throw domainError('CONFLICT', {
      vi: `Đã nhận kết quả xác định tình trạng nghiện ${p.determinationId}`,
      en: `Addiction determination ${p.determinationId} was already received`,
    });
  }
  const rule = await ruleInForce(manager, 'TREATMENT_REGISTRATION_DEADLINE', p.informedOn);
  const deadlineOn = registrationDeadline(p.informedOn, rule, await workingCalendar(manager));
  const [registration] = await manager.query<RegistrationRow[]>(`SELECT id, registered_on::text AS registered_on, form FROM treatment_registration
    WHERE person_id = $1 AND registered_on >= $2 ORDER BY registered_on, received_at LIMIT 1`, [person.id, p.determinedOn]);
  await manager.createQueryBuilder().insert().into(TreatmentRegistrationDeadlineEntity).values({
    id: randomUUID(), noticeId: notice.id, determinationId: p.determinationId, personId: person.id, determinedOn: p.determinedOn,
    informedOn: p.informedOn, substanceClasses: p.substanceClasses, workingDays: rule?.value ?? null, deadlineOn,
    registrationId: registration?.id ?? null, registeredOn: registration?.registered_on ?? null, registrationForm: registration?.form ?? null,
    receivedAt: () => 'now()', ownerUnitPath: person.ownerUnitPath, version: 1,
  }).updateEntity(false).execute();
  await auditNotice(manager, notice, 'TreatmentRegistrationDeadline', ['deadline', 'determinedOn', 'informedOn', 'substanceClasses'], person.id);
};

/**
 * A registration for treatment: kept, and it meets every deadline of the person not met yet
 * whose determination came on or before it (late when after the deadline).
 */
async function recordRegistration(manager: EntityManager, notice: Notice, personId: string, registeredOn: string, form: RegistrationForm): Promise<void> {
  const person = await subject(manager, personId);
  const id = randomUUID();
  await manager.query(`INSERT INTO treatment_registration (id, notice_id, person_id, registered_on, form, source)
    VALUES ($1, $2, $3, $4, $5, $6)`, [id, notice.id, person.id, registeredOn, form, notice.source]);
  const open = await manager.query<{ id: string }[]>(`SELECT id FROM treatment_registration_deadline
    WHERE person_id = $1 AND registration_id IS NULL AND determined_on <= $2 FOR UPDATE`, [person.id, registeredOn]);
  if (open.length === 0) return;
  await manager.query(`UPDATE treatment_registration_deadline
    SET registration_id = $1, registered_on = $2, registration_form = $3, version = version + 1 WHERE id = ANY($4::uuid[])`,
  [id, registeredOn, form, open.map((r) => r.id)]);
  await auditNotice(manager, notice, 'TreatmentRegistrationDeadline', ['registeredOn', 'registrationForm'], person.id);
}

/** treatment.substitution-started (health): enrolment in substitution treatment is a registration. */
const substitutionStarted: NoticeHandler = async (manager, notice) => {
  const f = fields('treatment.substitution-started', notice.payload);
  const personId = f.uuid('personId');
  f.uuid('treatmentId');
  await recordRegistration(manager, notice, personId, f.date('enrolledOn'), 'SUBSTITUTION_TREATMENT');
};

/** rehab.admitted (labour-welfare): a voluntary admission, at a facility or at home/community, is a registration. */
export const registrationOnAdmission: NoticeHandler = async (manager, notice) => {
  const f = fields('rehab.admitted', notice.payload);
  const raw = (notice.payload as Record<string, unknown>).kind;
  // Senders before the form was sent: nothing to record.
  if (raw === undefined || raw === null) return;
  const kind = f.oneOf('kind', REHAB_KINDS);
  if (kind === 'COMPULSORY') await closeByCompulsoryAdmission(manager, notice, f.uuid('personId'), f.date('admittedOn'));
  else await recordRegistration(manager, notice, f.uuid('personId'), f.date('admittedOn'), kind);
};

/** A compulsory admission is no registration, but it closes the person's unmet deadlines: the worklist has done its work. */
async function closeByCompulsoryAdmission(manager: EntityManager, notice: Notice, personId: string, admittedOn: string): Promise<void> {
  // TypeORM answers an UPDATE with [rows, affected count].
  const [, changed] = await manager.query<[unknown[], number]>(`UPDATE treatment_registration_deadline SET compulsory_admitted_on = $2, version = version + 1
    WHERE person_id = $1 AND registration_id IS NULL AND compulsory_admitted_on IS NULL AND determined_on <= $2`,
  [personId, admittedOn]);
  if (changed > 0) await auditNotice(manager, notice, 'TreatmentRegistrationDeadline', ['compulsoryAdmittedOn'], personId);
}

/** Runs `handlers` in order in the notice's transaction. */
export const inOrder = (...handlers: NoticeHandler[]): NoticeHandler => async (manager, notice) => {
  for (const handler of handlers) await handler(manager, notice);
};

export const treatmentRegistrationHandlers: Readonly<Record<string, NoticeHandler>> = {
  'addiction.determined': determined,
  'treatment.substitution-started': substitutionStarted,
};
