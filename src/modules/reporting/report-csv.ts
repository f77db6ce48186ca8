import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import { Readable } from "node:stream";
import type { MemberSession } from "../../context/request-context";
import type { HttpRoute } from "../../http/http-route";
import { dateFilterOrThrow } from "../../shared/date-time";
import { badUserInput } from "../../shared/errors";
import { negotiateLanguage } from "../../shared/language";
import { startOfLocalDate, timeZoneOrThrow, zoneOffsetMs } from "../../shared/local-time";
import { spreadsheetRow } from "../../shared/spreadsheet-cells";
import { Tenant } from "../tenancy/tenant.entity";
import { STEP_ORDER } from "../cases/case-workflow";
import { ServiceTier } from "../cases/service-step";
import { TenantKind } from "../../context/tenant-kind";
import { buildKpiStatus } from "./kpi.service";
import { buildNetworkReport } from "./network-report.service";
import type { NetworkReportRow, SettlementFigure } from "./network-report.types";
import { reportHeaderLabel } from "./report-labels";
import type { ReportScopeFilters } from "./report-scope";

/** A report as a spreadsheet: a header and the rows, computed under the caller's own session. */
export interface CsvReport {
  header: string[];
  rows(session: MemberSession, query: URLSearchParams): Promise<unknown[][]>;
}

/**
 * The period of a download's query string: `from` and `to` as dates (YYYY-MM-DD, the local day's
 * first instant in the report's time zone) or date-times with their offset, or `month` (YYYY-MM,
 * local), and `timeZone` (IANA; the acting tenant's when absent).
 */
async function periodParams(session: MemberSession, query: URLSearchParams): Promise<Pick<ReportScopeFilters, "from" | "to" | "month" | "timeZone">> {
  const timeZone = await reportTimeZone(session, query);
  const date = (name: string): Date | undefined => {
    const text = query.get(name);
    if (text === null) return undefined;
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      dateFilterOrThrow(text, name);
      return startOfLocalDate(text, timeZone);
    }
    return dateFilterOrThrow(text, name);
  };
  return { from: date("from"), to: date("to"), month: query.get("month") ?? undefined, timeZone };
}

/** The report's time zone: the `timeZone` parameter, or the acting tenant's. */
async function reportTimeZone({ loaders, acting }: MemberSession, query: URLSearchParams): Promise<string> {
  const named = query.get("timeZone");
  return named === null ? ((await loaders.tenancy.tenantById.load(acting.tenantId)) as Tenant).timeZone : timeZoneOrThrow(named, "timeZone");
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
  ["projects_active", (row) => row.projects.active],
  ["projects_accepted", (row) => row.projects.accepted],
  ["open_rectifications", (row) => row.projects.openRectifications],
  ["overdue_rectifications", (row) => row.projects.overdueRectifications],
  ["overdue_project_tasks", (row) => row.projects.overdueTasks],
  ["project_budgets", (row) => row.projects.budgets.map((b) => `${b.currency} ${b.projects} ${b.budgetMinor} ${b.costMinor}`).join("; ")],
];

/**
 * Settlements in one cell, `STATUS CURRENCY count amount_minor` joined by `; ` (the currencies vary
 * by row); project budgets likewise, `CURRENCY projects budget_minor cost_minor`.
 */
function settlementCell(figures: SettlementFigure[]): string {
  return figures.map((f) => `${f.status} ${f.currency} ${f.count} ${f.amountMinor}`).join("; ");
}

/** `GET /reports/network-report.csv?from=&to=&month=&timeZone=&tenantKind=&subtreeRootId=`: the networkReport, row for row. */
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
      ...(await periodParams(session, query)),
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

/** `GET /reports/kpi-status.csv?from=&to=&month=&timeZone=&subtreeRootId=`: kpiStatus, one line per tenant and KPI. */
const kpiStatusCsv: CsvReport = {
  header: ["tenant_code", "tenant_name", "kpi", "value_percent", "target_percent", "target_set_by", "meets_target", "sample_size", "period_from", "period_to"],
  async rows(session, query) {
    const statuses = await buildKpiStatus(session, {
      ...(await periodParams(session, query)),
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
      s.period.from ? new Date(s.period.from) : null,
      s.period.to ? new Date(s.period.to) : null,
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

/**
 * `GET /reports/<name>.csv` for every report: same token, acting member, transaction and RLS as
 * GraphQL. A byte-order mark leads, so Excel reads the UTF-8 (Chinese names) as UTF-8; a date-time
 * is ISO 8601 with its offset.
 */
const csvRoutes: HttpRoute[] = Object.entries(CSV_REPORTS).map(([name, report]) => ({
  method: "GET",
  path: new RegExp(`^/reports/${name}\\.csv$`),
  async answer(session, { url }) {
    const rows = await report.rows(session, url.searchParams);
    return {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}.csv"` },
      body: Readable.from(rows).pipe(stringify({ bom: true, header: true, columns: report.header, cast: { date: (date) => date.toISOString() } })),
    };
  },
}));

/**
 * `GET /reports/<name>.xlsx` for every report: the CSV's rows as a workbook, numbers as numbers,
 * date-times as dates (the wall time in the report's time zone, which the header names), the
 * header row in the caller's language (Accept-Language).
 */
const workbookRoutes: HttpRoute[] = Object.entries(CSV_REPORTS).map(([name, report]) => ({
  method: "GET",
  path: new RegExp(`^/reports/${name}\\.xlsx$`),
  async answer(session, { url, headers }) {
    const timeZone = await reportTimeZone(session, url.searchParams);
    const rows = await report.rows(session, url.searchParams);
    const language = negotiateLanguage(headers["accept-language"]);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(name.slice(0, 31));
    const dated = new Set(rows.flatMap((row) => row.flatMap((cell, i) => (cell instanceof Date ? [i] : []))));
    sheet.addRow(spreadsheetRow(report.header.map((column, i) => (dated.has(i) ? `${reportHeaderLabel(column, language)} (${timeZone})` : reportHeaderLabel(column, language)))));
    sheet.getRow(1).font = { bold: true };
    for (const row of rows) sheet.addRow(row.map((cell) => workbookCell(cell, timeZone)));
    for (const i of dated) sheet.getColumn(i + 1).numFmt = "yyyy-mm-dd hh:mm:ss";
    return {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="${name}.xlsx"`,
      },
      body: Buffer.from(await workbook.xlsx.writeBuffer()),
    };
  },
}));

/** A spreadsheet-safe value as a workbook cell: a date at its wall time in the zone (a workbook's dates have none), null as an empty cell. */
function workbookCell(value: unknown, timeZone: string): ExcelJS.CellValue {
  if (value instanceof Date) return new Date(value.getTime() + zoneOffsetMs(value, timeZone));
  if (value === null || value === undefined) return null;
  return value as ExcelJS.CellValue;
}

export const CSV_REPORT_ROUTES: HttpRoute[] = [...csvRoutes, ...workbookRoutes];

/** Every export's columns, for the test that each has a label. */
export const EXPORT_COLUMNS: readonly string[] = [...new Set(Object.values(CSV_REPORTS).flatMap((report) => report.header))];
