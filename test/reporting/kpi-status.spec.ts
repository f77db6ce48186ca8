import { demoId } from "../../src/demo-data/demo-data";
import { errorCode, useTestApp } from "../support/test-app";
import { DEMO_EMAILS, VISIBLE_TENANTS } from "../support/demo-network";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });

const STATUS = `{ kpiStatus { tenant { code } kpi value target targetSetBy { code } meetsTarget sampleSize } }`;
const statusOf = async (email: string, code: string, kpi: string) =>
  (await t.as(email).query(STATUS)).data.kpiStatus.find((s: any) => s.tenant.code === code && s.kpi === kpi);
const SET = `mutation($kpi: Kpi!, $target: Float!) { setKpiTarget(kpi: $kpi, target: $target) { kpi target } }`;
const CLEAR = `mutation($kpi: Kpi!) { clearKpiTarget(kpi: $kpi) }`;

describe("kpiStatus", () => {
  it.each(DEMO_EMAILS)("%s gets the four KPIs of exactly its visible tenants", async (email) => {
    const rows = (await t.as(email).query(STATUS)).data.kpiStatus;
    const codes = [...new Set(rows.map((r: any) => r.tenant.code))].sort();
    expect(codes).toEqual([...VISIBLE_TENANTS[email]].sort());
    expect(rows).toHaveLength(VISIBLE_TENANTS[email].length * 4);
  });

  it("measures against seed 004's defaults: satisfied evaluations meet 90 %, missing revisits miss 100 %", async () => {
    expect(await statusOf("president@cn-sh.demo", "CN-SH", "CLIENT_SATISFACTION")).toEqual({
      tenant: { code: "CN-SH" }, kpi: "CLIENT_SATISFACTION", value: 100, target: 90, targetSetBy: null, meetsTarget: true, sampleSize: 2,
    });
    expect(await statusOf("president@cn-sh.demo", "CN-SH", "REVISIT_RATE")).toMatchObject({ value: 0, target: 100, meetsTarget: false, sampleSize: 1 });
    expect(await statusOf("president@cn-sh.demo", "CN-SH", "COMPLAINT_HANDLING_SATISFACTION")).toMatchObject({ value: null, meetsTarget: null, sampleSize: 0 });
  });

  it("a revisit logged after the archive counts", async () => {
    const { rows } = await t.database.owner.query(
      "SELECT client_id FROM service_cases WHERE tenant_id = $1 AND step = 'ARCHIVED'",
      [demoId("tenant", "CN-SZ")],
    );
    await t.as("consultant@cn-sz.demo").query(`mutation($c: ID!) { logClientCommunication(clientId: $c, input: { channel: VISIT, summary: "Revisit" }) { id } }`, { c: rows[0].client_id });
    expect(await statusOf("president@cn-sz.demo", "CN-SZ", "REVISIT_RATE")).toMatchObject({ value: 100, meetsTarget: true });
  });

  it("children inherit the nearest ancestor's target unless they set their own", async () => {
    await t.as("president@hq.demo").query(SET, { kpi: "CLIENT_SATISFACTION", target: 95 });
    expect(await statusOf("president@cn.demo", "CN-SH", "CLIENT_SATISFACTION")).toMatchObject({ target: 95, targetSetBy: { code: "HQ" } });
    await t.as("president@cn-sh.demo").query(SET, { kpi: "CLIENT_SATISFACTION", target: 99 });
    expect(await statusOf("president@cn.demo", "CN-SH", "CLIENT_SATISFACTION")).toMatchObject({ target: 99, targetSetBy: { code: "CN-SH" } });
    expect(await statusOf("president@cn-sh.demo", "CN-SH-CERT", "CLIENT_SATISFACTION")).toMatchObject({ target: 99, targetSetBy: { code: "CN-SH" } });
    expect(await statusOf("president@cn.demo", "CN-SZ", "CLIENT_SATISFACTION")).toMatchObject({ target: 95, targetSetBy: { code: "HQ" } });
    expect((await t.as("president@cn-sh.demo").query(CLEAR, { kpi: "CLIENT_SATISFACTION" })).data.clearKpiTarget).toBe(true);
    expect(await statusOf("president@cn.demo", "CN-SH", "CLIENT_SATISFACTION")).toMatchObject({ target: 95, targetSetBy: { code: "HQ" } });
    await t.as("president@hq.demo").query(CLEAR, { kpi: "CLIENT_SATISFACTION" });
  });

  it("only a president or deputy sets targets, for their own tenant only; bad targets are refused", async () => {
    const count = async () => (await t.database.owner.query("SELECT count(*)::int AS n FROM kpi_targets")).rows[0].n;
    const before = await count();
    expect(errorCode(await t.as("staff@cn-sh.demo").query(SET, { kpi: "REVISIT_RATE", target: 50 }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("auditor@hq.demo").query(SET, { kpi: "REVISIT_RATE", target: 50 }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn.demo").query(SET, { kpi: "REVISIT_RATE", target: 101 }))).toBe("BAD_USER_INPUT");
    expect(await count()).toBe(before);
  });
});

describe("GET /reports/kpi-status.csv", () => {
  it("holds the same values as kpiStatus, for the caller's tenants only", async () => {
    const consultant = t.as("consultant@cn-sz.demo");
    const response = await consultant.get("/reports/kpi-status.csv");
    expect(response.status).toBe(200);
    const [header, ...lines] = (await response.text()).trim().split("\n").map((line) => line.split(","));
    expect(lines).toHaveLength(4);
    const graph = (await consultant.query(STATUS)).data.kpiStatus;
    for (const line of lines) {
      const row = Object.fromEntries(header.map((name, i) => [name, line[i]]));
      expect(row.tenant_code).toBe("CN-SZ");
      const status = graph.find((s: any) => s.kpi === row.kpi);
      expect(row.target_percent).toBe(String(status.target));
      expect(row.value_percent).toBe(status.value === null ? "" : String(status.value));
    }
  });
});
