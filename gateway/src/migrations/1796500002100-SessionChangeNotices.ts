import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change of a session (revoked, refreshed, expired by hand) and of its break-the-glass
 * grants notifies `officer_session_changed` with the session's id, so each gateway on the
 * database drops what it remembers of that session (gateway/src/identity/session-cache.ts).
 */
export class SessionChangeNotices1796500002100 implements MigrationInterface {
  name = 'SessionChangeNotices1796500002100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE FUNCTION notify_officer_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'officer_session' THEN
          PERFORM pg_notify('officer_session_changed', COALESCE(NEW.id, OLD.id)::text);
        ELSE
          PERFORM pg_notify('officer_session_changed', COALESCE(NEW.session_id, OLD.session_id)::text);
        END IF;
        RETURN NULL;
      END $$`);
    await runner.query(`CREATE TRIGGER officer_session_changed AFTER UPDATE OR DELETE ON officer_session
      FOR EACH ROW EXECUTE FUNCTION notify_officer_session_changed()`);
    await runner.query(`CREATE TRIGGER break_glass_grant_changed AFTER INSERT OR UPDATE OR DELETE ON break_glass_grant
      FOR EACH ROW EXECUTE FUNCTION notify_officer_session_changed()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TRIGGER break_glass_grant_changed ON break_glass_grant');
    await runner.query('DROP TRIGGER officer_session_changed ON officer_session');
    await runner.query('DROP FUNCTION notify_officer_session_changed()');
  }
}
