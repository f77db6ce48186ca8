import type { DataSource } from "typeorm";
import { query, sql } from "../../db/rows/sql";

/**
 * Seed 000 §6 and seed 004 §4: a complaint still OPEN or IN_PROGRESS past its deadline goes to
 * the centre's management; still unresolved `parentEscalationHours` later, to the parent centre
 * (which reads it under its subtree). A level is reached once and never lowered, so reruns change
 * nothing. Runs as the migration role (it crosses tenants, as no request does); SKIP LOCKED lets
 * several API processes run it at once. Returns how many complaints moved up a level.
 */
export async function escalateOverdueComplaints(dataSource: DataSource, parentEscalationHours: number, now: Date = new Date()): Promise<number> {
  return dataSource.transaction(async (db) => {
    await query(db, sql`SELECT set_config('app.operation', 'job escalateOverdueComplaints', true)`);
    const parentDue = new Date(now.getTime() - parentEscalationHours * 3_600_000);
    const moved = await query(
      db,
      sql`WITH due AS (
            SELECT r.tenant_id, r.id,
                   CASE WHEN r.due_at < ${parentDue} AND t.parent_id IS NOT NULL THEN 'PARENT_CENTRE' ELSE 'CENTRE_MANAGEMENT' END AS level
              FROM service_requests r JOIN tenants t ON t.id = r.tenant_id
             WHERE r.kind = 'COMPLAINT' AND r.status IN ('OPEN', 'IN_PROGRESS') AND r.due_at < ${now} AND r.escalation <> 'PARENT_CENTRE'
             FOR UPDATE OF r SKIP LOCKED
          )
          UPDATE service_requests r SET escalation = due.level, escalated_at = ${now}
            FROM due
           WHERE r.tenant_id = due.tenant_id AND r.id = due.id AND r.escalation <> due.level
          RETURNING r.id`,
    );
    return moved.length;
  });
}
