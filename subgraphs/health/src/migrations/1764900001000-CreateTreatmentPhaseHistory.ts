import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The phase history of substitution treatment: one row per phase an enrolment entered, with
 * the day it took effect, so an indicator of a closed period reads the phase of that period
 * rather than today's. From now on enrolment, each phase change and termination write a row
 * in their transaction (`source` RECORDED).
 *
 * Backfill (`source` BACKFILL) of the enrolments made before, "as best known": induction from
 * the enrolment date; the current phase (when not induction) from the day of the last audited
 * change of the person's treatment phase on or after the enrolment (Hà Nội date of the audit
 * row; for a stopped enrolment its stop date), else from the enrolment date (nothing
 * better is known: no earlier phase dates were kept).
 */
export class CreateTreatmentPhaseHistory1764900001000 implements MigrationInterface {
  name = 'CreateTreatmentPhaseHistory1764900001000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE substitution_treatment_phase (
      id bigserial PRIMARY KEY,
      treatment_id uuid NOT NULL REFERENCES substitution_treatment(id),
      phase varchar(16) NOT NULL CHECK (phase IN ('INDUCTION', 'DOSE_ADJUSTMENT', 'MAINTENANCE', 'TAPERING', 'STOPPED')),
      since date NOT NULL,
      source varchar(16) NOT NULL CHECK (source IN ('RECORDED', 'BACKFILL')),
      recorded_by varchar(64) NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT substitution_treatment_phase_once UNIQUE (treatment_id, phase))`);
    await runner.query(
      'CREATE INDEX substitution_treatment_phase_treatment ON substitution_treatment_phase (treatment_id, since DESC, id DESC)',
    );
    await runner.query(`INSERT INTO substitution_treatment_phase (treatment_id, phase, since, source, recorded_by)
      SELECT t.id, 'INDUCTION', t.enrolled_on, 'BACKFILL', 'migration' FROM substitution_treatment t`);
    await runner.query(`INSERT INTO substitution_treatment_phase (treatment_id, phase, since, source, recorded_by)
      SELECT t.id, t.phase, greatest(t.enrolled_on, coalesce(CASE WHEN t.phase = 'STOPPED' THEN t.stopped_on END,
        (SELECT max((a.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) FROM audit_log a
          WHERE a.person_id = t.person_id AND a.entity_type = 'SubstitutionTreatment' AND a.action = 'CHANGE'
            AND 'phase' = ANY (a.fields) AND (a.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= t.enrolled_on),
        t.enrolled_on)), 'BACKFILL', 'migration'
      FROM substitution_treatment t WHERE t.phase <> 'INDUCTION'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE substitution_treatment_phase');
  }
}
