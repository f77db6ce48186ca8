import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";

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
  const [{ last_number: number }] = await db.query(
    `INSERT INTO notice_counters (tenant_id, year, last_number) VALUES ($1, $2, 1)
     ON CONFLICT (tenant_id, year) DO UPDATE SET last_number = notice_counters.last_number + 1
     RETURNING last_number`,
    [acting.tenantId, year],
  );
  const [{ code }] = await db.query("SELECT code FROM tenants WHERE id = $1", [acting.tenantId]);
  const noticeNumber = `${code}-${year}-${String(number).padStart(4, "0")}`;
  await db.query(
    `INSERT INTO notices (tenant_id, year, number, notice_number, subject_type, subject_id, subject_tenant_id, issued_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [acting.tenantId, year, number, noticeNumber, subject.subjectType, subject.subjectId, subject.subjectTenantId, acting.userId],
  );
  return noticeNumber;
}
