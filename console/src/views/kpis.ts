import { graphql } from "../api";
import { h, show } from "../dom";
import { formatNumber, t } from "../i18n";
import type { View } from "../main";

interface KpiStatus {
  id: string;
  kpi: string;
  value: number | null;
  target: number;
  meetsTarget: boolean | null;
  sampleSize: number;
  tenant: { code: string };
}

/** Each KPI of each visible tenant against its target, as a bullet chart of the measured ones and a table; misses in red. */
export const kpiView: View = async (root) => {
  const { kpiStatus } = await graphql<{ kpiStatus: KpiStatus[] }>(
    `query Kpis { kpiStatus { id kpi value target meetsTarget sampleSize tenant { code } } }`,
  );
  const chart = h("div", { class: "chart", "data-chart": "kpis" });
  show(
    root,
    h("h2", {}, t.kpis),
    chart,
    h(
      "table",
      { class: "kpis" },
      h("thead", {}, h("tr", {}, [t.tenant, t.kpi, t.value, t.target, ""].map((title) => h("th", {}, title)))),
      h(
        "tbody",
        {},
        kpiStatus.map((status) => {
          const verdict = status.meetsTarget === null ? "unmeasured" : status.meetsTarget ? "met" : "miss";
          return h(
            "tr",
            { class: verdict, "data-tenant-code": status.tenant.code, "data-kpi": status.kpi },
            h("td", {}, status.tenant.code),
            h("td", {}, t.kpiNames[status.kpi] ?? status.kpi),
            h("td", { class: "number" }, status.value === null ? t.noData : `${formatNumber(status.value)}%`),
            h("td", { class: "number" }, `${formatNumber(status.target)}%`),
            h("td", {}, h("meter", { min: 0, max: 100, low: status.target, optimum: 100, value: status.value ?? 0 }), " ", verdict === "miss" ? h("b", {}, t.miss) : verdict === "met" ? t.met : ""),
          );
        }),
      ),
    ),
  );
  const measured = kpiStatus.filter((status) => status.value !== null);
  const { drawBullets } = await import("../charts");
  return drawBullets(
    chart,
    measured.map((status) => ({ label: `${status.tenant.code} · ${t.kpiNames[status.kpi] ?? status.kpi}`, value: status.value!, target: status.target, miss: status.meetsTarget === false })),
  );
};
