import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SUBSTITUTION_ENDED, SUBSTITUTION_STARTED } from '@rehab/server-kit';

const TODAY = `(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/**
 * Post-rehab management follows substitution treatment since labour-welfare's
 * PostRehabAfterSubstitution; treatments that started or stopped before it opened no case. A
 * database that holds them tells labour-welfare once, through the outbox: every treatment under
 * way (its enrolment), and every treatment stopped within the post-rehab management period in
 * force today (the rules table), so the residence commune has the decisions due. Older stops are
 * left out: their period would have ended. Police are not told again (they had the enrolments as
 * treatment registrations when they happened). Labour-welfare opens one case per treatment and
 * basis, so nothing is opened twice. A fresh database holds no treatment when it migrates.
 */
export class AnnounceSubstitutionForPostRehab1796500001200 implements MigrationInterface {
  name = 'AnnounceSubstitutionForPostRehab1796500001200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `INSERT INTO outbox_notice (id, topic, source, destination, payload)
      SELECT gen_random_uuid(), $1, 'health', 'labor-welfare', jsonb_build_object('personId', t.person_id, 'treatmentId', t.id,
        'enrolledOn', to_char(t.enrolled_on, 'YYYY-MM-DD'))
      FROM substitution_treatment t WHERE t.status = 'ACTIVE' ORDER BY t.enrolled_on, t.id`,
      [SUBSTITUTION_STARTED.topic],
    );
    await runner.query(
      `WITH period AS (
        SELECT r.value FROM legal_rule r WHERE r.code = 'POST_REHAB_MANAGEMENT_PERIOD' AND r.unit = 'MONTHS'
          AND r.effective_from <= ${TODAY} AND (r.effective_to IS NULL OR r.effective_to >= ${TODAY})
        ORDER BY r.effective_from DESC LIMIT 1)
      INSERT INTO outbox_notice (id, topic, source, destination, payload)
      SELECT gen_random_uuid(), $1, 'health', 'labor-welfare', jsonb_build_object('personId', t.person_id, 'treatmentId', t.id,
        'stoppedOn', to_char(t.stopped_on, 'YYYY-MM-DD'), 'reason', coalesce(t.termination_reason, 'COMPLETED'))
      FROM substitution_treatment t, period p
      WHERE t.status = 'STOPPED' AND t.stopped_on > ${TODAY} - make_interval(months => p.value)
      ORDER BY t.stopped_on, t.id`,
      [SUBSTITUTION_ENDED.topic],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `DELETE FROM outbox_notice WHERE topic IN ($1, $2) AND destination = 'labor-welfare' AND delivered_at IS NULL AND failed_at IS NULL`,
      [SUBSTITUTION_STARTED.topic, SUBSTITUTION_ENDED.topic],
    );
  }
}
