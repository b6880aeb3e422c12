import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a voluntary rehab at home/community takes place: at a commune's community rehab house
 * (a community-based facility, REHAB_HOUSE) or at home with the family (HOME). Community
 * rehab is recorded here in both eras (registerCommunityRehab: the commune until 28 February
 * 2025, under the police's state management from 1 March 2025). Episodes recorded before
 * keep NULL (not recorded): the records never said, and guessing would invent data.
 */
export class AddCommunityRehabSetting1764900002000 implements MigrationInterface {
  name = 'AddCommunityRehabSetting1764900002000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE rehab_episode ADD COLUMN community_setting varchar(16)
      CHECK (community_setting IN ('REHAB_HOUSE', 'HOME'))`);
    await runner.query(`ALTER TABLE rehab_episode ADD CONSTRAINT rehab_episode_setting_community_only
      CHECK (community_setting IS NULL OR kind = 'VOLUNTARY_COMMUNITY')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE rehab_episode DROP COLUMN community_setting');
  }
}
