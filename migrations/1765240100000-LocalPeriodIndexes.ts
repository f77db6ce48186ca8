import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A report over local months (Asia/Shanghai's begin at 16:00 UTC) reads the cases and clients
 * between the local and the UTC month boundary from the rows themselves, over the whole visible
 * network when the report is not narrowed (migration CaseRollups). Without an index that leads with
 * the opening time that is a scan of every case; these let it read just the period, from the index
 * alone.
 */
export class LocalPeriodIndexes1765240100000 implements MigrationInterface {
  name = "LocalPeriodIndexes1765240100000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX service_cases_opened_at ON service_cases (opened_at) INCLUDE (tenant_id, step, tier, first_response_at, response_due_at);
      CREATE INDEX clients_created_at ON clients (created_at) INCLUDE (tenant_id);
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX service_cases_opened_at, clients_created_at`);
  }
}
