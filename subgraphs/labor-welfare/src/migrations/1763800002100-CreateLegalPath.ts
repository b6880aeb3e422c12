import type { MigrationInterface, QueryRunner } from 'typeorm';

const DOSSIER_STATUSES = `'DRAFTED', 'SUBMITTED', 'RETURNED_FOR_CORRECTION', 'FORWARDED_TO_COURT', 'APPROVED', 'REJECTED', 'POSTPONED', 'EXEMPTED', 'ADMITTED'`;
const PENDING_DOSSIER = `'DRAFTED', 'SUBMITTED', 'RETURNED_FOR_CORRECTION', 'FORWARDED_TO_COURT', 'POSTPONED', 'APPROVED'`;
const GROUNDS = `'NOT_REGISTERED', 'QUIT_VOLUNTARY_REHAB', 'USED_DURING_VOLUNTARY_REHAB', 'USED_DURING_SUBSTITUTION', 'RELAPSED_DURING_POST_REHAB'`;
const PHASES = `'DETOX', 'EDUCATION_BEHAVIOUR', 'VOCATIONAL_LABOUR_THERAPY', 'REINTEGRATION_PREPARATION'`;

/**
 * The legal path of the labour-welfare agency: facility staffing, community service
 * providers, compulsory-rehab dossiers, the episode's life (phases, leave, escape,
 * transfer, completion), post-rehab management, reintegration support, the event history
 * of each case and the trail of person merges.
 */
export class CreateLegalPath1763800002100 implements MigrationInterface {
  name = 'CreateLegalPath1763800002100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE facility ADD COLUMN manager_count integer NOT NULL DEFAULT 0 CHECK (manager_count >= 0),
      ADD CONSTRAINT facility_managers_within_staff CHECK (manager_count <= staff_count)`);

    await runner.query(`CREATE TABLE service_provider (
      id uuid PRIMARY KEY,
      name varchar(200) NOT NULL,
      unit_code varchar(16) NOT NULL REFERENCES administrative_unit(code),
      owner_unit_path varchar(200) NOT NULL,
      registration_number varchar(64) NOT NULL UNIQUE,
      registered_on date NOT NULL,
      address varchar(300),
      version integer NOT NULL DEFAULT 1)`);
    await runner.query('CREATE INDEX service_provider_owner_path ON service_provider (owner_unit_path text_pattern_ops)');

    await runner.query(`CREATE TABLE compulsory_rehab_dossier (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL,
      status varchar(32) NOT NULL CHECK (status IN (${DOSSIER_STATUSES})),
      ground varchar(40) NOT NULL CHECK (ground IN (${GROUNDS})),
      ground_note text,
      started_on date NOT NULL,
      residence_unit_code varchar(16) NOT NULL REFERENCES administrative_unit(code),
      owner_unit_path varchar(200) NOT NULL,
      subject_full_name varchar(200) NOT NULL,
      subject_date_of_birth date NOT NULL,
      is_repeat boolean NOT NULL,
      prior_decision_ref varchar(100),
      addiction_determination_ref varchar(100),
      post_rehab_case_id uuid,
      submitted_on date,
      correction_reason text,
      forwarded_on date,
      decision_outcome varchar(16) CHECK (decision_outcome IN ('APPROVED', 'REJECTED', 'POSTPONED', 'EXEMPTED')),
      decision_number varchar(64),
      decided_on date,
      term_months integer CHECK (term_months > 0),
      decision_reason text,
      facility_code varchar(16) REFERENCES facility(code),
      facility_owner_path varchar(200),
      interim_measure varchar(24) CHECK (interim_measure IN ('FAMILY_MANAGEMENT', 'HELD_AT_FACILITY')),
      interim_facility_code varchar(16) REFERENCES facility(code),
      interim_facility_path varchar(200),
      interim_since date,
      days_held_closed integer NOT NULL DEFAULT 0 CHECK (days_held_closed >= 0),
      escorted_on date,
      admitted_on date,
      episode_id uuid,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT dossier_decision_complete CHECK ((decision_outcome IS NULL) = (decision_number IS NULL) AND (decision_outcome IS NULL) = (decided_on IS NULL)),
      CONSTRAINT dossier_approved_has_term CHECK ((status IN ('APPROVED', 'ADMITTED')) <= (term_months IS NOT NULL AND facility_code IS NOT NULL)),
      CONSTRAINT dossier_facility_path CHECK ((facility_code IS NULL) = (facility_owner_path IS NULL)),
      CONSTRAINT dossier_interim CHECK ((interim_measure = 'HELD_AT_FACILITY') = (interim_facility_code IS NOT NULL)
        AND (interim_facility_code IS NULL) = (interim_facility_path IS NULL) AND (interim_measure IS NULL) = (interim_since IS NULL)),
      CONSTRAINT dossier_admitted CHECK ((status = 'ADMITTED') = (admitted_on IS NOT NULL AND episode_id IS NOT NULL)))`);
    await runner.query('CREATE INDEX dossier_person ON compulsory_rehab_dossier (person_id, started_on DESC)');
    await runner.query('CREATE INDEX dossier_owner_path ON compulsory_rehab_dossier (owner_unit_path text_pattern_ops)');
    await runner.query('CREATE INDEX dossier_facility_path ON compulsory_rehab_dossier (facility_owner_path text_pattern_ops)');
    await runner.query(
      'CREATE INDEX dossier_interim_facility_path ON compulsory_rehab_dossier (interim_facility_path text_pattern_ops)',
    );
    await runner.query(
      'CREATE INDEX dossier_status_owner ON compulsory_rehab_dossier (status, owner_unit_path text_pattern_ops)',
    );
    // At most one dossier in progress per person.
    await runner.query(`CREATE UNIQUE INDEX dossier_one_pending_per_person ON compulsory_rehab_dossier (person_id)
      WHERE status IN (${PENDING_DOSSIER})`);

    await runner.query(`ALTER TABLE rehab_episode
      ADD COLUMN dossier_id uuid UNIQUE REFERENCES compulsory_rehab_dossier(id),
      ADD COLUMN term_months integer CHECK (term_months > 0),
      ADD COLUMN days_held integer NOT NULL DEFAULT 0 CHECK (days_held >= 0),
      ADD COLUMN phase varchar(32) CHECK (phase IN (${PHASES})),
      ADD COLUMN phase_since date,
      ADD COLUMN leave_reason varchar(24) CHECK (leave_reason IN ('FUNERAL', 'MEDICAL_TREATMENT', 'FAMILY_EMERGENCY', 'OTHER')),
      ADD COLUMN leave_note text,
      ADD COLUMN leave_started_on date,
      ADD COLUMN leave_due_on date,
      ADD COLUMN absconded_reason varchar(16) CHECK (absconded_reason IN ('ESCAPED', 'LEAVE_OVERDUE')),
      ADD COLUMN absconded_since date,
      ADD COLUMN certificate_number varchar(64),
      ADD COLUMN termination_reason text,
      ADD COLUMN service_provider_id uuid REFERENCES service_provider(id),
      ADD CONSTRAINT rehab_episode_leave CHECK ((status = 'ON_LEAVE') = (leave_due_on IS NOT NULL AND leave_started_on IS NOT NULL AND leave_reason IS NOT NULL)),
      ADD CONSTRAINT rehab_episode_absconded CHECK ((status = 'ABSCONDED') = (absconded_since IS NOT NULL AND absconded_reason IS NOT NULL)),
      ADD CONSTRAINT rehab_episode_certificate CHECK ((status = 'COMPLETED') = (certificate_number IS NOT NULL)),
      ADD CONSTRAINT rehab_episode_terminated CHECK ((status = 'TERMINATED') = (termination_reason IS NOT NULL)),
      ADD CONSTRAINT rehab_episode_compulsory_dossier CHECK (kind = 'COMPULSORY' OR dossier_id IS NULL)`);
    await runner.query('CREATE INDEX rehab_episode_status_facility ON rehab_episode (facility_code, status)');
    await runner.query("CREATE INDEX rehab_episode_leave_due ON rehab_episode (leave_due_on) WHERE status = 'ON_LEAVE'");
    // Dossier and episode name each other: checked at commit, so both rows can be written in one transaction.
    await runner.query(`ALTER TABLE compulsory_rehab_dossier ADD CONSTRAINT dossier_episode_fk
      FOREIGN KEY (episode_id) REFERENCES rehab_episode(id) DEFERRABLE INITIALLY DEFERRED`);

    await runner.query(`CREATE TABLE post_rehab_case (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL,
      episode_id uuid NOT NULL UNIQUE REFERENCES rehab_episode(id),
      status varchar(24) NOT NULL CHECK (status IN ('AWAITING_DECISION', 'UNDER_MANAGEMENT', 'RELAPSED', 'COMPLETED')),
      residence_unit_code varchar(16) NOT NULL REFERENCES administrative_unit(code),
      owner_unit_path varchar(200) NOT NULL,
      opened_on date NOT NULL,
      decision_number varchar(64),
      decision_on date,
      period_months integer CHECK (period_months > 0),
      ends_on date,
      supporter_ids uuid[] NOT NULL DEFAULT '{}',
      relapsed_on date,
      relapse_note text,
      completed_on date,
      certificate_number varchar(64),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT post_rehab_decision CHECK ((decision_on IS NULL) = (decision_number IS NULL)
        AND (decision_on IS NULL) = (period_months IS NULL) AND (decision_on IS NULL) = (ends_on IS NULL)),
      CONSTRAINT post_rehab_decided CHECK ((status IN ('UNDER_MANAGEMENT', 'COMPLETED')) <= (decision_on IS NOT NULL)),
      CONSTRAINT post_rehab_awaiting CHECK ((status = 'AWAITING_DECISION') <= (decision_on IS NULL)),
      CONSTRAINT post_rehab_relapsed CHECK ((status = 'RELAPSED') = (relapsed_on IS NOT NULL)),
      CONSTRAINT post_rehab_completed CHECK ((status = 'COMPLETED') = (completed_on IS NOT NULL AND certificate_number IS NOT NULL)),
      CONSTRAINT post_rehab_dates CHECK (decision_on IS NULL OR decision_on >= opened_on))`);
    await runner.query('CREATE INDEX post_rehab_person ON post_rehab_case (person_id, opened_on DESC)');
    await runner.query('CREATE INDEX post_rehab_owner_path ON post_rehab_case (owner_unit_path text_pattern_ops)');
    await runner.query('CREATE INDEX post_rehab_status_ends ON post_rehab_case (status, ends_on)');
    await runner.query(`CREATE UNIQUE INDEX post_rehab_one_open_per_person ON post_rehab_case (person_id)
      WHERE status IN ('AWAITING_DECISION', 'UNDER_MANAGEMENT')`);
    await runner.query(`ALTER TABLE compulsory_rehab_dossier ADD CONSTRAINT dossier_post_rehab_fk
      FOREIGN KEY (post_rehab_case_id) REFERENCES post_rehab_case(id) DEFERRABLE INITIALLY DEFERRED`);

    await runner.query(`CREATE TABLE reintegration_support (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL,
      kind varchar(24) NOT NULL CHECK (kind IN ('LOAN', 'VOCATIONAL_TRAINING', 'JOB_PLACEMENT')),
      provider varchar(200) NOT NULL,
      started_on date NOT NULL,
      amount_vnd bigint CHECK (amount_vnd > 0),
      outcome varchar(16) NOT NULL CHECK (outcome IN ('PENDING', 'SUCCEEDED', 'UNSUCCESSFUL')),
      outcome_on date,
      outcome_note text,
      residence_unit_code varchar(16) NOT NULL REFERENCES administrative_unit(code),
      owner_unit_path varchar(200) NOT NULL,
      post_rehab_case_id uuid REFERENCES post_rehab_case(id),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT reintegration_amount_for_loans CHECK (kind = 'LOAN' OR amount_vnd IS NULL),
      CONSTRAINT reintegration_outcome_date CHECK ((outcome = 'PENDING') = (outcome_on IS NULL)),
      CONSTRAINT reintegration_dates CHECK (outcome_on IS NULL OR outcome_on >= started_on))`);
    await runner.query('CREATE INDEX reintegration_person ON reintegration_support (person_id, started_on DESC)');
    await runner.query('CREATE INDEX reintegration_owner_path ON reintegration_support (owner_unit_path text_pattern_ops)');

    await runner.query(`CREATE TABLE case_event (
      id bigserial PRIMARY KEY,
      entity_type varchar(16) NOT NULL CHECK (entity_type IN ('DOSSIER', 'EPISODE', 'POST_REHAB')),
      entity_id uuid NOT NULL,
      person_id uuid NOT NULL,
      action varchar(40) NOT NULL,
      from_status varchar(32),
      to_status varchar(32) NOT NULL,
      occurred_on date NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      note text,
      details jsonb NOT NULL DEFAULT '{}',
      actor_username varchar(64) NOT NULL,
      actor_role varchar(32) NOT NULL,
      actor_unit_code varchar(16) NOT NULL)`);
    await runner.query('CREATE INDEX case_event_entity ON case_event (entity_id, id)');
    await runner.query('CREATE INDEX case_event_person ON case_event (person_id)');

    // The trail of person merges notified by police: which rows moved, so a wrong merge can be undone.
    await runner.query(`CREATE TABLE person_merge_log (
      id bigserial PRIMARY KEY,
      notice_id uuid NOT NULL UNIQUE,
      survivor_id uuid NOT NULL,
      duplicate_id uuid NOT NULL,
      merged_at timestamptz NOT NULL DEFAULT now(),
      repointed jsonb NOT NULL)`);
    await runner.query(`CREATE TRIGGER person_merge_log_no_update BEFORE UPDATE OR DELETE ON person_merge_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE person_merge_log');
    await runner.query('DROP TABLE case_event');
    await runner.query('DROP TABLE reintegration_support');
    await runner.query('ALTER TABLE compulsory_rehab_dossier DROP CONSTRAINT dossier_post_rehab_fk');
    await runner.query('DROP TABLE post_rehab_case');
    await runner.query('ALTER TABLE compulsory_rehab_dossier DROP CONSTRAINT dossier_episode_fk');
    await runner.query('DROP INDEX rehab_episode_leave_due');
    await runner.query('DROP INDEX rehab_episode_status_facility');
    await runner.query(`ALTER TABLE rehab_episode
      DROP CONSTRAINT rehab_episode_compulsory_dossier, DROP CONSTRAINT rehab_episode_terminated,
      DROP CONSTRAINT rehab_episode_certificate, DROP CONSTRAINT rehab_episode_absconded, DROP CONSTRAINT rehab_episode_leave,
      DROP COLUMN service_provider_id, DROP COLUMN termination_reason, DROP COLUMN certificate_number,
      DROP COLUMN absconded_since, DROP COLUMN absconded_reason, DROP COLUMN leave_due_on, DROP COLUMN leave_started_on,
      DROP COLUMN leave_note, DROP COLUMN leave_reason, DROP COLUMN phase_since, DROP COLUMN phase,
      DROP COLUMN days_held, DROP COLUMN term_months, DROP COLUMN dossier_id`);
    await runner.query('DROP TABLE compulsory_rehab_dossier');
    await runner.query('DROP TABLE service_provider');
    await runner.query('ALTER TABLE facility DROP CONSTRAINT facility_managers_within_staff, DROP COLUMN manager_count');
  }
}
