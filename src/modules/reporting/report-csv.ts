import { stringify } from "csv-stringify";
import { Readable } from "node:stream";
import type { MemberSession } from "../../context/request-context";
import type { HttpRoute } from "../../http/http-route";
import { dateFilterOrThrow } from "../../shared/date-time";
import { badUserInput } from "../../shared/errors";
import { spreadsheetRow } from "../../shared/spreadsheet-cells";
import { STEP_ORDER } from "../cases/case-workflow";
import { ServiceTier } from "../cases/service-step";
import { TenantKind } from "../../context/tenant-kind";
import { buildKpiStatus } from "./kpi.service";
import { buildNetworkReport } from "./network-report.service";
import type { NetworkReportRow, SettlementFigure } from "./network-report.types";

/** A report as a spreadsheet: a header and the rows, computed under the caller's own session. */
export interface CsvReport {
  header: string[];
  rows(session: MemberSession, query: URLSearchParams): Promise<unknown[][]>;
}

function dateParam(query: URLSearchParams, name: string): Date | undefined {
  const text = query.get(name);
  return text === null ? undefined : dateFilterOrThrow(text, name);
}

function tenantKindParam(query: URLSearchParams): TenantKind | undefined {
  const kind = query.get("tenantKind");
  if (kind === null) return undefined;
  if (!Object.values(TenantKind).includes(kind as TenantKind)) throw badUserInput("tenantKind is not a tenant kind", "tenantKind");
  return kind as TenantKind;
}

const NETWORK_FIGURES: [string, (row: NetworkReportRow) => unknown][] = [
  ["clients", (row) => row.clients],
  ["cases", (row) => row.cases],
  ["open_cases", (row) => row.openCases],
  ["cases_past_response_target", (row) => row.casesPastResponseTarget],
  ["overdue_tasks", (row) => row.overdueTasks],
  ["evaluations", (row) => row.evaluations],
  ["mean_quality_score", (row) => row.meanQualityScore],
  ["pending_approvals", (row) => row.pendingApprovals],
  ["oldest_pending_approval_hours", (row) => row.oldestPendingApprovalHours],
  ["active_grants", (row) => row.activeGrants],
  ["archived_cases", (row) => row.archivedCases],
  ["revisited_cases", (row) => row.revisitedCases],
  ["revisit_rate", (row) => row.revisitRate],
  ["complaints", (row) => row.complaints],
  ["open_complaints", (row) => row.openComplaints],
  ["rated_complaints", (row) => row.ratedComplaints],
  ["complaint_satisfaction", (row) => row.complaintSatisfaction],
  ["dispute_handling_satisfaction", (row) => row.disputeHandlingSatisfaction],
  ["fee_settlements", (row) => settlementCell(row.feeSettlements)],
  ["inter_centre_settlements", (row) => settlementCell(row.interCentreSettlements)],
];

/** Settlements in one cell, `STATUS CURRENCY count amount_minor` joined by `; ` (the currencies vary by row). */
function settlementCell(figures: SettlementFigure[]): string {
  return figures.map((f) => `${f.status} ${f.currency} ${f.count} ${f.amountMinor}`).join("; ");
}

/** `GET /reports/network-report.csv?from=&to=&tenantKind=&subtreeRootId=`: the networkReport, row for row. */
const networkReportCsv: CsvReport = {
  header: [
    "tenant_code",
    "tenant_name",
    "tenant_kind",
    ...NETWORK_FIGURES.map(([name]) => name),
    ...STEP_ORDER.map((step) => `cases_${step.toLowerCase()}`),
    ...Object.values(ServiceTier).map((tier) => `cases_${tier.toLowerCase()}`),
  ],
  async rows(session, query) {
    const report = await buildNetworkReport(session, {
      from: dateParam(query, "from"),
      to: dateParam(query, "to"),
      tenantKind: tenantKindParam(query),
      subtreeRootId: query.get("subtreeRootId") ?? undefined,
    });
    const tenants = await session.loaders.tenancy.tenantById.loadMany(report.rows.map((row) => row.tenantId as string));
    const line = (row: NetworkReportRow, identity: unknown[]) => [
      ...identity,
      ...NETWORK_FIGURES.map(([, value]) => value(row)),
      ...row.casesByStep.map((s) => s.count),
      ...row.casesByTier.map((s) => s.count),
    ];
    return [
      ...report.rows.map((row, i) => {
        const tenant = tenants[i] as { code: string; name: string; kind: string };
        return line(row, [tenant.code, tenant.name, tenant.kind]);
      }),
      line(report.totals, ["TOTAL", "All tenants in the report", ""]),
    ];
  },
};

/** `GET /reports/kpi-status.csv?from=&to=&subtreeRootId=`: kpiStatus, one line per tenant and KPI. */
const kpiStatusCsv: CsvReport = {
  header: ["tenant_code", "tenant_name", "kpi", "value_percent", "target_percent", "target_set_by", "meets_target", "sample_size"],
  async rows(session, query) {
    const statuses = await buildKpiStatus(session, {
      from: dateParam(query, "from"),
      to: dateParam(query, "to"),
      subtreeRootId: query.get("subtreeRootId") ?? undefined,
    });
    const ids = [...new Set(statuses.flatMap((s) => [s.tenantId, s.targetTenantId ?? s.tenantId]))];
    const tenants = new Map(ids.map((id, i) => [id, i]));
    const loaded = (await session.loaders.tenancy.tenantById.loadMany(ids)) as ({ code: string; name: string } | null)[];
    const tenantOf = (id: string) => loaded[tenants.get(id)!];
    return statuses.map((s) => [
      tenantOf(s.tenantId)?.code,
      tenantOf(s.tenantId)?.name,
      s.kpi,
      s.value,
      s.target,
      s.targetTenantId ? tenantOf(s.targetTenantId)?.code : "network default",
      s.meetsTarget,
      s.sampleSize,
    ]);
  },
};

/** A report whose every cell, header included, has passed through spreadsheetCell: whichever format writes it, no cell runs as a formula. */
function spreadsheetSafe(report: CsvReport): CsvReport {
  return {
    header: spreadsheetRow(report.header) as string[],
    async rows(session, query) {
      return (await report.rows(session, query)).map(spreadsheetRow);
    },
  };
}

/** The reports by name, each spreadsheet-safe: every export (the CSV routes below, any later format) reads its rows from here. */
const CSV_REPORTS: Record<string, CsvReport> = {
  "network-report": spreadsheetSafe(networkReportCsv),
  "kpi-status": spreadsheetSafe(kpiStatusCsv),
};

/** `GET /reports/<name>.csv` for every report: same token, acting member, transaction and RLS as GraphQL. */
export const CSV_REPORT_ROUTES: HttpRoute[] = Object.entries(CSV_REPORTS).map(([name, report]) => ({
  method: "GET",
  path: new RegExp(`^/reports/${name}\\.csv$`),
  async answer(session, { url }) {
    const rows = await report.rows(session, url.searchParams);
    return {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}.csv"` },
      body: Readable.from(rows).pipe(stringify({ header: true, columns: report.header })),
    };
  },
}));
