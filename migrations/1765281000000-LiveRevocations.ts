import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Revocations announced to the live subscriptions the moment they commit: a user's session_version
 * rising (signOutEverywhere, resetPassword) and a membership deactivated NOTIFY
 * `linkpass_revocations` with ids only, and each process re-checks that user's open sockets
 * (src/modules/events/live-revocations.ts). NOTIFY is sent on commit, so a rolled-back change
 * closes nothing. The functions are triggers only: nobody may call them.
 */
export class LiveRevocations1765281000000 implements MigrationInterface {
  name = "LiveRevocations1765281000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION app.announce_sessions_ended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('linkpass_revocations', json_build_object('userId', NEW.id)::text);
        RETURN NULL;
      END $$;
      CREATE TRIGGER users_sessions_ended AFTER UPDATE OF session_version ON users
        FOR EACH ROW WHEN (NEW.session_version > OLD.session_version) EXECUTE FUNCTION app.announce_sessions_ended();

      CREATE FUNCTION app.announce_membership_deactivated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('linkpass_revocations', json_build_object('userId', NEW.user_id, 'membershipId', NEW.id)::text);
        RETURN NULL;
      END $$;
      CREATE TRIGGER memberships_deactivated AFTER UPDATE OF active ON memberships
        FOR EACH ROW WHEN (OLD.active AND NOT NEW.active) EXECUTE FUNCTION app.announce_membership_deactivated();

      REVOKE ALL ON FUNCTION app.announce_sessions_ended(), app.announce_membership_deactivated() FROM PUBLIC;
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER memberships_deactivated ON memberships;
      DROP TRIGGER users_sessions_ended ON users;
      DROP FUNCTION app.announce_membership_deactivated(), app.announce_sessions_ended();
    `);
  }
}
