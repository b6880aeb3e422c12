import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Communication activities against drugs (tuyên truyền phòng, chống ma túy): forums,
 * conferences, broadcasts, leaflets and meetings held in a commune or a province, with the
 * agency that held them and the people reached. Aggregates only: no person is named.
 */
export class CreateCommunicationActivity1796500001300 implements MigrationInterface {
  name = 'CreateCommunicationActivity1796500001300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE communication_activity (
      id uuid PRIMARY KEY,
      unit_code varchar(16) NOT NULL,
      owner_unit_path varchar(200) NOT NULL,
      kind varchar(16) NOT NULL CHECK (kind IN ('FORUM', 'CONFERENCE', 'BROADCAST', 'LEAFLET', 'TALK', 'OTHER')),
      held_on date NOT NULL,
      title varchar(300) NOT NULL CHECK (length(trim(title)) > 0),
      agency varchar(32) NOT NULL,
      audience int NOT NULL CHECK (audience >= 0 AND audience <= 10000000),
      copies int CHECK (copies >= 0 AND copies <= 10000000),
      recorded_by varchar(64) NOT NULL,
      version int NOT NULL DEFAULT 1)`);
    await runner.query(
      'CREATE INDEX communication_activity_owner ON communication_activity (owner_unit_path text_pattern_ops, held_on)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE communication_activity');
  }
}
