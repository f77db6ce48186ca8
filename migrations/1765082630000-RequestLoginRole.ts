import { MigrationInterface, QueryRunner } from "typeorm";

/** The role the request pool logs in as (src/db/database.ts REQUEST_ROLE names it too). */
const REQUEST_ROLE = "linkpass_request";

/**
 * The request pool gets a login role of its own that the runtime role cannot climb out of.
 *
 * Before, the request pool logged in as the migration role (superuser or BYPASSRLS) and
 * switched to linkpass_app with set_config('role', …, true); SQL running as linkpass_app could
 * `RESET ROLE` (or `SET ROLE`, `SET SESSION AUTHORIZATION`) back to it and bypass every policy.
 * linkpass_request logs in, may become linkpass_app and may call app.enter_request, and nothing
 * else: NOINHERIT, so as itself it holds none of linkpass_app's table grants; it owns nothing;
 * and, being no superuser, it may not change its session authorization. Resetting the role from
 * linkpass_app therefore lands on a role that reads no tenant table and writes nothing.
 * Roles belong to the cluster, so an existing one is kept (its password is set at start-up).
 */
export class RequestLoginRole1765082630000 implements MigrationInterface {
  name = "RequestLoginRole1765082630000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${REQUEST_ROLE}') THEN
          CREATE ROLE ${REQUEST_ROLE} LOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;
        END IF;
      END $$;
      GRANT linkpass_app TO ${REQUEST_ROLE};
      GRANT USAGE ON SCHEMA app TO ${REQUEST_ROLE};
      GRANT EXECUTE ON FUNCTION app.enter_request(uuid, text, text) TO ${REQUEST_ROLE};
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      REVOKE EXECUTE ON FUNCTION app.enter_request(uuid, text, text) FROM ${REQUEST_ROLE};
      REVOKE USAGE ON SCHEMA app FROM ${REQUEST_ROLE};
      REVOKE linkpass_app FROM ${REQUEST_ROLE};
    `);
  }
}
