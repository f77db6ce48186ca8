import type { DataSource } from "typeorm";
import { hydrate } from "../../db/rows/entity-rows";
import { approvalPolicyOrThrow } from "./approval-policies";
import { ApprovalRequest } from "./approval-request.entity";
import { currentStepOrThrow, planEscalationOrThrow } from "./approval-decisions";
import { escalateStep, loadSteps } from "./approval.service";
import { query, sql } from "../../db/rows/sql";

/**
 * Escalates every own-tenant step past its SLA whose policy says so, to the requester's parent.
 * Idempotent: an escalated request's current step belongs to the parent and is not picked again.
 * Runs as the migration role (it crosses tenants, as no request does); SKIP LOCKED lets several
 * API processes run it at once without deciding a request twice.
 */
export async function escalateOverdueApprovals(
  dataSource: DataSource,
  slaWorkingDays: Record<number, number>,
  now: Date = new Date(),
): Promise<number> {
  return dataSource.transaction(async (db) => {
    await query(db, sql`SELECT set_config('app.operation', 'job escalateOverdueApprovals', true)`);
    const overdue = await query(
      db,
      sql`SELECT r.* FROM approval_requests r
         JOIN approval_steps s ON s.tenant_id = r.tenant_id AND s.request_id = r.id AND s.position = r.current_position
        WHERE r.status = 'PENDING' AND s.status = 'PENDING' AND s.due_at < ${now}
          AND s.deciding_tenant_id = r.tenant_id AND r.parent_tenant_id IS NOT NULL
        ORDER BY s.due_at
        FOR UPDATE OF r SKIP LOCKED`,
    );
    let escalated = 0;
    for (const raw of overdue) {
      const request = hydrate(db, ApprovalRequest, raw);
      const policy = approvalPolicyOrThrow(request.subjectType);
      const steps = await loadSteps(db, request);
      const current = currentStepOrThrow(request, steps);
      if (!policy.escalatesOnSla || !escalationPossible(() => planEscalationOrThrow(request, steps, current, policy))) continue;
      await escalateStep(db, { request, steps, current, policy, slaWorkingDays, decider: { acting: null, reason: "SLA exceeded" } });
      escalated++;
    }
    return escalated;
  });
}

function escalationPossible(plan: () => unknown): boolean {
  try {
    plan();
    return true;
  } catch {
    return false;
  }
}
