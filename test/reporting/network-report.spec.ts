import { parse as parseCsv } from "csv-parse/sync";
import { spyOnRequestStatements } from "../support/request-statements";
import { demoId } from "../../src/demo-data/demo-data";
import { errorCode, useTestApp } from "../support/test-app";
import { DEMO_EMAILS, VISIBLE_TENANTS } from "../support/demo-network";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });
let counts: Record<string, { clients: number; cases: number }>;

beforeAll(async () => {
  const { rows } = await t.database.owner.query(`
    SELECT t.code,
           (SELECT count(*)::int FROM clients c WHERE c.tenant_id = t.id) AS clients,
           (SELECT count(*)::int FROM service_cases s WHERE s.tenant_id = t.id) AS cases
      FROM tenants t`);
  counts = Object.fromEntries(rows.map((r: { code: string; clients: number; cases: number }) => [r.code, r]));
});

const REPORT = `query($from: DateTimeISO, $to: DateTimeISO, $kind: TenantKind, $root: ID) {
  networkReport(from: $from, to: $to, tenantKind: $kind, subtreeRootId: $root) {
    rows { tenant { code } clients cases openCases casesByStep { step count } meanQualityScore pendingApprovals }
    totals { tenant { code } clients cases openCases casesByStep { step count } meanQualityScore pendingApprovals }
  }
}`;
const report = async (email: string, variables: Record<string, unknown> = {}) =>
  t.as(email).query(REPORT, variables);

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

  it("issues the same statements for head office (8 tenants) as for one city centre: the tenants, then every figure asked in one", async () => {
    const statements = spyOnRequestStatements();
    try {
      const count = async (email: string, query: string) => {
        await t.login(email); // before counting: only the request itself is counted
        statements.clear();
        const response = await t.as(email).query(query);
        expect(response.errors).toBeUndefined();
        return statements.count();
      };
      const FEW = "{ networkReport { rows { tenant { code } clients cases } totals { cases } } }";
      const city = await count("consultant@cn-sz.demo", FEW);
      expect(await count("president@hq.demo", FEW)).toBe(city);
      // BEGIN with entering the tenant (one round trip), the scope's tenants (which the rows name), the figures, COMMIT
      expect(city).toBe(4);
      const EVERYTHING = `{ networkReport { providersByGrade { grade } rows { ...figures } totals { ...figures } } }
        fragment figures on NetworkReportRow { clients casesPastResponseTarget overdueTasks meanQualityScore pendingApprovals activeGrants
          revisitRate complaintSatisfaction feeSettlements { count } interCentreSettlements { count } }`;
      // …, the figures of all eleven sections still in one statement, and the providers by grade
      expect(await count("president@hq.demo", EVERYTHING)).toBe(5);
    } finally {
      statements.restore();
    }
  });

  it("the auditor reads the whole network's report", async () => {
    const { rows } = (await report("auditor@hq.demo")).data.networkReport;
    expect(rows).toHaveLength(8);
  });
});

describe("GET /reports/network-report.csv", () => {
  const csv = (email: string | null, query = "") => {
    const path = `/reports/network-report.csv${query}`;
    return email ? t.as(email).get(path) : fetch(new URL(path, t.app.url));
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

  it.each(["?from=275760-09-13", "?from=%2B275760-09-13", "?from=2026-02-30", "?from=0050-01-01", "?to=10000-01-01", "?to=9999-12-31T23:00:00-05:00", "?from=2026-01-01T00:00:00"])(
    "a date filter that is no date or lies outside the years 1900–9999 (%s) is BAD_USER_INPUT 400",
    async (query) => {
      for (const report of ["network-report", "kpi-status"]) {
        const response = await fetch(`http://127.0.0.1:${t.app.port}/reports/${report}.csv${query}`, {
          headers: { authorization: `Bearer ${await t.login("president@hq.demo")}` },
        });
        expect(response.status).toBe(400);
        expect(((await response.json()) as any).errors[0].extensions.code).toBe("BAD_USER_INPUT");
      }
    },
  );

  it("a date filter may be a calendar date or a date-time with its offset", async () => {
    expect((await csv("president@hq.demo", "?from=2026-01-01&to=2026-07-01T00:00:00%2B08:00")).status).toBe(200);
  });
});

describe("date filters in GraphQL", () => {
  it.each(["0050-01-01T00:00:00Z", "275760-09-13T00:00:00Z", "9999-12-31T23:00:00-05:00"])(
    "a period bound outside the years 1900–9999 (%s) is BAD_USER_INPUT 400",
    async (from) => {
      const response = await report("president@hq.demo", { from });
      expect(response.status).toBe(400);
      expect(errorCode(response)).toBe("BAD_USER_INPUT");
      const kpis = await t.graphql("query($from: DateTimeISO) { kpiStatus(from: $from) { kpi } }", { from }, { token: await t.login("president@hq.demo") });
      expect(kpis.status).toBe(400);
      expect(errorCode(kpis)).toBe("BAD_USER_INPUT");
    },
  );
});

describe("case counts from the monthly rollups", () => {
  const casesIn = async (from: string | null, to: string | null) =>
    (
      await t.database.owner.query(
        `SELECT count(*)::int AS n,
                count(*) FILTER (WHERE coalesce(first_response_at, now()) > response_due_at)::int AS late
           FROM service_cases WHERE ($1::timestamptz IS NULL OR opened_at >= $1) AND ($2::timestamptz IS NULL OR opened_at < $2)`,
        [from, to],
      )
    ).rows[0];
  const reported = async (from: string | null, to: string | null) =>
    (await t.as("president@hq.demo").query(`query($from: DateTimeISO, $to: DateTimeISO) { networkReport(from: $from, to: $to) { totals { cases casesPastResponseTarget } } }`, { from, to }))
      .data.networkReport.totals;

  it("stay equal to the case rows through opening, moving and answering cases", async () => {
    const president = t.as("president@cn-sz.demo");
    const client = (await t.database.owner.query("SELECT id FROM clients WHERE tenant_id = $1 LIMIT 1", [demoId("tenant", "CN-SZ")])).rows[0].id;
    for (const tier of ["GENERAL", "KEY", "SPECIAL"]) {
      const opened = await president.query(`mutation($c: ID!, $tier: ServiceTier!) { openServiceCase(input: { clientId: $c, tier: $tier, title: "Rollup" }) { id } }`, { c: client, tier });
      expect(opened.errors).toBeUndefined();
    }
    await t.database.owner.query("UPDATE service_cases SET tier = 'KEY', first_response_at = response_due_at + interval '1 hour' WHERE title = 'Rollup' AND tier = 'SPECIAL'");
    const { rows: drift } = await t.database.owner.query(`
      SELECT * FROM (SELECT tenant_id, app.month_start(opened_at) AS month_start, step, tier, count(*)::int AS cases,
                            count(*) FILTER (WHERE first_response_at > response_due_at)::int AS responded_late
                       FROM service_cases GROUP BY 1, 2, 3, 4) counted
      FULL JOIN (SELECT * FROM case_rollups WHERE cases > 0) rolled USING (tenant_id, month_start, step, tier)
      WHERE counted.cases IS DISTINCT FROM rolled.cases OR counted.responded_late IS DISTINCT FROM rolled.responded_late`);
    expect(drift).toEqual([]);
  });

  it.each([
    [null, null],
    ["2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"],
    ["2026-01-15T12:00:00Z", "2026-03-01T12:30:00Z"],
    ["2026-02-10T00:00:00Z", "2026-02-20T00:00:00Z"],
    ["2026-02-15T00:00:00Z", null],
    [null, "2026-02-20T12:00:00Z"],
  ])("from %s to %s: whole months from the rollups and partial ones from the cases add up to the plain count", async (from, to) => {
    const expected = await casesIn(from, to);
    expect(await reported(from, to)).toEqual({ cases: expected.n, casesPastResponseTarget: expected.late });
  });
});

describe("client counts from the monthly rollups", () => {
  const drift = async () =>
    (
      await t.database.owner.query(`
        SELECT * FROM (SELECT tenant_id, app.month_start(created_at) AS month_start, count(*)::int AS clients FROM clients GROUP BY 1, 2) counted
        FULL JOIN (SELECT * FROM client_rollups WHERE clients > 0) rolled USING (tenant_id, month_start)
        WHERE counted.clients IS DISTINCT FROM rolled.clients`)
    ).rows;

  it("stay equal to the client rows through registering clients and moving them between months", async () => {
    const president = t.as("president@cn-sz.demo");
    for (const name of ["Rollup One", "Rollup Two"]) {
      const registered = await president.query(`mutation($name: String!) { createClient(input: { name: $name }) { id } }`, { name });
      expect(registered.errors).toBeUndefined();
    }
    await t.database.owner.query("UPDATE clients SET created_at = created_at - interval '40 days' WHERE name = 'Rollup Two'");
    expect(await drift()).toEqual([]);
  });

  it.each([
    [null, null],
    ["2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"],
    ["2026-01-15T12:00:00Z", "2026-03-01T12:30:00Z"],
    ["2026-02-15T00:00:00Z", null],
  ])("from %s to %s: whole months from the rollups and partial ones from the clients add up to the plain count", async (from, to) => {
    const { rows } = await t.database.owner.query(
      "SELECT count(*)::int AS n FROM clients WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2)",
      [from, to],
    );
    const reported = await t.as("president@hq.demo").query(`query($from: DateTimeISO, $to: DateTimeISO) { networkReport(from: $from, to: $to) { totals { clients } } }`, { from, to });
    expect(reported.data.networkReport.totals.clients).toBe(rows[0].n);
  });
});

describe("providers by grade", () => {
  it("counts the partners and affiliated companies of the report by provider grade", async () => {
    const query = "{ networkReport { providersByGrade { grade count } } }";
    const national = await t.as("president@cn.demo").query(query);
    expect(national.data.networkReport.providersByGrade).toEqual([{ grade: 1, count: 1 }, { grade: 2, count: 1 }]);
    const city = await t.as("president@cn-sz.demo").query(query);
    expect(city.data.networkReport.providersByGrade).toEqual([]);
  });
});

/**
 * A fixture dated in 2030, so a report over 2030 holds only these rows: complaints of CN-IT and
 * CN-SH-CERT, fee settlements of CN-SH-CERT, inter-centre statements of CN-SH and CN-SZ.
 */
describe("complaints and settlements in the report", () => {
  const YEAR = { from: "2030-01-01T00:00:00Z", to: "2031-01-01T00:00:00Z" };
  const at = "2030-03-01T10:00:00Z";
  const tenant = (code: string) => demoId("tenant", code);
  const user = (email: string) => demoId("user", email);

  beforeAll(async () => {
    const db = t.database.owner;
    // Generated rows, not requests: the audit trigger is for requests.
    await db.query("SET session_replication_role = replica");
    const complaint = (code: string, parent: string, status: string, satisfaction: number | null) =>
      db.query(
        `INSERT INTO complaints (tenant_id, parent_tenant_id, raised_by_tenant_id, subject, description, status, resolution, resolved_at,
                                 satisfaction, rated_by, raised_by, created_at)
         VALUES ($1, $2, $2, 'Late delivery', 'Fixture', $3, $4, $5, $6, $7, $8, $9)`,
        [tenant(code), tenant(parent), status, status === "RESOLVED" ? "Settled" : null, status === "RESOLVED" ? at : null,
         satisfaction, satisfaction === null ? null : user("president@cn.demo"), user("president@cn.demo"), at],
      );
    await complaint("CN-IT", "CN", "RESOLVED", 100);
    await complaint("CN-IT", "CN", "RESOLVED", 90);
    await complaint("CN-IT", "CN", "OPEN", null);
    await complaint("CN-SH-CERT", "CN-SH", "RESOLVED", 70);

    const contract = "00000000-0000-4000-8000-0000000c0001";
    await db.query(
      `INSERT INTO partner_contracts (tenant_id, id, parent_tenant_id, title, status, signed_at, created_by, created_at)
       VALUES ($1, $2, $3, 'Fixture contract', 'SIGNED', $4, $5, $4)`,
      [tenant("CN-SH-CERT"), contract, tenant("CN-SH"), at, user("president@cn-sh.demo")],
    );
    const settlement = (amount: string, status: string, currency = "CNY") =>
      db.query(
        `INSERT INTO fee_settlements (tenant_id, parent_tenant_id, contract_id, amount_minor, currency, service_from, service_until,
                                      proof_of_service, status, payment_reference, paid_at, paid_by, applied_by, created_at)
         VALUES ($1, $2, $3, $4, $5, '2030-01-01', '2030-02-01', 'Fixture', $6, $7, $8, $9, $10, $11)`,
        [tenant("CN-SH-CERT"), tenant("CN-SH"), contract, amount, currency, status, status === "PAID" ? "PAY-1" : null,
         status === "PAID" ? at : null, status === "PAID" ? user("president@cn-sh.demo") : null, user("admin@cn-sh-cert.demo"), at],
      );
    await settlement("9007199254740993", "PAID");
    await settlement("7", "PAID");
    await settlement("150000", "APPLIED");
    await settlement("2500", "APPLIED", "USD");

    const statement = (code: string, status: string, total: string) =>
      db.query(
        `INSERT INTO inter_centre_settlements (tenant_id, parent_tenant_id, period_from, period_until, currency, total_minor, status, created_by)
         VALUES ($1, $2, '2030-01-01', '2030-03-31', 'CNY', $3, $4, $5)`,
        [tenant(code), tenant("CN"), total, status, user("finance@cn.demo")],
      );
    await statement("CN-SH", "APPROVED", "500000");
    await statement("CN-SZ", "SUBMITTED", "-30000");
    await db.query("SET session_replication_role = DEFAULT");
  });

  const FIGURES = `query($from: DateTimeISO, $to: DateTimeISO) {
    networkReport(from: $from, to: $to) {
      rows { tenant { code } complaints openComplaints ratedComplaints complaintSatisfaction
             feeSettlements { status currency count amountMinor } interCentreSettlements { status currency count amountMinor } }
      totals { complaints openComplaints ratedComplaints complaintSatisfaction
               feeSettlements { status currency count amountMinor } interCentreSettlements { status currency count amountMinor } }
    }
  }`;
  const figures = async (email: string) => {
    const response = await t.as(email).query(FIGURES, YEAR);
    expect(response.errors).toBeUndefined();
    const { rows, totals } = response.data.networkReport;
    return { row: (code: string) => rows.find((r: any) => r.tenant.code === code), codes: rows.map((r: any) => r.tenant.code), totals };
  };
  const sorted = (list: { status: string; currency: string }[]) =>
    [...list].sort((a, b) => `${a.status}${a.currency}`.localeCompare(`${b.status}${b.currency}`));

  it("counts complaints and the mean satisfaction of the rated ones, per tenant and in total", async () => {
    const { row, totals } = await figures("president@hq.demo");
    expect(row("CN-IT")).toMatchObject({ complaints: 3, openComplaints: 1, ratedComplaints: 2, complaintSatisfaction: 95 });
    expect(row("CN-SH-CERT")).toMatchObject({ complaints: 1, openComplaints: 0, ratedComplaints: 1, complaintSatisfaction: 70 });
    expect(row("CN-SZ")).toMatchObject({ complaints: 0, complaintSatisfaction: null });
    expect(totals).toMatchObject({ complaints: 4, openComplaints: 1, ratedComplaints: 3, complaintSatisfaction: 86.7 });
  });

  it("adds settlement amounts exactly, by status and currency, beyond 2^53", async () => {
    const { row, totals } = await figures("president@hq.demo");
    const fees = [
      { status: "APPLIED", currency: "CNY", count: 1, amountMinor: "150000" },
      { status: "APPLIED", currency: "USD", count: 1, amountMinor: "2500" },
      { status: "PAID", currency: "CNY", count: 2, amountMinor: "9007199254741000" },
    ];
    expect(sorted(row("CN-SH-CERT").feeSettlements)).toEqual(fees);
    expect(sorted(totals.feeSettlements)).toEqual(fees);
    expect(row("CN-SH").interCentreSettlements).toEqual([{ status: "APPROVED", currency: "CNY", count: 1, amountMinor: "500000" }]);
    expect(sorted(totals.interCentreSettlements)).toEqual([
      { status: "APPROVED", currency: "CNY", count: 1, amountMinor: "500000" },
      { status: "SUBMITTED", currency: "CNY", count: 1, amountMinor: "-30000" },
    ]);
  });

  it("a city centre's figures never include a sibling's complaints or settlements", async () => {
    const { codes, totals } = await figures("president@cn-sz.demo");
    expect(codes).toEqual(["CN-SZ"]);
    expect(totals).toMatchObject({ complaints: 0, feeSettlements: [] });
    expect(totals.interCentreSettlements).toEqual([{ status: "SUBMITTED", currency: "CNY", count: 1, amountMinor: "-30000" }]);
  });

  it("a partner's report holds only its own complaints and settlements", async () => {
    const { codes, totals } = await figures("admin@cn-sh-cert.demo");
    expect(codes).toEqual(["CN-SH-CERT"]);
    expect(totals).toMatchObject({ complaints: 1, complaintSatisfaction: 70 });
    expect(totals.interCentreSettlements).toEqual([]);
  });

  it("a centre member who reads only their own tenant gets its row alone, not its partners' (which it may read as their parent)", async () => {
    const { codes, totals } = await figures("staff@cn-sh.demo");
    expect(codes).toEqual(["CN-SH"]);
    expect(totals).toMatchObject({ complaints: 0, feeSettlements: [] });
  });

  it("provider disputes are no client complaints: their ratings of 80 or more count in disputeHandlingSatisfaction, not in the KPI", async () => {
    const { row } = await figures("president@hq.demo");
    const response = await t.as("president@cn.demo").query(
      `query($from: DateTimeISO, $to: DateTimeISO) {
        kpiStatus(from: $from, to: $to) { tenant { code } kpi value measuredOn }
        networkReport(from: $from, to: $to) { rows { tenant { code } disputeHandlingSatisfaction } }
      }`,
      YEAR,
    );
    const complaintKpi = (code: string) =>
      response.data.kpiStatus.find((s: any) => s.tenant.code === code && s.kpi === "COMPLAINT_HANDLING_SATISFACTION");
    const disputes = (code: string) => response.data.networkReport.rows.find((r: any) => r.tenant.code === code).disputeHandlingSatisfaction;
    expect(row("CN-IT")).toMatchObject({ ratedComplaints: 2 });
    expect(disputes("CN-IT")).toBe(100);
    expect(disputes("CN-SH-CERT")).toBe(0);
    expect(complaintKpi("CN-IT")).toMatchObject({ value: null, measuredOn: 0 });
    expect(complaintKpi("CN-SH-CERT")).toMatchObject({ value: null, measuredOn: 0 });
  });
});
