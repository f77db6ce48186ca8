import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Idempotency keys expire: a key older than its TTL may be used again, its row taken over by the
 * new answer (UPDATE, under the same tenant policy), and a job deletes what has expired.
 */
export class IdempotencyKeyExpiry1765000000000 implements MigrationInterface {
  name = "IdempotencyKeyExpiry1765000000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`GRANT UPDATE (request_hash, response, created_at) ON idempotency_keys TO linkpass_app`);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`REVOKE UPDATE (request_hash, response, created_at) ON idempotency_keys FROM linkpass_app`);
  }
}
