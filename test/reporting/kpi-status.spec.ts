import { demoId } from "../../src/demo-data/demo-data";
import { errorCode, useTestApp } from "../support/test-app";
import { DEMO_EMAILS, VISIBLE_TENANTS } from "../support/demo-network";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });

const STATUS = `{ kpiStatus { tenant { code } kpi value target targetSetBy { code } meetsTarget sampleSize } }`;
const as = async (email: string, query: string, variables: Record<string, unknown> = {}) => t.graphql(query, variables, { token: await t.login(email) });
const statusOf = async (email: string, code: string, kpi: string) =>
  (await as(email, STATUS)).data.kpiStatus.find((s: any) => s.tenant.code === code && s.kpi === kpi);
const SET = `mutation($kpi: Kpi!, $target: Float!) { setKpiTarget(kpi: $kpi, target: $target) { id kpi target } }`;
const CLEAR = `mutation($kpi: Kpi!) { clearKpiTarget(kpi: $kpi) { id kpi target } }`;

describe("kpiStatus", () => {
  it.each(DEMO_EMAILS)("%s gets the four KPIs of exactly its visible tenants", async (email) => {
    const rows = (await as(email, STATUS)).data.kpiStatus;
    const codes = [...new Set(rows.map((r: any) => r.tenant.code))].sort();
    expect(codes).toEqual([...VISIBLE_TENANTS[email]].sort());
    expect(rows).toHaveLength(VISIBLE_TENANTS[email].length * 4);
  });

  it("measures against seed 004's defaults: satisfied evaluations meet 90 %, a missed revisit misses 100 %", async () => {
    expect(await statusOf("president@cn-sh.demo", "CN-SH", "CLIENT_SATISFACTION")).toEqual({
      tenant: { code: "CN-SH" }, kpi: "CLIENT_SATISFACTION", value: 100, target: 90, targetSetBy: null, meetsTarget: true, sampleSize: 2,
    });
    expect(await statusOf("president@cn-sh.demo", "CN-SH", "REVISIT_RATE")).toMatchObject({ value: 50, target: 100, meetsTarget: false, sampleSize: 2 });
    expect(await statusOf("president@cn-sh.demo", "CN-SH", "COMPLAINT_HANDLING_SATISFACTION")).toMatchObject({ value: 100, meetsTarget: true, sampleSize: 2 });
  });

  it("only recorded revisits count, and only when done by their due time: a log entry or a late revisit does not", async () => {
    const { rows } = await t.database.owner.query(
      "SELECT client_id FROM service_cases WHERE tenant_id = $1 AND step = 'ARCHIVED'",
      [demoId("tenant", "CN-SH")],
    );
    await as("consultant@cn-sh.demo", `mutation($c: ID!) { logClientCommunication(clientId: $c, input: { channel: VISIT, summary: "Revisit" }) { id } }`, { c: rows[0].client_id });
    expect(await statusOf("president@cn-sh.demo", "CN-SH", "REVISIT_RATE")).toMatchObject({ value: 50, sampleSize: 2 });
    const late = await as("consultant@cn-sh.demo", `mutation($id: ID!) { recordRevisit(id: $id, input: { channel: VISIT, outcome: SATISFIED }) { status onTime } }`, {
      id: demoId("revisit", "CN-SH:ARCHIVED"),
    });
    expect(late.data.recordRevisit).toEqual({ status: "DONE", onTime: false });
    expect(await statusOf("president@cn-sh.demo", "CN-SH", "REVISIT_RATE")).toMatchObject({ value: 50, meetsTarget: false, sampleSize: 2 });
  });

  it("children inherit the nearest ancestor's target unless they set their own", async () => {
    await as("president@hq.demo", SET, { kpi: "CLIENT_SATISFACTION", target: 95 });
    expect(await statusOf("president@cn.demo", "CN-SH", "CLIENT_SATISFACTION")).toMatchObject({ target: 95, targetSetBy: { code: "HQ" } });
    await as("president@cn-sh.demo", SET, { kpi: "CLIENT_SATISFACTION", target: 99 });
    expect(await statusOf("president@cn.demo", "CN-SH", "CLIENT_SATISFACTION")).toMatchObject({ target: 99, targetSetBy: { code: "CN-SH" } });
    expect(await statusOf("president@cn-sh.demo", "CN-SH-CERT", "CLIENT_SATISFACTION")).toMatchObject({ target: 99, targetSetBy: { code: "CN-SH" } });
    expect(await statusOf("president@cn.demo", "CN-SZ", "CLIENT_SATISFACTION")).toMatchObject({ target: 95, targetSetBy: { code: "HQ" } });
    const cnShTarget = (await as("president@cn-sh.demo", SET, { kpi: "CLIENT_SATISFACTION", target: 99 })).data.setKpiTarget;
    expect((await as("president@cn-sh.demo", CLEAR, { kpi: "CLIENT_SATISFACTION" })).data.clearKpiTarget).toEqual({ id: cnShTarget.id, kpi: "CLIENT_SATISFACTION", target: 99 });
    expect((await as("president@cn-sh.demo", CLEAR, { kpi: "CLIENT_SATISFACTION" })).data.clearKpiTarget).toBeNull();
    expect(await statusOf("president@cn.demo", "CN-SH", "CLIENT_SATISFACTION")).toMatchObject({ target: 95, targetSetBy: { code: "HQ" } });
    await as("president@hq.demo", CLEAR, { kpi: "CLIENT_SATISFACTION" });
  });

  it("only a president or deputy sets targets, for their own tenant only; bad targets are refused", async () => {
    const count = async () => (await t.database.owner.query("SELECT count(*)::int AS n FROM kpi_targets")).rows[0].n;
    const before = await count();
    expect(errorCode(await as("staff@cn-sh.demo", SET, { kpi: "REVISIT_RATE", target: 50 }))).toBe("FORBIDDEN");
    expect(errorCode(await as("auditor@hq.demo", SET, { kpi: "REVISIT_RATE", target: 50 }))).toBe("FORBIDDEN");
    expect(errorCode(await as("president@cn.demo", SET, { kpi: "REVISIT_RATE", target: 101 }))).toBe("BAD_USER_INPUT");
    expect(await count()).toBe(before);
  });
});

describe("GET /reports/kpi-status.csv", () => {
  it("holds the same values as kpiStatus, for the caller's tenants only", async () => {
    const token = await t.login("consultant@cn-sz.demo");
    const response = await fetch(`http://127.0.0.1:${t.app.port}/reports/kpi-status.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const [header, ...lines] = (await response.text()).trim().split("\n").map((line) => line.split(","));
    expect(lines).toHaveLength(4);
    const graph = (await t.graphql(STATUS, {}, { token })).data.kpiStatus;
    for (const line of lines) {
      const row = Object.fromEntries(header.map((name, i) => [name, line[i]]));
      expect(row.tenant_code).toBe("CN-SZ");
      const status = graph.find((s: any) => s.kpi === row.kpi);
      expect(row.target_percent).toBe(String(status.target));
      expect(row.value_percent).toBe(status.value === null ? "" : String(status.value));
    }
  });
});
