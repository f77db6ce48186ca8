import { MigrationInterface, QueryRunner } from "typeorm";

/** The role the request pool logs in as (src/db/database.ts REQUEST_ROLE names it too). */
const REQUEST_ROLE = "linkpass_request";

/**
 * The member's entry statement checks the token's session version next to app.enter_request, in
 * its FROM clause's row, before the switch to linkpass_app: the request pool's login role calls it.
 */
export class SessionCheckForRequestRole1765171500000 implements MigrationInterface {
  name = "SessionCheckForRequestRole1765171500000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`GRANT EXECUTE ON FUNCTION app.session_is_current(uuid, uuid, int) TO ${REQUEST_ROLE}`);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`REVOKE EXECUTE ON FUNCTION app.session_is_current(uuid, uuid, int) FROM ${REQUEST_ROLE}`);
  }
}
