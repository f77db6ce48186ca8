import type { PoolClient } from "pg";
import { groupByKey } from "../src/shared/batch";
import { CITY_PRESIDENT, HQ_PRESIDENT } from "./dataset";

/** Rows the shapes point at, looked up once the data is generated. */
export interface BenchTargets {
  cityTenantId: string;
  /** The city's oldest case (the single-object shape). */
  caseId: string;
  /** The city's client with the long communication log (the 1,000-row shape). */
  clientId: string;
}

/** What the ceiling knows after entering the request: the tenant sets app.enter_request returned. */
export interface EnteredRequest {
  visible_tenant_ids: string[];
}

/**
 * One query shape, written for each arm. `ours` and `peer` are GraphQL documents asking for the
 * same fields; `ceiling` runs, on the request's transaction, the statements our server runs for
 * `ours` and builds the same JSON.
 */
export interface QueryShape {
  name: string;
  /** Who asks: a city centre's president, or head office for the network report. */
  email: string;
  /** Nesting levels of the document that read rows: the target is 1 statement (context) + 1 per level. */
  levels: number;
  ours(targets: BenchTargets): string;
  peer(targets: BenchTargets): string;
  ceiling(db: PoolClient, entered: EnteredRequest, targets: BenchTargets): Promise<unknown>;
}

const CASE_FIELDS = "id title step tier openedAt";
/** PostGraphile names a table's own `id` column `rowId` (its `id` is the global node id). */
const PEER_CASE_FIELDS = "id: rowId title step tier openedAt";
const caseNode = (row: { id: string; title: string; step: string; tier: string; opened_at: Date }) => ({
  id: row.id,
  title: row.title,
  step: row.step,
  tier: row.tier,
  openedAt: row.opened_at.toISOString(),
});
const FIRST_50_CASES = `SELECT id, title, step, tier, opened_at, client_id, consultant_id, tenant_id FROM service_cases
  WHERE tenant_id = ANY($1) ORDER BY opened_at, id LIMIT 51`;

/**
 * The report's per-tenant rows (clients, cases, open cases) in one statement, counting clients and
 * cases from the same monthly rollups our server reads; the peer serves it as a PostgreSQL function
 * (PostGraphile's way to a custom report), the ceiling runs it as is.
 */
export const NETWORK_REPORT_SQL = `
  SELECT t.code, coalesce(cl.n, 0)::int AS clients, coalesce(sc.n, 0)::int AS cases, coalesce(sc.open, 0)::int AS open_cases
    FROM tenants t
    LEFT JOIN (SELECT tenant_id, sum(clients) AS n FROM client_rollups WHERE tenant_id = ANY ((SELECT app.visible_tenant_ids())::uuid[]) GROUP BY tenant_id) cl
      ON cl.tenant_id = t.id
    LEFT JOIN (SELECT tenant_id, sum(cases) AS n, sum(cases) FILTER (WHERE step <> 'ARCHIVED') AS open
                 FROM case_rollups WHERE tenant_id = ANY ((SELECT app.visible_tenant_ids())::uuid[]) GROUP BY tenant_id) sc
      ON sc.tenant_id = t.id
   WHERE t.id = ANY ((SELECT app.visible_tenant_ids())::uuid[])
   ORDER BY t.path`;

export const SHAPES: QueryShape[] = [
  {
    name: "single object by id",
    levels: 1,
    email: CITY_PRESIDENT,
    ours: (t) => `{ serviceCase(id: "${t.caseId}") { ${CASE_FIELDS} } }`,
    peer: (t) => `{ serviceCase: serviceCaseByTenantIdAndRowId(tenantId: "${t.cityTenantId}", rowId: "${t.caseId}") { ${PEER_CASE_FIELDS} } }`,
    async ceiling(db, _entered, t) {
      const { rows } = await db.query("SELECT id, title, step, tier, opened_at FROM service_cases WHERE id = ANY($1)", [[t.caseId]]);
      return { serviceCase: rows[0] ? caseNode(rows[0]) : null };
    },
  },
  {
    name: "50-row list",
    levels: 1,
    email: CITY_PRESIDENT,
    ours: () => `{ serviceCases(first: 50) { edges { node { ${CASE_FIELDS} } } } }`,
    peer: () => `{ serviceCases: allServiceCases(first: 50, orderBy: [OPENED_AT_ASC, ROW_ID_ASC]) { edges { node { ${PEER_CASE_FIELDS} } } } }`,
    async ceiling(db, entered) {
      const { rows } = await db.query(FIRST_50_CASES, [entered.visible_tenant_ids]);
      return { serviceCases: { edges: rows.slice(0, 50).map((row) => ({ node: caseNode(row) })) } };
    },
  },
  {
    // `first` is capped at 100 (DESIGN §7), so the 1,000-row list is an unpaged field that really
    // holds 1,000 rows: a client's communication log.
    name: "1,000-row list",
    levels: 2,
    email: CITY_PRESIDENT,
    ours: (t) => `{ client(id: "${t.clientId}") { name communications { id channel occurredAt summary } } }`,
    peer: (t) =>
      `{ client: clientByTenantIdAndRowId(tenantId: "${t.cityTenantId}", rowId: "${t.clientId}") { name communications: clientCommunicationsByTenantIdAndClientIdList(orderBy: [OCCURRED_AT_ASC, ROW_ID_ASC]) { id: rowId channel occurredAt summary } } }`,
    async ceiling(db, _entered, t) {
      const { rows: clients } = await db.query("SELECT id, name FROM clients WHERE id = ANY($1)", [[t.clientId]]);
      const { rows } = await db.query(
        "SELECT id, channel, occurred_at, summary FROM client_communications WHERE client_id = ANY($1) ORDER BY occurred_at, id",
        [[t.clientId]],
      );
      const communications = rows.map((row) => ({ id: row.id, channel: row.channel, occurredAt: row.occurred_at.toISOString(), summary: row.summary }));
      return { client: clients[0] ? { name: clients[0].name, communications } : null };
    },
  },
  {
    name: "nested list",
    levels: 2,
    email: CITY_PRESIDENT,
    ours: () => "{ serviceCases(first: 50) { edges { node { title client { name } consultant { displayName } tasks { title } } } } }",
    peer: () =>
      `{ serviceCases: allServiceCases(first: 50, orderBy: [OPENED_AT_ASC, ROW_ID_ASC]) { edges { node { title client: clientByTenantIdAndClientId { name }
         consultant: userByConsultantId { displayName } tasks: caseTasksByTenantIdAndCaseIdList(orderBy: [DUE_ON_ASC, ROW_ID_ASC]) { title } } } } }`,
    async ceiling(db, entered) {
      const visible = entered.visible_tenant_ids;
      // Like ours: the page of cases, then their clients and consultants joined in the same statement; then the tasks.
      const { rows } = await db.query(
        `SELECT page.*, cl.name AS client_name, u.display_name AS consultant_name
           FROM (SELECT id, title, opened_at, tenant_id, client_id, consultant_id FROM service_cases
                  WHERE tenant_id = ANY($1) ORDER BY opened_at, id LIMIT 51) page
           LEFT JOIN clients cl ON cl.tenant_id = page.tenant_id AND cl.id = page.client_id
           LEFT JOIN users u ON u.id = page.consultant_id
          ORDER BY page.opened_at, page.id`,
        [visible],
      );
      const cases = rows.slice(0, 50);
      const tasks = await db.query("SELECT case_id, title FROM case_tasks WHERE case_id = ANY($1) ORDER BY due_on, id", [cases.map((c) => c.id)]);
      const tasksOf = groupByKey(
        cases.map((c) => c.id),
        tasks.rows,
        (row) => row.case_id,
      );
      return {
        serviceCases: {
          edges: cases.map((c, index) => ({
            node: {
              title: c.title,
              client: { name: c.client_name },
              consultant: c.consultant_name === null ? null : { displayName: c.consultant_name },
              tasks: tasksOf[index].map((task) => ({ title: task.title })),
            },
          })),
        },
      };
    },
  },
  {
    name: "networkReport (head office)",
    levels: 2,
    email: HQ_PRESIDENT,
    ours: () => "{ networkReport { rows { tenant { code } clients cases openCases } } }",
    peer: () => "{ networkReport: benchPeerNetworkReportList { code clients cases openCases } }",
    async ceiling(db) {
      const { rows } = await db.query(NETWORK_REPORT_SQL);
      return { networkReport: { rows: rows.map((row) => ({ tenant: { code: row.code }, clients: row.clients, cases: row.cases, openCases: row.open_cases })) } };
    },
  },
];
