import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trích xuất: a resident of a facility taken out at an investigation agency's request (to
 * investigate, prosecute or try a case) and brought back. The request names the agency, its
 * document, the purpose and the expected return; the facility records the hand-over and the
 * return. One request open (requested or out) per episode. The time away counts toward the term.
 */
export class CreateResidentExtraction1796500000800 implements MigrationInterface {
  name = 'CreateResidentExtraction1796500000800';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE resident_extraction (
      id uuid PRIMARY KEY,
      episode_id uuid NOT NULL REFERENCES rehab_episode (id),
      person_id uuid NOT NULL,
      facility_code varchar(16) NOT NULL,
      facility_owner_path varchar(200) NOT NULL,
      requesting_unit_code varchar(16) NOT NULL,
      requesting_unit_path varchar(200) NOT NULL,
      requesting_agency varchar(200) NOT NULL,
      document_number varchar(64) NOT NULL,
      purpose text NOT NULL,
      requested_on date NOT NULL,
      expected_return_on date NOT NULL,
      status varchar(16) NOT NULL CHECK (status IN ('REQUESTED', 'OUT', 'RETURNED', 'CANCELLED')),
      handed_over_on date,
      returned_on date,
      cancel_reason text,
      recorded_by varchar(100) NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      CONSTRAINT extraction_return_after_request CHECK (expected_return_on >= requested_on),
      CONSTRAINT extraction_handed_over CHECK ((status IN ('OUT', 'RETURNED')) = (handed_over_on IS NOT NULL)),
      CONSTRAINT extraction_returned CHECK ((status = 'RETURNED') = (returned_on IS NOT NULL)),
      CONSTRAINT extraction_return_after_hand_over CHECK (returned_on IS NULL OR returned_on >= handed_over_on),
      CONSTRAINT extraction_cancelled CHECK ((status = 'CANCELLED') = (cancel_reason IS NOT NULL)))`);
    await runner.query(
      `CREATE UNIQUE INDEX resident_extraction_one_open ON resident_extraction (episode_id) WHERE status IN ('REQUESTED', 'OUT')`,
    );
    await runner.query(
      'CREATE INDEX resident_extraction_facility ON resident_extraction (facility_owner_path text_pattern_ops, status)',
    );
    await runner.query(
      'CREATE INDEX resident_extraction_requester ON resident_extraction (requesting_unit_path text_pattern_ops, status)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE resident_extraction');
  }
}
