import { parse as parseCsv } from "csv-parse/sync";
import { Client } from "pg";
import { demoId } from "../../src/seed/demo-data";
import { TestApp, errorCode, startTestApp } from "../support/test-app";
import { DEMO_EMAILS, VISIBLE_TENANTS } from "../support/demo-network";

let t: TestApp;
let counts: Record<string, { clients: number; cases: number }>;

beforeAll(async () => {
  t = await startTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });
  const { rows } = await t.database.owner.query(`
    SELECT t.code,
           (SELECT count(*)::int FROM clients c WHERE c.tenant_id = t.id) AS clients,
           (SELECT count(*)::int FROM service_cases s WHERE s.tenant_id = t.id) AS cases
      FROM tenants t`);
  counts = Object.fromEntries(rows.map((r: { code: string; clients: number; cases: number }) => [r.code, r]));
});
afterAll(() => t.stop());

const REPORT = `query($from: DateTimeISO, $to: DateTimeISO, $kind: TenantKind, $root: ID) {
  networkReport(from: $from, to: $to, tenantKind: $kind, subtreeRootId: $root) {
    rows { tenant { code } clients cases openCases casesByStep { step count } meanQualityScore pendingApprovals }
    totals { tenant { code } clients cases openCases casesByStep { step count } meanQualityScore pendingApprovals }
  }
}`;
const report = async (email: string, variables: Record<string, unknown> = {}) =>
  t.graphql(REPORT, variables, { token: await t.login(email) });

describe.each(DEMO_EMAILS)("networkReport as %s", (email) => {
  it("has one row per visible tenant and totals of exactly those rows", async () => {
    const response = await report(email);
    expect(response.errors).toBeUndefined();
    const { rows, totals } = response.data.networkReport;
    const visible = VISIBLE_TENANTS[email];
    expect(rows.map((r: any) => r.tenant.code).sort()).toEqual([...visible].sort());
    for (const row of rows) expect({ clients: row.clients, cases: row.cases }).toEqual({ clients: counts[row.tenant.code].clients, cases: counts[row.tenant.code].cases });
    expect(totals.tenant).toBeNull();
    expect(totals.clients).toBe(visible.reduce((sum, code) => sum + counts[code].clients, 0));
    expect(totals.cases).toBe(visible.reduce((sum, code) => sum + counts[code].cases, 0));
    expect(totals.casesByStep.reduce((sum: number, s: { count: number }) => sum + s.count, 0)).toBe(totals.cases);
  });
});

describe("networkReport", () => {
  it("a city centre's totals never include a sibling's rows", async () => {
    const { totals } = (await report("consultant@cn-sz.demo")).data.networkReport;
    expect(totals.cases).toBe(counts["CN-SZ"].cases);
    expect(totals.clients).toBe(counts["CN-SZ"].clients);
  });

  it("head office sees every step in the demo network, with a mean quality score", async () => {
    const { totals } = (await report("president@hq.demo")).data.networkReport;
    for (const step of totals.casesByStep) expect(step.count).toBeGreaterThanOrEqual(3);
    expect(totals.meanQualityScore).toBeCloseTo(4.67, 2);
    expect(totals.pendingApprovals).toBeGreaterThanOrEqual(4);
  });

  it("filters by tenant kind and by a visible subtree root; an invisible root looks missing", async () => {
    const cities = (await report("president@hq.demo", { kind: "CITY_CENTRE" })).data.networkReport.rows.map((r: any) => r.tenant.code);
    expect(cities.sort()).toEqual(["CN-SH", "CN-SZ", "MY-KL"]);
    const china = (await report("president@hq.demo", { root: demoId("tenant", "CN") })).data.networkReport.rows.map((r: any) => r.tenant.code);
    expect(china.sort()).toEqual(["CN", "CN-IT", "CN-SH", "CN-SH-CERT", "CN-SZ"]);
    expect(errorCode(await report("president@cn.demo", { root: demoId("tenant", "MY") }))).toBe("NOT_FOUND");
  });

  it("filters by period: nothing opened before the network existed", async () => {
    const { totals } = (await report("president@hq.demo", { from: "2000-01-01T00:00:00Z", to: "2001-01-01T00:00:00Z" })).data.networkReport;
    expect({ clients: totals.clients, cases: totals.cases }).toEqual({ clients: 0, cases: 0 });
    expect(errorCode(await report("president@hq.demo", { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }))).toBe("BAD_USER_INPUT");
  });

  it("issues the same number of statements for head office (8 tenants) as for one city centre", async () => {
    const statements = jest.spyOn(Client.prototype, "query");
    try {
      const count = async (email: string) => {
        const token = await t.login(email);
        statements.mockClear();
        await t.graphql("{ networkReport { rows { clients cases } totals { cases } } }", {}, { token });
        return statements.mock.calls.length;
      };
      const city = await count("consultant@cn-sz.demo");
      expect(await count("president@hq.demo")).toBe(city);
      // BEGIN with entering the tenant (one round trip), the scope, six sections, providers by grade, COMMIT
      expect(city).toBe(10);
    } finally {
      statements.mockRestore();
    }
  });

  it("the auditor reads the whole network's report", async () => {
    const { rows } = (await report("auditor@hq.demo")).data.networkReport;
    expect(rows).toHaveLength(8);
  });
});

describe("GET /reports/network-report.csv", () => {
  const csv = async (email: string | null, query = "") => {
    const headers: Record<string, string> = email ? { authorization: `Bearer ${await t.login(email)}` } : {};
    return fetch(`http://127.0.0.1:${t.app.port}/reports/network-report.csv${query}`, { headers });
  };
  const parse = (text: string): string[][] => parseCsv(text);

  it("holds the same figures as the GraphQL report, one line per tenant plus totals", async () => {
    const response = await csv("president@cn.demo");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    const [header, ...lines] = parse(await response.text());
    const graph = (await report("president@cn.demo")).data.networkReport;
    expect(lines).toHaveLength(graph.rows.length + 1);
    const column = (name: string) => header.indexOf(name);
    for (const row of graph.rows) {
      const line = lines.find((l) => l[column("tenant_code")] === row.tenant.code)!;
      expect(Number(line[column("clients")])).toBe(row.clients);
      expect(Number(line[column("cases")])).toBe(row.cases);
      expect(Number(line[column("open_cases")])).toBe(row.openCases);
    }
    const totals = lines.find((l) => l[0] === "TOTAL")!;
    expect(Number(totals[column("cases")])).toBe(graph.totals.cases);
  });

  it("a city centre's CSV holds only itself", async () => {
    const [, ...lines] = parse(await (await csv("consultant@cn-sz.demo")).text());
    expect(lines.map((l) => l[0])).toEqual(["CN-SZ", "TOTAL"]);
  });

  it("answers 401 without a token, 400 for a bad filter, 404 for an invisible root or an unknown report", async () => {
    expect((await csv(null)).status).toBe(401);
    expect((await csv("president@hq.demo", "?from=yesterday")).status).toBe(400);
    expect((await csv("president@cn.demo", `?subtreeRootId=${demoId("tenant", "MY")}`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${t.app.port}/reports/nothing.csv`)).status).toBe(404);
  });
});

describe("providers by grade", () => {
  it("counts the partners and affiliated companies of the report by provider grade", async () => {
    const query = "{ networkReport { providersByGrade { grade count } } }";
    const national = await t.graphql(query, {}, { token: await t.login("president@cn.demo") });
    expect(national.data.networkReport.providersByGrade).toEqual([{ grade: 1, count: 1 }, { grade: 2, count: 1 }]);
    const city = await t.graphql(query, {}, { token: await t.login("president@cn-sz.demo") });
    expect(city.data.networkReport.providersByGrade).toEqual([]);
  });
});
