import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The names of the migrations run on a database, for the readiness check of the service
 * using it: the application's restricted role may not read the migrations table
 * (db/app-role.ts revokes it), so the owner provides a SECURITY DEFINER function returning
 * the names only.
 */
export class CreateMigrationStatus1796226354475 implements MigrationInterface {
  name = 'CreateMigrationStatus1796226354475';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE FUNCTION applied_migration_names() RETURNS SETOF text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
      AS $$ SELECT name::text FROM public.schema_migrations $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP FUNCTION applied_migration_names()');
  }
}
