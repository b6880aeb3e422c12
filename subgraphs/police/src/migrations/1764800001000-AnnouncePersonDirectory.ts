import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PERSON_DIRECTORY_BATCH, PERSON_DIRECTORY_TOPIC } from '@rehab/server-kit';
import { DIRECTORY_KEEPERS } from '../notices/directory';

/**
 * The agencies' person directories start empty in a database that already holds persons: the
 * whole registry is announced to each of them through the outbox, in notices of at most
 * PERSON_DIRECTORY_BATCH persons (a fresh database has no persons yet: its seed fills the
 * directories, and later changes are announced as they happen).
 */
export class AnnouncePersonDirectory1764800001000 implements MigrationInterface {
  name = 'AnnouncePersonDirectory1764800001000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `INSERT INTO outbox_notice (id, topic, source, destination, payload)
      SELECT gen_random_uuid(), $1, 'police', k.destination, jsonb_build_object('persons', jsonb_agg(jsonb_build_object(
        'personId', p.id, 'unitCode', substring(p.owner_unit_path from '[^.]+$'), 'unitPath', p.owner_unit_path,
        'mergedInto', p.merged_into, 'version', p.version, 'recordedAt', now()) ORDER BY p.id))
      FROM (SELECT id, owner_unit_path, merged_into, version, (row_number() OVER (ORDER BY id) - 1) / $2 AS batch FROM person) p
      CROSS JOIN unnest($3::text[]) AS k(destination)
      GROUP BY k.destination, p.batch ORDER BY k.destination, p.batch`,
      [PERSON_DIRECTORY_TOPIC, PERSON_DIRECTORY_BATCH, DIRECTORY_KEEPERS],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DELETE FROM outbox_notice WHERE topic = $1 AND delivered_at IS NULL AND failed_at IS NULL', [
      PERSON_DIRECTORY_TOPIC,
    ]);
  }
}
