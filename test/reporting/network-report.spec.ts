import { PostgresQueryRunner } from "typeorm/driver/postgres/PostgresQueryRunner";
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
    const statements = jest.spyOn(PostgresQueryRunner.prototype, "query");
    try {
      const count = async (email: string) => {
        const token = await t.login(email);
        statements.mockClear();
        await t.graphql("{ networkReport { rows { clients cases } totals { cases } } }", {}, { token });
        return statements.mock.calls.length;
      };
      const city = await count("consultant@cn-sz.demo");
      expect(await count("president@hq.demo")).toBe(city);
      expect(city).toBeLessThanOrEqual(10);
    } finally {
      statements.mockRestore();
    }
  });

  it("the auditor reads the whole network's report", async () => {
    const { rows } = (await report("auditor@hq.demo")).data.networkReport;
    expect(rows).toHaveLength(8);
  });
});
