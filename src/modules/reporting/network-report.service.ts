import type { MemberSession } from "../../context/request-context";
import { STEP_ORDER } from "../cases/case-workflow";
import { ServiceStep, ServiceTier } from "../cases/service-step";
import { Sql, allOf, identifier, join, query, sql, where } from "../../db/rows/sql";
import { SATISFIED_COMPLAINANT_SCORE, revisitSample } from "./kpi.service";
import { GradeCount, NetworkReport, NetworkReportRow, ProjectFigures, SettlementFigure } from "./network-report.types";
import { ReportScope, ReportScopeFilters, inLocalDatePeriod, inPeriod, inRange, inScope, reportScopeOrThrow } from "./report-scope";

export type NetworkReportFilters = ReportScopeFilters;

/**
 * A period cut at UTC month boundaries: clients and cases are counted from their monthly rollups
 * (migrations CaseRollups, ClientRollups) for the whole months, and from the rows themselves for
 * the partial months at either end. The period's bounds are instants, so a period of local months
 * (Asia/Shanghai's begin at 16:00 UTC the day before) is exact too: its whole UTC months come
 * from the rollups, the hours from local midnight to UTC midnight from the rows (docs/locale.md).
 */
export interface PeriodMonths {
  /** The whole months, [from, to) with null for an open end; null when the period holds no whole month. */
  wholeMonths: { from: Date | null; to: Date | null } | null;
  /** The partial months at either end, each [from, to). */
  partialMonths: { from: Date; to: Date }[];
}

export function splitByMonths(from?: Date, to?: Date): PeriodMonths {
  const monthStart = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const nextMonth = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  const wholeFrom = from ? (monthStart(from).getTime() === from.getTime() ? from : nextMonth(from)) : null;
  const wholeTo = to ? monthStart(to) : null;
  if (from && to && wholeFrom! >= wholeTo!) return { wholeMonths: null, partialMonths: [{ from, to }] };
  const partialMonths = [];
  if (from && from < wholeFrom!) partialMonths.push({ from, to: wholeFrom! });
  if (to && wholeTo! < to) partialMonths.push({ from: wholeTo!, to });
  return { wholeMonths: { from: wholeFrom, to: wholeTo }, partialMonths };
}

/** Figures read together, grouped by tenant over the scope, under RLS like every statement. */
interface Section {
  /** The figures it feeds: it runs when the query asks for any of them. */
  feeds: string[];
  sql(scope: ReportScope, months: PeriodMonths): Sql;
  add(row: NetworkReportRow, figures: Record<string, any>): void;
}

const NONE = sql`FALSE`;

/** "A rollup of the period's whole months, of the scope". */
const inWholeMonths = (scope: ReportScope, { wholeMonths }: PeriodMonths): Sql =>
  wholeMonths ? allOf(inScope(scope), inRange("month_start", wholeMonths.from, wholeMonths.to)) : NONE;

/** "A row of the period's partial months, of the scope", by the row's `column`. */
const inPartialMonths = (scope: ReportScope, { partialMonths }: PeriodMonths, column: string): Sql =>
  partialMonths.length === 0
    ? NONE
    : allOf(inScope(scope), join(partialMonths.map(({ from, to }) => sql`(${inRange(column, from, to)})`), " OR ", "(", ")"));

/** Case rows and rollups of the period, per tenant, step and tier. */
const casesCounted = (scope: ReportScope, months: PeriodMonths) => sql`SELECT tenant_id, step, tier, cases AS n, responded_late AS late FROM case_rollups ${where(inWholeMonths(scope, months))}
  UNION ALL
  SELECT tenant_id, step, tier, 1, coalesce((first_response_at > response_due_at)::int, 0) FROM service_cases ${where(inPartialMonths(scope, months, "opened_at"))}`;

const CASES_BY_STEP_AND_TIER: Section = {
  feeds: ["casesByStep", "casesByTier"],
  sql: (scope, months) =>
    sql`SELECT tenant_id, step, tier, sum(n)::int AS n, sum(late)::int AS responded_late FROM (${casesCounted(scope, months)}) counted GROUP BY tenant_id, step, tier`,
  add(row, f) {
    row.cases += f.n;
    row.casesByStep.find((s) => s.step === f.step)!.count += f.n;
    row.casesByTier.find((s) => s.tier === f.tier)!.count += f.n;
    if (f.step !== ServiceStep.ARCHIVED) row.openCases += f.n;
    row.casesPastResponseTarget += f.responded_late;
  },
};

/** The same counts without the breakdown: one row per tenant instead of one per step and tier. */
const CASE_TOTALS: Section = {
  feeds: ["cases", "openCases", "casesPastResponseTarget"],
  sql: (scope, months) => sql`SELECT tenant_id, sum(n)::int AS n, coalesce(sum(n) FILTER (WHERE step <> ${ServiceStep.ARCHIVED}), 0)::int AS open,
          sum(late)::int AS responded_late FROM (${casesCounted(scope, months)}) counted GROUP BY tenant_id`,
  add(row, f) {
    row.cases += f.n;
    row.openCases += f.open;
    row.casesPastResponseTarget += f.responded_late;
  },
};

const SECTIONS: Section[] = [
  {
    feeds: ["clients"],
    sql: (scope, months) => sql`SELECT tenant_id, sum(n)::int AS n FROM (
        SELECT tenant_id, clients AS n FROM client_rollups ${where(inWholeMonths(scope, months))}
        UNION ALL
        SELECT tenant_id, 1 FROM clients ${where(inPartialMonths(scope, months, "created_at"))}
      ) counted GROUP BY tenant_id`,
    add: (row, f) => (row.clients = f.n),
  },
  {
    feeds: ["casesPastResponseTarget"],
    sql: (scope) => sql`SELECT tenant_id, count(*)::int AS n FROM service_cases
      ${where(inScope(scope), sql`first_response_at IS NULL AND response_due_at < now()`, inPeriod(scope, "opened_at"))} GROUP BY tenant_id`,
    add: (row, f) => (row.casesPastResponseTarget += f.n),
  },
  {
    feeds: ["overdueTasks"],
    sql: (scope) => sql`SELECT tenant_id, count(*)::int AS n FROM case_tasks
      ${where(inScope(scope), sql`status IN ('OPEN','IN_PROGRESS') AND due_on < (now() AT TIME ZONE ${scope.timeZone})::date`, inLocalDatePeriod(scope, "due_on"))}
      GROUP BY tenant_id`,
    add: (row, f) => (row.overdueTasks = f.n),
  },
  {
    feeds: ["evaluations", "meanQualityScore"],
    sql: (scope) => sql`SELECT tenant_id, count(*)::int AS n, sum(mean_score)::float AS score_sum FROM case_evaluations
      ${where(inScope(scope), inPeriod(scope, "evaluated_at"))} GROUP BY tenant_id`,
    add(row, f) {
      row.evaluations = f.n;
      row.evaluationScoreSum = f.score_sum;
    },
  },
  {
    feeds: ["pendingApprovals", "oldestPendingApprovalHours"],
    sql: (scope) => sql`SELECT tenant_id, count(*)::int AS n, extract(epoch FROM now() - min(created_at))::float / 3600 AS oldest_hours
       FROM approval_requests ${where(inScope(scope), sql`status = 'PENDING'`, inPeriod(scope, "created_at"))} GROUP BY tenant_id`,
    add(row, f) {
      row.pendingApprovals = f.n;
      row.oldestPendingApprovalHours = Math.round(f.oldest_hours * 10) / 10;
    },
  },
  {
    feeds: ["activeGrants"],
    sql: (scope) => sql`SELECT tenant_id, count(*)::int AS n FROM grants
      ${where(inScope(scope), sql`status = 'APPROVED' AND now() >= valid_from AND now() < valid_until`, inPeriod(scope, "approved_at"))}
      GROUP BY tenant_id`,
    add: (row, f) => (row.activeGrants = f.n),
  },
  {
    feeds: ["archivedCases", "revisitedCases", "revisitRate"],
    sql: revisitSample,
    add(row, f) {
      row.archivedCases = f.n;
      row.revisitedCases = f.ok;
    },
  },
  {
    feeds: ["complaints", "openComplaints", "ratedComplaints", "complaintSatisfaction", "disputeHandlingSatisfaction"],
    sql: (scope) => sql`SELECT tenant_id, count(*)::int AS n, count(*) FILTER (WHERE status <> 'RESOLVED')::int AS open,
            count(satisfaction)::int AS rated, coalesce(sum(satisfaction), 0)::int AS satisfaction_sum,
            count(*) FILTER (WHERE satisfaction >= ${SATISFIED_COMPLAINANT_SCORE})::int AS satisfied
       FROM complaints ${where(inScope(scope), inPeriod(scope, "created_at"))} GROUP BY tenant_id`,
    add(row, f) {
      row.complaints = f.n;
      row.openComplaints = f.open;
      row.ratedComplaints = f.rated;
      row.complaintSatisfactionSum = f.satisfaction_sum;
      row.satisfiedComplaints = f.satisfied;
    },
  },
  {
    feeds: ["feeSettlements"],
    sql: (scope) => sql`SELECT tenant_id, status, currency, count(*)::int AS n, sum(amount_minor)::text AS amount
       FROM fee_settlements ${where(inScope(scope), inPeriod(scope, "created_at"))} GROUP BY tenant_id, status, currency`,
    add: (row, f) => row.feeSettlements.push(settlementFigure(f)),
  },
  {
    feeds: ["interCentreSettlements"],
    sql: (scope) => sql`SELECT tenant_id, status, currency, count(*)::int AS n, sum(total_minor)::text AS amount
       FROM inter_centre_settlements ${where(inScope(scope), inPeriod(scope, "period_from"))} GROUP BY tenant_id, status, currency`,
    add: (row, f) => row.interCentreSettlements.push(settlementFigure(f)),
  },
  {
    feeds: ["projects"],
    sql: (scope) => sql`SELECT p.tenant_id, p.currency,
            count(*) FILTER (WHERE p.stage <> 'ACCEPTED')::int AS active, count(*) FILTER (WHERE p.stage = 'ACCEPTED')::int AS accepted,
            coalesce(sum(n.open), 0)::int AS open_rectifications, coalesce(sum(n.overdue), 0)::int AS overdue_rectifications,
            coalesce(sum(t.overdue), 0)::int AS overdue_tasks, count(*)::int AS n, sum(p.budget_minor)::text AS budget, coalesce(sum(c.cost), 0)::text AS cost
       FROM (SELECT * FROM operation_projects ${where(inScope(scope), inPeriod(scope, "created_at"))}) p
       LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE status <> 'VERIFIED') AS open, count(*) FILTER (WHERE status <> 'VERIFIED' AND due_on < current_date) AS overdue
                            FROM rectification_notices WHERE tenant_id = p.tenant_id AND project_id = p.id) n ON true
       LEFT JOIN LATERAL (SELECT count(*) AS overdue FROM project_tasks
                           WHERE tenant_id = p.tenant_id AND project_id = p.id AND status IN ('OPEN','IN_PROGRESS') AND due_on < current_date) t ON true
       LEFT JOIN LATERAL (SELECT sum(amount_minor) AS cost FROM project_costs WHERE tenant_id = p.tenant_id AND project_id = p.id) c ON true
       GROUP BY p.tenant_id, p.currency`,
    add: (row, f) => addProjectFigures(row.projects, f),
  },
];

/** Adds one tenant's figures in one currency. */
function addProjectFigures(into: ProjectFigures, f: Record<string, any>): void {
  into.active += f.active;
  into.accepted += f.accepted;
  into.openRectifications += f.open_rectifications;
  into.overdueRectifications += f.overdue_rectifications;
  into.overdueTasks += f.overdue_tasks;
  const same = into.budgets.find((b) => b.currency === f.currency);
  if (!same) into.budgets.push({ currency: f.currency, projects: f.n, budgetMinor: f.budget, costMinor: f.cost });
  else {
    same.projects += f.n;
    same.budgetMinor = (BigInt(same.budgetMinor) + BigInt(f.budget)).toString();
    same.costMinor = (BigInt(same.costMinor) + BigInt(f.cost)).toString();
  }
}

/**
 * Every section the query asks for, in one statement (each a JSON array of its rows), so the
 * report costs the same three statements whatever it selects and however many tenants it covers:
 * entering the request, the scope's tenants, the figures. Every section runs under RLS too: a
 * total only ever adds up rows the caller may read.
 */
export async function buildNetworkReport(
  session: MemberSession,
  filters: NetworkReportFilters,
  /** The figures the query selects; every figure when absent (the CSV export). */
  wanted?: ReadonlySet<string>,
): Promise<NetworkReport> {
  const scope = await reportScopeOrThrow(session, filters);
  const rows = new Map(scope.tenants.map(({ id }) => [id, emptyRow(id)]));
  const asked = (section: Section) => !wanted || section.feeds.some((figure) => wanted.has(figure));
  const cases = asked(CASES_BY_STEP_AND_TIER) ? [CASES_BY_STEP_AND_TIER] : asked(CASE_TOTALS) ? [CASE_TOTALS] : [];
  const chosen = [...cases, ...SECTIONS.filter(asked)];
  if (chosen.length > 0) {
    const months = splitByMonths(scope.from ?? undefined, scope.to ?? undefined);
    const columns = chosen.map((section, i) => sql`(SELECT coalesce(json_agg(s), '[]') FROM (${section.sql(scope, months)}) s) AS ${identifier(`s${i}`)}`);
    const [figures] = await query(session.db, sql`SELECT ${join(columns, ",\n")}`);
    chosen.forEach((section, i) => {
      for (const tenantFigures of figures[`s${i}`]) {
        // A parent also reads some rows of children outside its visible set (parent_read); the report covers the visible set only.
        const row = rows.get(tenantFigures.tenant_id);
        if (row) section.add(row, tenantFigures);
      }
    });
  }

  const providersByGrade = !wanted || wanted.has("providersByGrade")
    ? await query<GradeCount>(
        session.db,
        sql`SELECT provider_grade AS grade, count(*)::int AS count FROM tenants
          WHERE id = ANY(${[...rows.keys()]}) AND kind IN ('PARTNER', 'AFFILIATED_COMPANY') GROUP BY provider_grade ORDER BY provider_grade`,
      )
    : [];
  const perTenant = [...rows.values()];
  return {
    rows: perTenant,
    totals: sumRows(perTenant),
    providersByGrade,
    subtreeRootId: filters.subtreeRootId ?? null,
    timeZone: scope.timeZone,
    from: scope.from,
    to: scope.to,
  };
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
    archivedCases: 0,
    revisitedCases: 0,
    complaints: 0,
    openComplaints: 0,
    ratedComplaints: 0,
    complaintSatisfactionSum: 0,
    satisfiedComplaints: 0,
    feeSettlements: [],
    interCentreSettlements: [],
    projects: { active: 0, accepted: 0, openRectifications: 0, overdueRectifications: 0, overdueTasks: 0, budgets: [] },
  });
}

function settlementFigure(f: Record<string, any>): SettlementFigure {
  return { status: f.status, currency: f.currency, count: f.n, amountMinor: f.amount };
}

/** Sums figures of the same status and currency; amounts are minor units, added exactly as bigints. */
function addSettlementFigures(into: SettlementFigure[], figures: SettlementFigure[]): void {
  for (const figure of figures) {
    const same = into.find((f) => f.status === figure.status && f.currency === figure.currency);
    if (!same) into.push({ ...figure });
    else {
      same.count += figure.count;
      same.amountMinor = (BigInt(same.amountMinor) + BigInt(figure.amountMinor)).toString();
    }
  }
}

const SUMMED_FIGURES = [
  "clients",
  "cases",
  "openCases",
  "casesPastResponseTarget",
  "overdueTasks",
  "evaluations",
  "evaluationScoreSum",
  "pendingApprovals",
  "activeGrants",
  "archivedCases",
  "revisitedCases",
  "complaints",
  "openComplaints",
  "ratedComplaints",
  "complaintSatisfactionSum",
  "satisfiedComplaints",
] as const;

function sumRows(rows: NetworkReportRow[]): NetworkReportRow {
  const totals = emptyRow(null);
  for (const row of rows) {
    for (const key of SUMMED_FIGURES) totals[key] += row[key];
    addSettlementFigures(totals.feeSettlements, row.feeSettlements);
    addSettlementFigures(totals.interCentreSettlements, row.interCentreSettlements);
    for (const budget of row.projects.budgets) {
      addProjectFigures(totals.projects, {
        active: 0,
        accepted: 0,
        open_rectifications: 0,
        overdue_rectifications: 0,
        overdue_tasks: 0,
        currency: budget.currency,
        n: budget.projects,
        budget: budget.budgetMinor,
        cost: budget.costMinor,
      });
    }
    totals.projects.active += row.projects.active;
    totals.projects.accepted += row.projects.accepted;
    totals.projects.openRectifications += row.projects.openRectifications;
    totals.projects.overdueRectifications += row.projects.overdueRectifications;
    totals.projects.overdueTasks += row.projects.overdueTasks;
    row.casesByStep.forEach((s, i) => (totals.casesByStep[i].count += s.count));
    row.casesByTier.forEach((s, i) => (totals.casesByTier[i].count += s.count));
    if (row.oldestPendingApprovalHours !== null) {
      totals.oldestPendingApprovalHours = Math.max(totals.oldestPendingApprovalHours ?? 0, row.oldestPendingApprovalHours);
    }
  }
  return totals;
}
