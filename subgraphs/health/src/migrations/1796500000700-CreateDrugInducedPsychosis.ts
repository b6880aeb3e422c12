import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users of synthetic drugs with psychosis ("ngáo đá": rối loạn loạn thần do sử dụng chất kích
 * thích): classified by a health worker (severity, risk of harm to others) and managed
 * (outpatient at the commune health station, inpatient at a psychiatric facility, or cared for
 * by the family) until the care ends. One open record per person. Owned by the recording
 * health unit; the residence at diagnosis is kept for the indicator and the commune's notice.
 */
export class CreateDrugInducedPsychosis1796500000700 implements MigrationInterface {
  name = 'CreateDrugInducedPsychosis1796500000700';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE drug_induced_psychosis (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL,
      diagnosed_on date NOT NULL,
      substance_classes text[] NOT NULL CHECK ('STIMULANTS' = ANY (substance_classes)),
      severity varchar(16) NOT NULL CHECK (severity IN ('MILD', 'MODERATE', 'SEVERE')),
      risk_to_others boolean NOT NULL,
      care varchar(24) NOT NULL CHECK (care IN ('OUTPATIENT', 'INPATIENT_PSYCHIATRIC', 'FAMILY_CARE')),
      care_facility varchar(200),
      note text,
      status varchar(16) NOT NULL CHECK (status IN ('UNDER_CARE', 'ENDED')),
      ended_on date,
      end_reason varchar(24) CHECK (end_reason IN ('RECOVERED', 'TRANSFERRED_TO_REHAB', 'MOVED_AWAY', 'DIED', 'OTHER')),
      end_note text,
      residence_unit_path varchar(200) NOT NULL,
      owner_unit_path varchar(200) NOT NULL,
      recorded_by varchar(100) NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      CONSTRAINT psychosis_inpatient_names_facility CHECK (care <> 'INPATIENT_PSYCHIATRIC' OR care_facility IS NOT NULL),
      CONSTRAINT psychosis_end_whole CHECK ((status = 'ENDED') = (ended_on IS NOT NULL) AND (ended_on IS NULL) = (end_reason IS NULL)),
      CONSTRAINT psychosis_ends_after_diagnosis CHECK (ended_on IS NULL OR ended_on >= diagnosed_on))`);
    await runner.query(
      `CREATE UNIQUE INDEX drug_induced_psychosis_one_open ON drug_induced_psychosis (person_id) WHERE status = 'UNDER_CARE'`,
    );
    await runner.query('CREATE INDEX drug_induced_psychosis_person ON drug_induced_psychosis (person_id, diagnosed_on)');
    await runner.query(
      'CREATE INDEX drug_induced_psychosis_residence ON drug_induced_psychosis (residence_unit_path text_pattern_ops, diagnosed_on)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE drug_induced_psychosis');
  }
}
