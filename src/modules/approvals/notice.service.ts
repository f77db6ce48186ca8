import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { query, sql } from "../../db/rows/sql";

/**
 * Issues the acting tenant's next notice number for the year, e.g. `CN-SH-2026-0007`: the counter
 * row is locked by the upsert until the transaction ends, so numbers never repeat, and a
 * rolled-back decision gives its number back, so they never skip.
 */
export async function issueNoticeOrThrow(
  db: EntityManager,
  acting: ActingContext,
  subject: { subjectType: string; subjectId: string; subjectTenantId: string },
): Promise<string> {
  const year = new Date().getUTCFullYear();
  const [{ last_number: number }] = await query(
    db,
    sql`INSERT INTO notice_counters (tenant_id, year, last_number) VALUES (${acting.tenantId}, ${year}, 1)
     ON CONFLICT (tenant_id, year) DO UPDATE SET last_number = notice_counters.last_number + 1
     RETURNING last_number`,
  );
  const [{ code }] = await query(db, sql`SELECT code FROM tenants WHERE id = ${acting.tenantId}`);
  const noticeNumber = `${code}-${year}-${String(number).padStart(4, "0")}`;
  await query(
    db,
    sql`INSERT INTO notices (tenant_id, year, number, notice_number, subject_type, subject_id, subject_tenant_id, issued_by)
     VALUES (${acting.tenantId}, ${year}, ${number}, ${noticeNumber}, ${subject.subjectType}, ${subject.subjectId}, ${subject.subjectTenantId}, ${acting.userId})`,
  );
  return noticeNumber;
}
