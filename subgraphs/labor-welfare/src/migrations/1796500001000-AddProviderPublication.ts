import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Voluntary community-rehab providers (Decree 184/2025: registered and published by the
 * provincial police from 1 July 2025): the conditions found met at registration, the day the
 * provider was published (công bố) and, when it no longer meets them, its withdrawal with the
 * reason. Providers registered before were listed by the registering office when registered:
 * they count as published that day; their conditions were not recorded.
 */
export class AddProviderPublication1796500001000 implements MigrationInterface {
  name = 'AddProviderPublication1796500001000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE service_provider
      ADD COLUMN conditions_met text[] NOT NULL DEFAULT '{}',
      ADD COLUMN published_on date,
      ADD COLUMN withdrawn_on date,
      ADD COLUMN withdrawal_reason text,
      ADD CONSTRAINT provider_conditions_known CHECK (conditions_met <@ ARRAY['PREMISES', 'MEDICAL_STAFF', 'COUNSELLING_STAFF', 'OPERATING_RULES']),
      ADD CONSTRAINT provider_published_after_registration CHECK (published_on IS NULL OR published_on >= registered_on),
      ADD CONSTRAINT provider_withdrawal_whole CHECK ((withdrawn_on IS NULL) = (withdrawal_reason IS NULL))`);
    await runner.query('UPDATE service_provider SET published_on = registered_on');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE service_provider DROP CONSTRAINT provider_withdrawal_whole,
      DROP CONSTRAINT provider_published_after_registration, DROP CONSTRAINT provider_conditions_known,
      DROP COLUMN withdrawal_reason, DROP COLUMN withdrawn_on, DROP COLUMN published_on, DROP COLUMN conditions_met`);
  }
}
