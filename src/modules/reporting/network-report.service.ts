import type { MemberSession } from "../../context/request-context";
import { STEP_ORDER } from "../cases/case-workflow";
import { ServiceStep, ServiceTier } from "../cases/service-step";
import { NetworkReport, NetworkReportRow } from "./network-report.types";
import { ReportScopeFilters, inPeriod, inScope, reportScopeOrThrow } from "./report-scope";

export type NetworkReportFilters = ReportScopeFilters;

/**
 * One statement per section (clients, cases, tasks, evaluations, approvals, grants), each grouped
 * by tenant over the scope, so the statement count does not grow with the number of tenants.
 * Every statement also runs under RLS: a total only ever adds up rows the caller may read.
 */
export async function buildNetworkReport(session: MemberSession, filters: NetworkReportFilters): Promise<NetworkReport> {
  const scope = await reportScopeOrThrow(session, filters);
  const rows = new Map(scope.tenants.map(({ id }) => [id, emptyRow(id)]));
  const section = async (sql: string, add: (row: NetworkReportRow, figures: Record<string, any>) => void) => {
    // RLS also lets a centre read its direct children's approvals and partner rows (to decide on them);
    // those children are not in the report unless its scope holds them.
    for (const figures of await session.db.query(sql, scope.parameters)) {
      const row = rows.get(figures.tenant_id);
      if (row) add(row, figures);
    }
  };

  await section(
    `SELECT tenant_id, count(*)::int AS n FROM clients WHERE ${inScope()} AND ${inPeriod("created_at")} GROUP BY tenant_id`,
    (row, f) => (row.clients = f.n),
  );
  await section(
    `SELECT tenant_id, step, tier, count(*)::int AS n,
            count(*) FILTER (WHERE coalesce(first_response_at, now()) > response_due_at)::int AS past_target
       FROM service_cases WHERE ${inScope()} AND ${inPeriod("opened_at")} GROUP BY tenant_id, step, tier`,
    (row, f) => {
      row.cases += f.n;
      row.casesByStep.find((s) => s.step === f.step)!.count += f.n;
      row.casesByTier.find((s) => s.tier === f.tier)!.count += f.n;
      if (f.step !== ServiceStep.ARCHIVED) row.openCases += f.n;
      row.casesPastResponseTarget += f.past_target;
    },
  );
  await section(
    `SELECT tenant_id, count(*)::int AS n FROM case_tasks
      WHERE ${inScope()} AND status IN ('OPEN','IN_PROGRESS') AND due_on < current_date AND ${inPeriod("due_on")}
      GROUP BY tenant_id`,
    (row, f) => (row.overdueTasks = f.n),
  );
  await section(
    `SELECT tenant_id, count(*)::int AS n, sum(mean_score)::float AS score_sum FROM case_evaluations
      WHERE ${inScope()} AND ${inPeriod("evaluated_at")} GROUP BY tenant_id`,
    (row, f) => {
      row.evaluations = f.n;
      row.evaluationScoreSum = f.score_sum;
    },
  );
  await section(
    `SELECT tenant_id, count(*)::int AS n, extract(epoch FROM now() - min(created_at))::float / 3600 AS oldest_hours
       FROM approval_requests WHERE ${inScope()} AND status = 'PENDING' AND ${inPeriod("created_at")} GROUP BY tenant_id`,
    (row, f) => {
      row.pendingApprovals = f.n;
      row.oldestPendingApprovalHours = Math.round(f.oldest_hours * 10) / 10;
    },
  );
  await section(
    `SELECT tenant_id, count(*)::int AS n FROM grants
      WHERE ${inScope()} AND status = 'APPROVED' AND now() >= valid_from AND now() < valid_until AND ${inPeriod("approved_at")}
      GROUP BY tenant_id`,
    (row, f) => (row.activeGrants = f.n),
  );

  const providersByGrade = await session.db.query(
    `SELECT provider_grade AS grade, count(*)::int AS count FROM tenants
      WHERE id = ANY($1) AND kind IN ('PARTNER', 'AFFILIATED_COMPANY') GROUP BY provider_grade ORDER BY provider_grade`,
    [[...rows.keys()]],
  );
  const perTenant = [...rows.values()];
  return { rows: perTenant, totals: sumRows(perTenant), providersByGrade, subtreeRootId: filters.subtreeRootId ?? null };
}

function emptyRow(tenantId: string | null): NetworkReportRow {
  return Object.assign(new NetworkReportRow(), {
    tenantId,
    clients: 0,
    cases: 0,
    casesByStep: STEP_ORDER.map((step) => ({ step, count: 0 })),
    casesByTier: Object.values(ServiceTier).map((tier) => ({ tier, count: 0 })),
    openCases: 0,
    casesPastResponseTarget: 0,
    overdueTasks: 0,
    evaluations: 0,
    evaluationScoreSum: 0,
    pendingApprovals: 0,
    oldestPendingApprovalHours: null,
    activeGrants: 0,
  });
}

function sumRows(rows: NetworkReportRow[]): NetworkReportRow {
  const totals = emptyRow(null);
  for (const row of rows) {
    for (const key of ["clients", "cases", "openCases", "casesPastResponseTarget", "overdueTasks", "evaluations", "evaluationScoreSum", "pendingApprovals", "activeGrants"] as const) {
      totals[key] += row[key];
    }
    row.casesByStep.forEach((s, i) => (totals.casesByStep[i].count += s.count));
    row.casesByTier.forEach((s, i) => (totals.casesByTier[i].count += s.count));
    if (row.oldestPendingApprovalHours !== null) {
      totals.oldestPendingApprovalHours = Math.max(totals.oldestPendingApprovalHours ?? 0, row.oldestPendingApprovalHours);
    }
  }
  return totals;
}
