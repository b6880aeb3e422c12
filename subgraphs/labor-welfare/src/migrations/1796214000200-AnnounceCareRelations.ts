import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CARE_FACILITY, CARE_RELATION_BATCH } from '@rehab/server-kit';

/**
 * Police learn each facility's residents from care.facility notices: a database that already
 * holds episodes at facilities (before and after 1 March 2025 alike) announces them all once,
 * through the outbox, in notices of at most CARE_RELATION_BATCH periods. An episode's stays
 * come from its admission and its TRANSFER events (details.from / details.to): each stay ends
 * the day before the next one starts, the last on the episode's end. A fresh database has
 * none: its seed gives police the demo residents, and later changes are sent as they happen.
 */
export class AnnounceCareRelations1796214000200 implements MigrationInterface {
  name = 'AnnounceCareRelations1796214000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `WITH stays AS (
        SELECT e.id AS record_id, e.person_id, e.admitted_on AS started_on, e.ended_on AS episode_end, 0::bigint AS seq,
          COALESCE((SELECT c.details->>'from' FROM case_event c
            WHERE c.entity_type = 'EPISODE' AND c.entity_id = e.id AND c.action = 'TRANSFER'
            ORDER BY c.occurred_on, c.id LIMIT 1), e.facility_code) AS unit
        FROM rehab_episode e WHERE e.facility_code IS NOT NULL
        UNION ALL
        SELECT e.id, e.person_id, c.occurred_on, e.ended_on, c.id, c.details->>'to'
        FROM case_event c JOIN rehab_episode e ON e.id = c.entity_id
        WHERE c.entity_type = 'EPISODE' AND c.action = 'TRANSFER' AND e.facility_code IS NOT NULL),
      periods AS (
        SELECT record_id, person_id, unit, started_on,
          COALESCE(lead(started_on) OVER (PARTITION BY record_id ORDER BY started_on, seq) - 1, episode_end) AS ended_on
        FROM stays WHERE unit IS NOT NULL),
      batched AS (
        SELECT *, (row_number() OVER (ORDER BY record_id, started_on) - 1) / $2 AS batch FROM periods)
      INSERT INTO outbox_notice (id, topic, source, destination, payload)
      SELECT gen_random_uuid(), $1, 'labor-welfare', 'police', jsonb_build_object('periods', jsonb_agg(jsonb_build_object(
        'personId', b.person_id, 'recordId', b.record_id, 'careUnitCode', b.unit,
        'startedOn', to_char(b.started_on, 'YYYY-MM-DD'), 'endedOn', to_char(b.ended_on, 'YYYY-MM-DD'))
        ORDER BY b.record_id, b.started_on))
      FROM batched b GROUP BY b.batch ORDER BY b.batch`,
      [CARE_FACILITY.topic, CARE_RELATION_BATCH],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DELETE FROM outbox_notice WHERE topic = $1 AND delivered_at IS NULL AND failed_at IS NULL', [
      CARE_FACILITY.topic,
    ]);
  }
}
