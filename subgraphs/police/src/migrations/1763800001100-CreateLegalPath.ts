import type { MigrationInterface, QueryRunner } from 'typeorm';

const SUBSTANCES = `ARRAY['OPIOIDS', 'STIMULANTS', 'CANNABIS', 'OTHER']::text[]`;

/**
 * The legal path, police part: merged registry records, drug-user management with check-ins,
 * transfer notices (di biến động), absconder searches and rehab completion notices.
 */
export class CreateLegalPath1763800001100 implements MigrationInterface {
  name = 'CreateLegalPath1763800001100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE person
      ADD COLUMN record_status varchar(8) NOT NULL DEFAULT 'ACTIVE' CHECK (record_status IN ('ACTIVE', 'MERGED')),
      ADD COLUMN merged_into uuid REFERENCES person(id),
      ADD CONSTRAINT person_merged_has_survivor CHECK ((record_status = 'MERGED') = (merged_into IS NOT NULL)),
      ADD CONSTRAINT person_not_merged_into_itself CHECK (merged_into <> id)`);
    await runner.query('CREATE INDEX person_merged_into ON person (merged_into) WHERE merged_into IS NOT NULL');
    // Potential duplicates: same folded name, date of birth and commune.
    await runner.query(`CREATE INDEX person_duplicate_key ON person (current_unit_code, full_name_folded, date_of_birth)
      WHERE record_status = 'ACTIVE'`);

    await runner.query(`CREATE TABLE person_merge (
      id uuid PRIMARY KEY,
      survivor_id uuid NOT NULL REFERENCES person(id),
      duplicate_id uuid NOT NULL CONSTRAINT person_merge_duplicate_once UNIQUE REFERENCES person(id),
      reason text NOT NULL CHECK (length(trim(reason)) > 0),
      merged_at timestamptz NOT NULL DEFAULT now(),
      merged_by varchar(64) NOT NULL,
      CHECK (survivor_id <> duplicate_id))`);
    await runner.query('CREATE INDEX person_merge_survivor ON person_merge (survivor_id)');

    await runner.query(`CREATE TABLE drug_user_management (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL REFERENCES person(id),
      status varchar(24) NOT NULL CHECK (status IN ('PENDING_DECISION', 'ACTIVE', 'ENDED', 'SUPERSEDED_BY_REHAB')),
      detected_on date NOT NULL,
      detection_method varchar(16) NOT NULL CHECK (detection_method IN ('TEST_POSITIVE', 'CAUGHT_USING', 'OTHER')),
      substances text[] NOT NULL CHECK (cardinality(substances) > 0 AND substances <@ ${SUBSTANCES}),
      test_result varchar(300),
      detected_by varchar(64) NOT NULL,
      decision_number varchar(64),
      decision_date date,
      period_ends_on date,
      ended_on date,
      end_reason varchar(24) CHECK (end_reason IN ('PERIOD_COMPLETED', 'DECISION_REVOKED', 'DECEASED', 'OTHER')),
      superseded_on date,
      owner_unit_path varchar(200) NOT NULL,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT drug_user_management_positive_test_result CHECK (detection_method <> 'TEST_POSITIVE' OR test_result IS NOT NULL),
      CONSTRAINT drug_user_management_decision_complete
        CHECK ((decision_number IS NULL) = (decision_date IS NULL) AND (decision_date IS NULL) = (period_ends_on IS NULL)),
      CONSTRAINT drug_user_management_decision_after_detection CHECK (decision_date >= detected_on),
      CONSTRAINT drug_user_management_pending_undecided CHECK (status <> 'PENDING_DECISION' OR decision_date IS NULL),
      CONSTRAINT drug_user_management_active_decided CHECK (status <> 'ACTIVE' OR decision_date IS NOT NULL),
      CONSTRAINT drug_user_management_ended CHECK ((status = 'ENDED') = (ended_on IS NOT NULL AND end_reason IS NOT NULL)),
      CONSTRAINT drug_user_management_superseded CHECK ((status = 'SUPERSEDED_BY_REHAB') = (superseded_on IS NOT NULL)))`);
    await runner.query('CREATE INDEX drug_user_management_person ON drug_user_management (person_id, detected_on DESC)');
    await runner.query(
      'CREATE INDEX drug_user_management_owner_unit_path ON drug_user_management (owner_unit_path text_pattern_ops)',
    );
    // At most one open case per person.
    await runner.query(`CREATE UNIQUE INDEX drug_user_management_one_open ON drug_user_management (person_id)
      WHERE status IN ('PENDING_DECISION', 'ACTIVE')`);

    await runner.query(`CREATE TABLE drug_user_check_in (
      id uuid PRIMARY KEY,
      management_id uuid NOT NULL REFERENCES drug_user_management(id),
      person_id uuid NOT NULL REFERENCES person(id),
      checked_in_on date NOT NULL,
      note text NOT NULL CHECK (length(note) <= 1000),
      recorded_by varchar(64) NOT NULL,
      owner_unit_path varchar(200) NOT NULL)`);
    await runner.query('CREATE INDEX drug_user_check_in_management ON drug_user_check_in (management_id, checked_in_on DESC)');
    await runner.query('CREATE INDEX drug_user_check_in_person ON drug_user_check_in (person_id)');
    await runner.query(
      'CREATE INDEX drug_user_check_in_owner_unit_path ON drug_user_check_in (owner_unit_path text_pattern_ops)',
    );

    await runner.query(`CREATE TABLE transfer_notice (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL REFERENCES person(id),
      from_unit_code varchar(16) NOT NULL REFERENCES administrative_unit(code),
      from_unit_path varchar(200) NOT NULL,
      to_unit_code varchar(16) NOT NULL REFERENCES administrative_unit(code),
      to_unit_path varchar(200) NOT NULL,
      address_line varchar(300) NOT NULL,
      moved_on date NOT NULL,
      sent_at timestamptz NOT NULL,
      due_at timestamptz,
      sent_by varchar(64) NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by varchar(64),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT transfer_notice_other_commune CHECK (from_unit_code <> to_unit_code),
      CONSTRAINT transfer_notice_due_after_sent CHECK (due_at > sent_at),
      CONSTRAINT transfer_notice_acknowledged CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)))`);
    await runner.query('CREATE INDEX transfer_notice_person ON transfer_notice (person_id, sent_at DESC)');
    await runner.query('CREATE INDEX transfer_notice_from_unit_path ON transfer_notice (from_unit_path text_pattern_ops)');
    await runner.query('CREATE INDEX transfer_notice_to_unit_path ON transfer_notice (to_unit_path text_pattern_ops)');
    await runner.query(`CREATE INDEX transfer_notice_awaiting ON transfer_notice (to_unit_path text_pattern_ops, due_at)
      WHERE acknowledged_at IS NULL`);

    await runner.query(`CREATE TABLE absconder_search (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL REFERENCES person(id),
      episode_id uuid NOT NULL,
      facility_code varchar(16) NOT NULL REFERENCES administrative_unit(code),
      reason varchar(16) NOT NULL CHECK (reason IN ('ESCAPED', 'LEAVE_OVERDUE')),
      since date NOT NULL,
      status varchar(8) NOT NULL CHECK (status IN ('OPEN', 'FOUND', 'CLOSED')),
      opened_at timestamptz NOT NULL,
      found_on date,
      found_note text,
      found_by varchar(64),
      returned_on date,
      owner_unit_path varchar(200) NOT NULL,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT absconder_search_found CHECK ((found_on IS NULL) = (found_by IS NULL) AND (found_on IS NULL) = (found_note IS NULL)),
      CONSTRAINT absconder_search_found_status CHECK (status <> 'FOUND' OR found_on IS NOT NULL),
      CONSTRAINT absconder_search_open_status CHECK (status <> 'OPEN' OR (found_on IS NULL AND returned_on IS NULL)),
      CONSTRAINT absconder_search_closed CHECK ((status = 'CLOSED') = (returned_on IS NOT NULL)),
      CONSTRAINT absconder_search_found_after_since CHECK (found_on >= since))`);
    await runner.query('CREATE INDEX absconder_search_person ON absconder_search (person_id, since DESC)');
    await runner.query('CREATE INDEX absconder_search_owner_unit_path ON absconder_search (owner_unit_path text_pattern_ops)');
    // One search at a time per rehab episode.
    await runner.query(`CREATE UNIQUE INDEX absconder_search_one_open ON absconder_search (episode_id) WHERE status <> 'CLOSED'`);

    await runner.query(`CREATE TABLE rehab_completion_notice (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL REFERENCES person(id),
      episode_id uuid NOT NULL CONSTRAINT rehab_completion_notice_episode_once UNIQUE,
      facility_code varchar(16) REFERENCES administrative_unit(code),
      completed_on date NOT NULL,
      certificate_number varchar(64) NOT NULL CHECK (length(trim(certificate_number)) > 0),
      received_at timestamptz NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by varchar(64),
      owner_unit_path varchar(200) NOT NULL,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT rehab_completion_notice_acknowledged CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)))`);
    await runner.query('CREATE INDEX rehab_completion_notice_person ON rehab_completion_notice (person_id)');
    await runner.query(`CREATE INDEX rehab_completion_notice_owner_unit_path ON rehab_completion_notice
      (owner_unit_path text_pattern_ops)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE rehab_completion_notice');
    await runner.query('DROP TABLE absconder_search');
    await runner.query('DROP TABLE transfer_notice');
    await runner.query('DROP TABLE drug_user_check_in');
    await runner.query('DROP TABLE drug_user_management');
    await runner.query('DROP TABLE person_merge');
    await runner.query('DROP INDEX person_duplicate_key');
    await runner.query('DROP INDEX person_merged_into');
    await runner.query(`ALTER TABLE person DROP CONSTRAINT person_not_merged_into_itself,
      DROP CONSTRAINT person_merged_has_survivor, DROP COLUMN merged_into, DROP COLUMN record_status`);
  }
}
