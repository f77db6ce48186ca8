import { downloadCsv, graphql } from "../api";
import { h, show } from "../dom";
import { STEP_ORDER, formatNumber, language, t } from "../i18n";

const monthNames = new Intl.DateTimeFormat(language, { year: "numeric", month: "short", timeZone: "UTC" });
import type { View } from "../main";

interface ReportRow {
  tenant: { id: string; code: string } | null;
  clients: number;
  cases: number;
  openCases: number;
  casesByStep: { step: string; count: number }[];
}

/** The networkReport over a period: cases by step per tenant as stacked bars, the rows as a table, and the CSV. */
export const reportView: View = async (root) => {
  const from = h("input", { type: "date", name: "from" });
  const to = h("input", { type: "date", name: "to" });
  const body = h("div", {});
  let dispose: (() => void) | undefined;

  function period(): Record<string, string> {
    const result: Record<string, string> = {};
    if (from.value) result.from = `${from.value}T00:00:00.000Z`;
    if (to.value) result.to = `${to.value}T00:00:00.000Z`;
    return result;
  }

  /**
   * The six UTC months up to the period's end (or now), as one query of aliased networkReports;
   * whole UTC months are what the server's monthly rollups answer.
   */
  async function monthly(): Promise<{ months: string[]; clients: number[]; cases: number[] }> {
    const end = to.value ? new Date(`${to.value}T00:00:00.000Z`) : new Date();
    const starts = [5, 4, 3, 2, 1, 0].map((back) => new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - back, 1)));
    const ends = starts.map((start) => new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)));
    const fields = starts.map((start, i) => `m${i}: networkReport(from: "${start.toISOString()}", to: "${ends[i].toISOString()}") { totals { clients cases } }`);
    const data = await graphql<Record<string, { totals: { clients: number; cases: number } }>>(`query ReportByMonth { ${fields.join(" ")} }`);
    const totals = starts.map((_, i) => data[`m${i}`].totals);
    return {
      months: starts.map((start) => monthNames.format(start)),
      clients: totals.map((total) => total.clients),
      cases: totals.map((total) => total.cases),
    };
  }

  async function load(): Promise<void> {
    const { networkReport } = await graphql<{ networkReport: { rows: ReportRow[]; totals: ReportRow } }>(
      `query Report($from: DateTimeISO, $to: DateTimeISO) {
        networkReport(from: $from, to: $to) {
          rows { tenant { id code } clients cases openCases casesByStep { step count } }
          totals { clients cases openCases casesByStep { step count } }
        }
      }`,
      period(),
    );
    const byMonth = await monthly();
    const shownPeriod = JSON.stringify(period());
    dispose?.();
    // ECharts loads with the first report, so the other views start without it.
    const { drawLines, drawStackedBars } = await import("../charts");
    const rows = networkReport.rows.filter((row) => row.tenant);
    const chart = h("div", { class: "chart", "data-chart": "cases-by-step" });
    const lines = h("div", { class: "chart", "data-chart": "over-months" });
    const countOf = (row: ReportRow, step: string) => row.casesByStep.find((entry) => entry.step === step)?.count ?? 0;
    show(
      body,
      h("h3", {}, t.casesByStep),
      h("ul", { class: "legend" }, STEP_ORDER.map((step, index) => h("li", {}, h("i", { class: `swatch swatch-${index}` }), t.steps[step]))),
      chart,
      h(
        "table",
        { class: "report" },
        h("thead", {}, h("tr", {}, [t.tenant, t.clients, t.cases, t.openCases].map((title) => h("th", {}, title)))),
        h(
          "tbody",
          {},
          rows.map((row) =>
            h("tr", { "data-tenant-code": row.tenant!.code }, h("td", {}, row.tenant!.code), ...[row.clients, row.cases, row.openCases].map((n) => h("td", { class: "number" }, formatNumber(n)))),
          ),
        ),
        h("tfoot", {}, h("tr", {}, h("th", {}, t.totals), ...[networkReport.totals.clients, networkReport.totals.cases, networkReport.totals.openCases].map((n) => h("th", { class: "number" }, formatNumber(n))))),
      ),
      h("h3", {}, t.overMonths),
      lines,
    );
    // Empty segments are left out (null) so that each drawn bar is a real count.
    const disposers = [
      drawStackedBars(chart, {
        categories: rows.map((row) => row.tenant!.code),
        series: STEP_ORDER.map((step) => ({ name: t.steps[step], values: rows.map((row) => countOf(row, step) || null) })),
      }),
      drawLines(lines, {
        categories: byMonth.months,
        series: [
          { name: t.clients, values: byMonth.clients },
          { name: t.cases, values: byMonth.cases },
        ],
      }),
    ];
    dispose = () => disposers.forEach((dispose) => dispose());
    // Which period is on screen, for a reader's tools (and the browser tests) to wait for.
    body.setAttribute("data-period", shownPeriod);
  }

  async function download(): Promise<void> {
    const query = new URLSearchParams(period());
    await downloadCsv(`/reports/network-report.csv?${query}`, "network-report.csv");
  }

  show(
    root,
    h("h2", {}, t.report),
    h(
      "form",
      { class: "period", onsubmit: (event: Event) => { event.preventDefault(); void load(); } },
      h("label", {}, t.from, from),
      h("label", {}, t.to, to),
      h("button", { type: "submit" }, t.apply),
      h("button", { type: "button", name: "csv", onclick: () => void download() }, t.downloadCsv),
    ),
    body,
  );
  await load();
  return () => dispose?.();
};
