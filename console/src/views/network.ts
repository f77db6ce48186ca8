import { graphql } from "../api";
import { h, show } from "../dom";
import { formatNumber, t } from "../i18n";
import type { View } from "../main";

interface Tenant {
  id: string;
  code: string;
  name: string;
  kind: string;
  status: string | null;
  providerGrade: number | null;
  depth: number;
}

interface Headline {
  tenant: { id: string } | null;
  clients: number;
  cases: number;
  openCases: number;
  pendingApprovals: number;
}

/** The visible tenant tree (the API's tree order and depth), each with its headline figures. */
export const networkView: View = async (root) => {
  const data = await graphql<{ tenants: { edges: { node: Tenant }[] }; networkReport: { rows: Headline[] } }>(
    `query Network {
      tenants(first: 100) { edges { node { id code name kind status providerGrade depth } } }
      networkReport { rows { tenant { id } clients cases openCases pendingApprovals } }
    }`,
  );
  const figures = new Map(data.networkReport.rows.map((row) => [row.tenant?.id, row]));
  const tenants = data.tenants.edges.map((edge) => edge.node);
  const minDepth = Math.min(...tenants.map((tenant) => tenant.depth));
  show(
    root,
    h("h2", {}, t.network),
    h(
      "table",
      { class: "network" },
      h("thead", {}, h("tr", {}, [t.tenant, t.kind, t.status, t.grade, t.clients, t.cases, t.openCases, t.pendingApprovals].map((title) => h("th", {}, title)))),
      h(
        "tbody",
        {},
        tenants.map((tenant) => {
          const row = figures.get(tenant.id);
          return h(
            "tr",
            { "data-tenant-code": tenant.code },
            h("td", { class: `depth-${Math.min(tenant.depth - minDepth, 4)}` }, h("b", {}, tenant.code), " ", tenant.name),
            h("td", {}, tenant.kind),
            h("td", {}, tenant.status ?? "—"),
            h("td", { class: "number" }, formatNumber(tenant.providerGrade)),
            h("td", { class: "number" }, formatNumber(row?.clients)),
            h("td", { class: "number" }, formatNumber(row?.cases)),
            h("td", { class: "number" }, formatNumber(row?.openCases)),
            h("td", { class: "number" }, formatNumber(row?.pendingApprovals)),
          );
        }),
      ),
    ),
  );
};
