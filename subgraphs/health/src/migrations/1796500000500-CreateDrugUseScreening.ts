import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Screening and assessment of drug use (sàng lọc, đánh giá mức độ sử dụng ma túy): the
 * instrument, the level of risk, the substance classes and what the person was referred to.
 * Owned by the recording health unit; the residence at screening is kept for the indicator.
 */
export class CreateDrugUseScreening1796500000500 implements MigrationInterface {
  name = 'CreateDrugUseScreening1796500000500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE drug_use_screening (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL,
      screened_on date NOT NULL,
      instrument varchar(16) NOT NULL CHECK (instrument IN ('ASSIST', 'OTHER')),
      risk_level varchar(16) NOT NULL CHECK (risk_level IN ('LOW', 'MODERATE', 'HIGH')),
      substance_classes text[] NOT NULL CHECK (cardinality(substance_classes) > 0),
      referral varchar(32) NOT NULL CHECK (referral IN ('NONE', 'COUNSELLING', 'ADDICTION_DETERMINATION', 'TREATMENT')),
      note text,
      residence_unit_path varchar(200) NOT NULL,
      owner_unit_path varchar(200) NOT NULL,
      recorded_by varchar(100) NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT drug_use_screening_high_risk_referred CHECK (risk_level <> 'HIGH' OR referral IN ('ADDICTION_DETERMINATION', 'TREATMENT')),
      CONSTRAINT drug_use_screening_once_a_day UNIQUE (person_id, screened_on))`);
    await runner.query(
      'CREATE INDEX drug_use_screening_residence ON drug_use_screening (residence_unit_path text_pattern_ops, screened_on)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE drug_use_screening');
  }
}
