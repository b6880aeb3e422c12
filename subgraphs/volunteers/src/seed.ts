import type { DataSource } from 'typeorm';
import { insertRows, seedPersonDirectory, seedPersonUnitAssignments } from '@rehab/server-kit';
import type { DemoPerson } from '@rehab/shared-schema';
import { planVolunteersSeed } from './demo/plan';
import { COMMUNICATION_COLUMNS, demoCommunicationRows } from './demo/communication';
import { AT_RISK_COLUMNS, SERVICE_COLUMNS, demoPreventionRows } from './demo/prevention';

const ORGANISATION_COLUMNS = ['code', 'name', 'kind', 'unit_code', 'max_active_assignments'];
const CHAPTER_COLUMNS = ['id', 'organisation_code', 'unit_code', 'owner_unit_path', 'name'];
const VOLUNTEER_COLUMNS = [
  'id',
  'full_name',
  'phone',
  'organisation_code',
  'chapter_id',
  'unit_code',
  'owner_unit_path',
  'username',
];
const ACTIVITY_COLUMNS = ['id', 'assignment_id', 'occurred_on', 'kind', 'note', 'relapse_risk', 'recorded_by'];
const TRAINING_COLUMNS = ['volunteer_id', 'course', 'started_on', 'completed_on'];
const ASSIGNMENT_COLUMNS = [
  'id',
  'person_id',
  'volunteer_id',
  'reason',
  'started_on',
  'ended_on',
  'owner_unit_path',
  'full_name',
  'date_of_birth',
  'address',
  'phone',
  'period_ends_on',
  'end_reason',
];

/** Is the volunteers database still empty (no organisations), so demo data may be seeded? */
export async function isVolunteersEmpty(db: DataSource): Promise<boolean> {
  const [{ count }] = await db.query<[{ count: number }]>('SELECT count(*)::int AS count FROM mass_organisation');
  return count === 0;
}

/**
 * Bulk-inserts the organisations, volunteers and post-rehab support assignments of the
 * demo population (multi-row INSERTs, one transaction).
 */
export async function seedVolunteers(db: DataSource, population: readonly DemoPerson[]): Promise<void> {
  const plan = planVolunteersSeed(population);
  await db.transaction(async (manager) => {
    await seedPersonUnitAssignments(manager, population);
    await seedPersonDirectory(manager, population);
    await insertRows(
      manager,
      'mass_organisation',
      ORGANISATION_COLUMNS,
      plan.organisations.map((o) => [o.code, o.name, o.kind, o.unitCode, o.maxActiveAssignments]),
    );
    await insertRows(
      manager,
      'organisation_chapter',
      CHAPTER_COLUMNS,
      plan.chapters.map((c) => [c.id, c.organisationCode, c.unitCode, c.ownerUnitPath, c.name]),
    );
    await insertRows(
      manager,
      'volunteer',
      VOLUNTEER_COLUMNS,
      plan.volunteers.map((v) => [
        v.id,
        v.fullName,
        v.phone,
        v.organisationCode,
        v.chapterId,
        v.unitCode,
        v.ownerUnitPath,
        v.username,
      ]),
    );
    await insertRows(
      manager,
      'volunteer_training',
      TRAINING_COLUMNS,
      plan.trainings.map((t) => [t.volunteerId, t.course, t.startedOn, t.completedOn]),
    );
    await insertRows(
      manager,
      'volunteer_assignment',
      ASSIGNMENT_COLUMNS,
      plan.assignments.map((a) => [
        a.id,
        a.personId,
        a.volunteerId,
        a.reason,
        a.startedOn,
        a.endedOn,
        a.ownerUnitPath,
        a.fullName,
        a.dateOfBirth,
        a.address,
        a.phone,
        a.periodEndsOn,
        a.endedOn === null ? null : 'ENDED',
      ]),
    );
    await insertRows(
      manager,
      'support_activity',
      ACTIVITY_COLUMNS,
      plan.activities.map((s) => [s.id, s.assignmentId, s.occurredOn, s.kind, s.note, s.relapseRisk, s.recordedBy]),
    );
    const communes = [...new Set(plan.chapters.map((c) => c.unitCode))].sort();
    await insertRows(manager, 'communication_activity', COMMUNICATION_COLUMNS, demoCommunicationRows(communes));
    const prevention = demoPreventionRows();
    await insertRows(manager, 'person_at_risk', AT_RISK_COLUMNS, prevention.people);
    await insertRows(manager, 'prevention_service', SERVICE_COLUMNS, prevention.services);
  });
}
