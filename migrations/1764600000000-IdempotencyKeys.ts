import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Responses of mutations sent with an Idempotency-Key, stored in the same transaction as the
 * mutation itself: a retry finds either nothing (the first attempt left no trace) or the answer.
 */
export class IdempotencyKeys1764600000000 implements MigrationInterface {
  name = "IdempotencyKeys1764600000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_keys (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        request_hash text NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, user_id, key)
      );
      CREATE INDEX idempotency_keys_user_id ON idempotency_keys (user_id);
      CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
      SELECT app.isolate_tenant_table('idempotency_keys');
      GRANT SELECT, INSERT ON idempotency_keys TO linkpass_app;
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
  }
}
