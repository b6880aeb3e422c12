import type { MigrationInterface, QueryRunner } from 'typeorm';

const SUBSTANCES = `ARRAY['OPIOIDS', 'STIMULANTS', 'CANNABIS', 'OTHER']::text[]`;
/** The end of a move day in Hà Nội (UTC+7), from which Law 120's 24-hour deadlines run. */
const END_OF_MOVE_DAY = `((moved_on + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;

/**
 * Law 120/2025 (from 1 July 2026) in the police subgraph: substance declarations,
 * summonses, electronic monitoring orders with their device alerts, and the move
 * deadlines counted from the move date (presentation at the new commune, hand-over).
 */
export class CreateLaw120Duties1764700003000 implements MigrationInterface {
  name = 'CreateLaw120Duties1764700003000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE substance_declaration (
      id uuid PRIMARY KEY,
      management_id uuid NOT NULL REFERENCES drug_user_management(id),
      person_id uuid NOT NULL REFERENCES person(id),
      declared_on date NOT NULL,
      substances text[] NOT NULL CHECK (cardinality(substances) > 0 AND substances <@ ${SUBSTANCES}),
      source varchar(500) NOT NULL CHECK (length(trim(source)) > 0),
      recorded_by varchar(64) NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      owner_unit_path varchar(200) NOT NULL)`);
    await runner.query(
      'CREATE INDEX substance_declaration_management ON substance_declaration (management_id, declared_on DESC)',
    );
    await runner.query('CREATE INDEX substance_declaration_person ON substance_declaration (person_id)');

    await runner.query(`CREATE TABLE summons (
      id uuid PRIMARY KEY,
      management_id uuid NOT NULL REFERENCES drug_user_management(id),
      person_id uuid NOT NULL REFERENCES person(id),
      summoned_on date NOT NULL,
      appear_on date NOT NULL,
      reason varchar(500) NOT NULL CHECK (length(trim(reason)) > 0),
      issued_by varchar(64) NOT NULL,
      issued_at timestamptz NOT NULL DEFAULT now(),
      outcome varchar(16) CHECK (outcome IN ('APPEARED', 'DID_NOT_APPEAR')),
      outcome_note varchar(1000),
      outcome_recorded_at timestamptz,
      outcome_recorded_by varchar(64),
      owner_unit_path varchar(200) NOT NULL,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT summons_appear_after_summoned CHECK (appear_on >= summoned_on AND appear_on <= summoned_on + 30),
      CONSTRAINT summons_outcome_complete CHECK ((outcome IS NULL) = (outcome_recorded_at IS NULL)
        AND (outcome IS NULL) = (outcome_recorded_by IS NULL)))`);
    await runner.query('CREATE INDEX summons_management ON summons (management_id, summoned_on DESC)');
    await runner.query('CREATE INDEX summons_person ON summons (person_id)');
    await runner.query(
      `CREATE INDEX summons_awaiting ON summons (owner_unit_path text_pattern_ops, appear_on) WHERE outcome IS NULL`,
    );

    await runner.query(`CREATE TABLE electronic_monitoring_order (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL REFERENCES person(id),
      basis varchar(32) NOT NULL CHECK (basis IN ('VOLUNTARY_HOME_COMMUNITY_REHAB', 'SUBSTITUTION_TREATMENT', 'POST_REHAB_MANAGEMENT')),
      basis_reference varchar(200) NOT NULL CHECK (length(trim(basis_reference)) > 0),
      device_id varchar(64) NOT NULL CHECK (length(trim(device_id)) > 0),
      ordered_on date NOT NULL,
      ordered_by varchar(64) NOT NULL,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      status varchar(16) NOT NULL CHECK (status IN ('ORDERED', 'ENDED_EARLY')),
      ended_on date,
      end_reason varchar(500),
      owner_unit_path varchar(200) NOT NULL,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT electronic_monitoring_order_period CHECK (starts_on >= ordered_on AND ends_on > starts_on
        AND ends_on <= starts_on + interval '36 months'),
      CONSTRAINT electronic_monitoring_order_ended CHECK ((status = 'ENDED_EARLY') = (ended_on IS NOT NULL AND end_reason IS NOT NULL)),
      CONSTRAINT electronic_monitoring_order_ended_within CHECK (ended_on >= ordered_on AND ended_on < ends_on))`);
    await runner.query(
      'CREATE INDEX electronic_monitoring_order_person ON electronic_monitoring_order (person_id, ordered_on DESC)',
    );
    await runner.query('CREATE INDEX electronic_monitoring_order_device ON electronic_monitoring_order (device_id)');

    await runner.query(`CREATE TABLE monitoring_alert (
      id uuid PRIMARY KEY,
      order_id uuid NOT NULL REFERENCES electronic_monitoring_order(id),
      person_id uuid NOT NULL REFERENCES person(id),
      kind varchar(16) NOT NULL CHECK (kind IN ('TAMPER', 'FAULT', 'FAULT_CLEARED')),
      event_id varchar(100) NOT NULL CHECK (length(trim(event_id)) > 0),
      occurred_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      reported_by varchar(64) NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by varchar(64),
      owner_unit_path varchar(200) NOT NULL,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT monitoring_alert_event_once UNIQUE (order_id, event_id),
      CONSTRAINT monitoring_alert_acknowledged CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)))`);
    await runner.query(`CREATE INDEX monitoring_alert_awaiting ON monitoring_alert (owner_unit_path text_pattern_ops, occurred_at)
      WHERE acknowledged_at IS NULL`);
    await runner.query('CREATE INDEX monitoring_alert_person ON monitoring_alert (person_id)');
    for (const table of ['substance_declaration', 'summons', 'electronic_monitoring_order', 'monitoring_alert']) {
      await runner.query(`CREATE INDEX ${table}_owner_unit_path ON ${table} (owner_unit_path text_pattern_ops)`);
    }
    await this.moveDeadlines(runner);
  }

  /** Deadlines of moves run from the move date: a move recorded late is overdue at once. */
  private async moveDeadlines(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE transfer_notice DROP CONSTRAINT transfer_notice_due_after_sent,
      ADD COLUMN presentation_due_at timestamptz,
      ADD COLUMN presented_at timestamptz,
      ADD COLUMN presentation_recorded_by varchar(64),
      ADD CONSTRAINT transfer_notice_presented CHECK ((presented_at IS NULL) = (presentation_recorded_by IS NULL)),
      ADD CONSTRAINT transfer_notice_presented_after_move CHECK (presented_at >= moved_on::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`);
    for (const [column, code] of [
      ['due_at', 'RESIDENCE_CHANGE_NOTICE'],
      ['presentation_due_at', 'MOVE_PRESENTATION_DEADLINE'],
    ] as const) {
      await runner.query(
        `UPDATE transfer_notice n SET ${column} = ${END_OF_MOVE_DAY} + make_interval(hours => r.value)
        FROM legal_rule r WHERE r.code = $1 AND r.unit = 'HOURS' AND r.effective_from <= n.moved_on
          AND (r.effective_to IS NULL OR r.effective_to >= n.moved_on)`,
        [code],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`UPDATE transfer_notice SET due_at = sent_at + interval '24 hours' WHERE due_at IS NOT NULL`);
    await runner.query(`ALTER TABLE transfer_notice DROP CONSTRAINT transfer_notice_presented_after_move,
      DROP CONSTRAINT transfer_notice_presented, DROP COLUMN presentation_recorded_by, DROP COLUMN presented_at,
      DROP COLUMN presentation_due_at, ADD CONSTRAINT transfer_notice_due_after_sent CHECK (due_at > sent_at)`);
    await runner.query('DROP TABLE monitoring_alert');
    await runner.query('DROP TABLE electronic_monitoring_order');
    await runner.query('DROP TABLE summons');
    await runner.query('DROP TABLE substance_declaration');
  }
}
