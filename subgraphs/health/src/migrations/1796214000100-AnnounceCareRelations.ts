import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CARE_RELATION_BATCH, CARE_SUBSTITUTION } from '@rehab/server-kit';

/**
 * Police learn each clinic's patients from care.substitution notices: a database that already
 * holds enrolments announces them all once, through the outbox, in notices of at most
 * CARE_RELATION_BATCH periods (the enrolment at its current clinic from the enrolment date, to
 * the day it stopped). A fresh database has none: its seed gives police the demo patients, and
 * later enrolments, transfers and ends are sent as they happen.
 */
export class AnnounceCareRelations1796214000100 implements MigrationInterface {
  name = 'AnnounceCareRelations1796214000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `INSERT INTO outbox_notice (id, topic, source, destination, payload)
      SELECT gen_random_uuid(), $1, 'health', 'police', jsonb_build_object('periods', jsonb_agg(jsonb_build_object(
        'personId', t.person_id, 'recordId', t.id, 'careUnitCode', t.clinic_code,
        'startedOn', to_char(t.enrolled_on, 'YYYY-MM-DD'), 'endedOn', to_char(t.stopped_on, 'YYYY-MM-DD')) ORDER BY t.id))
      FROM (SELECT id, person_id, clinic_code, enrolled_on, stopped_on, (row_number() OVER (ORDER BY id) - 1) / $2 AS batch
        FROM substitution_treatment) t
      GROUP BY t.batch ORDER BY t.batch`,
      [CARE_SUBSTITUTION.topic, CARE_RELATION_BATCH],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DELETE FROM outbox_notice WHERE topic = $1 AND delivered_at IS NULL AND failed_at IS NULL', [
      CARE_SUBSTITUTION.topic,
    ]);
  }
}
