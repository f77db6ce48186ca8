import { demoId } from "../../src/demo-data/demo-data";
import { useTestApp } from "../support/test-app";

const t = useTestApp({ COMPLAINT_ESCALATION_INTERVAL_SECONDS: "0", APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });

const tenant = (code: string) => demoId("tenant", code);
const user = (email: string) => demoId("user", email);
const KPIS = `query($from: DateTimeISO, $to: DateTimeISO) { kpiStatus(from: $from, to: $to) { tenant { code } kpi value target measuredOn meetsTarget } }`;
const YEAR_2025 = { from: "2025-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" };

async function kpis(email: string, period: Record<string, string> = {}) {
  const response = await t.as(email).query(KPIS, period);
  expect(response.errors).toBeUndefined();
  return (code: string, kpi: string) => {
    const { value, measuredOn, meetsTarget } = response.data.kpiStatus.find((s: any) => s.tenant.code === code && s.kpi === kpi);
    return { value, measuredOn, meetsTarget };
  };
}

interface Fixture {
  code: string;
  kind?: "PROBLEM" | "COMPLAINT";
  status: string;
  due: string;
  resolved?: string;
  satisfaction?: number;
  rated?: string;
}

// First: the fixtures below add to the same database.
describe("the service KPIs on the demo network", () => {
  it("each is measured on its real records, and some miss their target", async () => {
    const kpi = await kpis("president@hq.demo");
    expect(kpi("CN-SH", "PROBLEM_HANDLING_RATE")).toEqual({ value: 50, measuredOn: 4, meetsTarget: false });
    expect(kpi("CN-SH", "COMPLAINT_HANDLING_SATISFACTION")).toEqual({ value: 100, measuredOn: 2, meetsTarget: true });
    expect(kpi("CN-SZ", "COMPLAINT_HANDLING_SATISFACTION")).toEqual({ value: 50, measuredOn: 2, meetsTarget: false });
    expect(kpi("CN-SH", "REVISIT_RATE")).toEqual({ value: 50, measuredOn: 2, meetsTarget: false });
    expect(kpi("CN-SZ", "REVISIT_RATE")).toEqual({ value: 100, measuredOn: 2, meetsTarget: true });
    expect(kpi("MY-KL", "REVISIT_RATE")).toEqual({ value: 50, measuredOn: 2, meetsTarget: false });
    expect(kpi("CN-SH", "CLIENT_SATISFACTION")).toEqual({ value: 100, measuredOn: 2, meetsTarget: true });
  });
});

describe("the service KPIs, hand-computed on fixtures of 2025 (before the demo network's records)", () => {
  beforeAll(async () => {
    const db = t.database.owner;
    // Generated rows, not requests: the audit trigger is for requests.
    await db.query("SET session_replication_role = replica");
    const request = ({ code, kind = "PROBLEM", status, due, resolved, satisfaction, rated }: Fixture) => {
      const city = code === "CN-SZ" ? { client: "Nanshan Electronics", member: "consultant@cn-sz.demo" } : { client: "Huangpu Fresh Foods", member: "staff@cn-sh.demo" };
      return db.query(
        `INSERT INTO service_requests (tenant_id, kind, channel, client_id, tier, subject, description, handler_id, status, raised_by, raised_at, due_at,
                                       resolution, resolved_at, satisfaction, rated_by, rated_at)
         VALUES ($1, $2, 'PHONE', $3, 'GENERAL', 'Fixture', 'Fixture', $4, $5, $4, $6::timestamptz - interval '72 hours', $6, $7, $8, $9, $10, $11)`,
        [tenant(code), kind, demoId("client", city.client), user(city.member), status, due, resolved ? "Done" : null, resolved ?? null,
         satisfaction ?? null, satisfaction === undefined ? null : user(city.member), rated ?? null],
      );
    };
    // Problems of CN-SZ due in 2025: in time (a, b), late (c), unresolved past due (d), reopened (e); f is due in 2026, g a complaint.
    await request({ code: "CN-SZ", status: "RESOLVED", due: "2025-03-01T12:00:00Z", resolved: "2025-02-28T12:00:00Z" });
    await request({ code: "CN-SZ", status: "CLOSED", due: "2025-03-02T12:00:00Z", resolved: "2025-03-02T12:00:00Z" });
    await request({ code: "CN-SZ", status: "RESOLVED", due: "2025-03-03T12:00:00Z", resolved: "2025-03-03T12:00:01Z" });
    await request({ code: "CN-SZ", status: "OPEN", due: "2025-03-04T12:00:00Z" });
    await request({ code: "CN-SZ", status: "IN_PROGRESS", due: "2025-03-05T12:00:00Z", resolved: "2025-03-01T12:00:00Z" });
    await request({ code: "CN-SZ", status: "RESOLVED", due: "2026-01-05T12:00:00Z", resolved: "2025-12-30T12:00:00Z" });
    await request({ code: "CN-SH", status: "CLOSED", due: "2025-06-01T12:00:00Z", resolved: "2025-05-30T12:00:00Z" });
    // Complaints of CN-SZ rated in 2025: 80 (the threshold) and 100 satisfied, 79 not; one rated in 2026 and one unrated are left out.
    const complaint = (satisfaction: number | undefined, rated: string | undefined) =>
      request({ code: "CN-SZ", kind: "COMPLAINT", status: "CLOSED", due: "2025-04-01T12:00:00Z", resolved: "2025-03-30T12:00:00Z", satisfaction, rated });
    await complaint(80, "2025-04-02T00:00:00Z");
    await complaint(79, "2025-04-02T00:00:00Z");
    await complaint(100, "2025-12-31T23:59:59Z");
    await complaint(10, "2026-01-01T00:00:00Z");
    await complaint(undefined, undefined);

    // Revisits of CN-SZ due in 2025: early and exactly on time count; late and missed do not; one due in 2026 is left out.
    const caseKey = "CN-SZ:EVALUATED";
    const { rows: [evaluated] } = await db.query("SELECT client_id FROM service_cases WHERE id = $1", [demoId("case", caseKey)]);
    const revisit = (due: string, done: string | null) =>
      db.query(
        `INSERT INTO revisits (tenant_id, case_id, client_id, assignee_id, due_at, status, channel, outcome, done_at, done_by, scheduled_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $4)`,
        [tenant("CN-SZ"), demoId("case", caseKey), evaluated.client_id, user("consultant@cn-sz.demo"), due, done ? "DONE" : "SCHEDULED",
         done ? "PHONE" : null, done ? "SATISFIED" : null, done, done ? user("consultant@cn-sz.demo") : null],
      );
    await revisit("2025-05-10T00:00:00Z", "2025-05-09T00:00:00Z");
    await revisit("2025-05-11T00:00:00Z", "2025-05-11T00:00:00Z");
    await revisit("2025-05-12T00:00:00Z", "2025-05-13T00:00:00Z");
    await revisit("2025-05-13T00:00:00Z", null);
    await revisit("2026-01-02T00:00:00Z", "2025-12-30T00:00:00Z");

    // CN-SZ's two demo evaluations, moved into 2025: one scores 4.67, the other 3.5.
    await db.query("UPDATE case_evaluations SET evaluated_at = '2025-07-01T00:00:00Z' WHERE tenant_id = $1", [tenant("CN-SZ")]);
    await db.query("UPDATE case_evaluations SET mean_score = 3.5 WHERE id = $1", [demoId("evaluation", "CN-SZ:ARCHIVED")]);
    // A provider's dispute rated in 2025: its own figure, never the client-complaint KPI.
    await db.query(
      `INSERT INTO complaints (tenant_id, parent_tenant_id, raised_by_tenant_id, subject, description, status, resolution, resolved_at,
                               satisfaction, rated_by, raised_by, created_at)
       VALUES ($1, $2, $1, 'Late payment', 'Fixture', 'RESOLVED', 'Paid', '2025-05-01', 30, $3, $3, '2025-04-01')`,
      [tenant("CN-IT"), tenant("CN"), user("admin@cn-it.demo")],
    );
    await db.query("SET session_replication_role = DEFAULT");
  });

  it("PROBLEM_HANDLING_RATE: problems resolved by their deadline ÷ problems due in the period (2 of 5)", async () => {
    const kpi = await kpis("president@cn.demo", YEAR_2025);
    expect(kpi("CN-SZ", "PROBLEM_HANDLING_RATE")).toEqual({ value: 40, measuredOn: 5, meetsTarget: false });
    expect(kpi("CN-SH", "PROBLEM_HANDLING_RATE")).toEqual({ value: 100, measuredOn: 1, meetsTarget: true });
  });

  it("COMPLAINT_HANDLING_SATISFACTION: clients' complaints rated 80 or more ÷ rated in the period (2 of 3)", async () => {
    const kpi = await kpis("president@cn.demo", YEAR_2025);
    expect(kpi("CN-SZ", "COMPLAINT_HANDLING_SATISFACTION")).toEqual({ value: 66.7, measuredOn: 3, meetsTarget: false });
    expect(kpi("CN-IT", "COMPLAINT_HANDLING_SATISFACTION")).toEqual({ value: null, measuredOn: 0, meetsTarget: null });
  });

  it("REVISIT_RATE: revisits done by their due time ÷ revisits due in the period (2 of 4)", async () => {
    const kpi = await kpis("president@cn.demo", YEAR_2025);
    expect(kpi("CN-SZ", "REVISIT_RATE")).toEqual({ value: 50, measuredOn: 4, meetsTarget: false });
  });

  it("CLIENT_SATISFACTION stays on case evaluations: a mean of 4 or more ÷ evaluations (1 of 2)", async () => {
    const kpi = await kpis("president@cn.demo", YEAR_2025);
    expect(kpi("CN-SZ", "CLIENT_SATISFACTION")).toEqual({ value: 50, measuredOn: 2, meetsTarget: false });
  });

  it("a problem or revisit counts once it is settled or past due: not while it can still be done in time", async () => {
    const db = t.database.owner;
    await db.query("SET session_replication_role = replica");
    const insert = (status: string, resolved: string | null) =>
      db.query(
        `INSERT INTO service_requests (tenant_id, kind, channel, client_id, tier, subject, description, handler_id, status, raised_by, raised_at, due_at, resolution, resolved_at)
         VALUES ($1, 'PROBLEM', 'EMAIL', $2, 'GENERAL', 'Future', 'Fixture', $3, $4, $3, now(), '2099-06-01T00:00:00Z', $5, $6)`,
        [tenant("MY-KL"), demoId("client", "KL Halal Foods Sdn Bhd"), user("consultant@my-kl.demo"), status, resolved ? "Done" : null, resolved],
      );
    await insert("IN_PROGRESS", null);
    await insert("RESOLVED", new Date().toISOString());
    await db.query("SET session_replication_role = DEFAULT");
    const kpi = await kpis("president@my.demo", { from: "2099-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" });
    expect(kpi("MY-KL", "PROBLEM_HANDLING_RATE")).toEqual({ value: 100, measuredOn: 1, meetsTarget: true });
  });

  it("provider disputes keep their own figure in networkReport, disputeHandlingSatisfaction", async () => {
    const response = await t.as("president@cn.demo").query(
      `query($from: DateTimeISO, $to: DateTimeISO) { networkReport(from: $from, to: $to) { rows { tenant { code } ratedComplaints disputeHandlingSatisfaction } } }`,
      { from: "2025-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" },
    );
    expect(response.data.networkReport.rows.find((r: any) => r.tenant.code === "CN-IT")).toEqual({ tenant: { code: "CN-IT" }, ratedComplaints: 1, disputeHandlingSatisfaction: 0 });
  });
});
