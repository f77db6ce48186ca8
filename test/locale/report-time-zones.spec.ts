import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });

/**
 * Cases opened at hand-picked instants of 2031 (no demo data lies there), in CN-SH (Asia/Shanghai)
 * and MY-KL (Asia/Kuala_Lumpur, also UTC+8). The months they count in, by hand:
 *
 * | opened (local, +08:00) | UTC                  | local month | UTC month |
 * |------------------------|----------------------|-------------|-----------|
 * | 2031-02-28 23:30       | 2031-02-28 15:30     | Feb         | Feb       |
 * | 2031-03-01 03:00       | 2031-02-28 19:00     | Mar         | Feb       |
 * | 2031-03-01 07:00       | 2031-02-28 23:00     | Mar         | Feb       |
 * | 2031-03-15 12:00       | 2031-03-15 04:00     | Mar         | Mar       |
 * | 2031-03-31 23:59       | 2031-03-31 15:59     | Mar         | Mar       |
 * | 2031-04-01 00:30       | 2031-03-31 16:30     | Apr         | Mar       |
 *
 * So March 2031 holds 4 cases in local time and 3 in UTC; February 1 local and 3 UTC.
 */
const OPENED = ["2031-02-28T23:30:00+08:00", "2031-03-01T03:00:00+08:00", "2031-03-01T07:00:00+08:00", "2031-03-15T12:00:00+08:00", "2031-03-31T23:59:00+08:00", "2031-04-01T00:30:00+08:00"];

const REPORT = `query($month: String, $timeZone: String, $root: ID, $from: DateTimeISO, $to: DateTimeISO) {
  networkReport(month: $month, timeZone: $timeZone, subtreeRootId: $root, from: $from, to: $to) { timeZone from to rows { tenant { code } cases clients } totals { cases } }
}`;
const ids: Record<string, string> = {};

async function openCases(code: string, consultant: string) {
  const actor = t.as(consultant);
  const client = (await actor.data(`mutation { createClient(input: { name: "Time zone client ${code}", industry: "Retail" }) { id } }`)).createClient.id;
  for (const [i, openedAt] of OPENED.entries()) {
    const { openServiceCase } = await actor.data("mutation($input: OpenServiceCaseInput!) { openServiceCase(input: $input) { id } }", {
      input: { clientId: client, tier: i % 2 ? "KEY" : "GENERAL", title: `TZ ${i}` },
    });
    // The rollup trigger moves each case to its new month, as it would any edited opening time.
    await t.database.owner.query("UPDATE service_cases SET opened_at = $1 WHERE id = $2", [openedAt, openServiceCase.id]);
  }
  // The client too, created on a local first of March at 07:00.
  await t.database.owner.query("UPDATE clients SET created_at = '2031-03-01T07:00:00+08:00' WHERE id = $1", [client]);
}

beforeAll(async () => {
  const { rows } = await t.database.owner.query("SELECT code, id FROM tenants WHERE code IN ('CN-SH', 'MY-KL')");
  for (const row of rows) ids[row.code] = row.id;
  await openCases("CN-SH", "consultant@cn-sh.demo");
  await openCases("MY-KL", "consultant@my-kl.demo");
});

const casesIn = async (email: string, code: string, variables: Record<string, unknown>) => {
  const response = await t.as(email).query(REPORT, { root: ids[code], ...variables });
  expect(response.errors).toBeUndefined();
  return response.data.networkReport;
};

describe("reports count months in the time zone of the tenant the report is for", () => {
  it("Shanghai's March 2031 holds the case opened at 07:00 Beijing time on March 1, and not the one at 00:30 on April 1", async () => {
    const report = await casesIn("president@cn-sh.demo", "CN-SH", { month: "2031-03" });
    expect(report).toMatchObject({ timeZone: "Asia/Shanghai", from: "2031-02-28T16:00:00.000Z", to: "2031-03-31T16:00:00.000Z" });
    expect(report.rows.find((row: any) => row.tenant.code === "CN-SH")).toEqual({ tenant: { code: "CN-SH" }, cases: 4, clients: 1 });
    expect((await casesIn("president@cn-sh.demo", "CN-SH", { month: "2031-02" })).totals.cases).toBe(1);
    expect((await casesIn("president@cn-sh.demo", "CN-SH", { month: "2031-04" })).totals.cases).toBe(1);
  });

  it("Kuala Lumpur's months are its own local months, by default for its own centre's president", async () => {
    const report = await casesIn("president@my.demo", "MY-KL", { month: "2031-03" });
    expect(report).toMatchObject({ timeZone: "Asia/Kuala_Lumpur", from: "2031-02-28T16:00:00.000Z", to: "2031-03-31T16:00:00.000Z" });
    expect(report.totals.cases).toBe(4);
    expect((await casesIn("president@my.demo", "MY-KL", { month: "2031-02" })).totals.cases).toBe(1);
  });

  it("the same cases by UTC months, when the report asks for UTC", async () => {
    expect((await casesIn("president@cn-sh.demo", "CN-SH", { month: "2031-03", timeZone: "UTC" })).totals.cases).toBe(3);
    expect((await casesIn("president@cn-sh.demo", "CN-SH", { month: "2031-02", timeZone: "UTC" })).totals.cases).toBe(3);
    expect((await casesIn("president@cn-sh.demo", "CN-SH", { month: "2031-03", timeZone: "UTC" })).rows[0].clients).toBe(0);
  });

  it("a quarter of local months adds whole UTC months from the rollups and the edges from the rows, exactly", async () => {
    const quarter = await casesIn("president@cn-sh.demo", "CN-SH", { from: "2031-01-01T00:00:00+08:00", to: "2031-04-01T00:00:00+08:00" });
    expect(quarter.totals.cases).toBe(5);
    const { rows } = await t.database.owner.query(
      "SELECT count(*)::int AS n FROM service_cases WHERE tenant_id = $1 AND opened_at >= '2031-01-01T00:00:00+08:00' AND opened_at < '2031-04-01T00:00:00+08:00'",
      [ids["CN-SH"]],
    );
    expect(quarter.totals.cases).toBe(rows[0].n);
  });

  it("kpiStatus takes the same month and time zone", async () => {
    const response = await t.as("president@cn.demo").query('{ kpiStatus(month: "2031-03", timeZone: "Asia/Kuala_Lumpur") { kpi timeZone sampleSize } }');
    expect(response.errors).toBeUndefined();
    expect(response.data.kpiStatus.every((s: any) => s.timeZone === "Asia/Kuala_Lumpur")).toBe(true);
    const byDefault = await t.as("president@cn.demo").query('{ kpiStatus(month: "2031-03") { timeZone } }');
    expect(byDefault.data.kpiStatus[0].timeZone).toBe("Asia/Shanghai");
  });

  it.each([
    [{ month: "2031-13" }, "month"],
    [{ month: "2031-03", from: "2031-03-01T00:00:00Z" }, "month"],
    [{ month: "2031-03", timeZone: "Mars/Olympus_Mons" }, "timeZone"],
  ])("%j is BAD_USER_INPUT on %s", async (variables, field) => {
    const response = await t.as("president@cn-sh.demo").query(REPORT, variables);
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect((response.errors![0].extensions as any).fields.map((f: any) => f.field)).toEqual([field]);
  });

  it("the CSV's calendar dates are local days of the report's time zone", async () => {
    const token = await t.login("president@cn-sh.demo");
    const csv = async (query: string) => {
      const response = await fetch(`http://127.0.0.1:${t.app.port}/reports/network-report.csv?subtreeRootId=${ids["CN-SH"]}&${query}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      const [header, row] = (await response.text()).replace(/^\uFEFF/, "").split("\n");
      return Number(row.split(",")[header.split(",").indexOf("cases")]);
    };
    expect(await csv("from=2031-03-01&to=2031-04-01")).toBe(4);
    expect(await csv("from=2031-03-01&to=2031-04-01&timeZone=UTC")).toBe(3);
    expect(await csv("month=2031-03")).toBe(4);
  });
});
