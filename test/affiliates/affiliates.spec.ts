import { demoId } from "../../src/demo-data/demo-data";
import { addMember, approvalRequestOf } from "../support/owner-rows";
import { asRuntimeRole } from "../support/runtime-role";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });

const tenant = (code: string) => demoId("tenant", code);
const V1 = demoId("service-standard", "cn-it-delivery:1");
const V2 = demoId("service-standard", "cn-it-delivery:2");
const V2_REQUEST = demoId("approval", "cn-it-delivery-standard-v2");
const Q1_REPORT = demoId("business-report", "cn-it:2026-q1");

const SUBMIT_STANDARD = `mutation($input: SubmitServiceStandardInput!) { submitServiceStandard(input: $input) { id title version status publishedAt } }`;
const DECIDE = `mutation($id: ID!, $decision: ApprovalDecision!, $reason: String) { decideApproval(id: $id, decision: $decision, reason: $reason) { status } }`;
const STANDARD = `query($id: ID!) { serviceStandard(id: $id) { id version status publishedAt decidedAt company { code } } }`;
const STANDARDS = `query($publishedOnly: Boolean) { serviceStandards(first: 100, publishedOnly: $publishedOnly) { totalCount edges { node { id status } } } }`;
const SUBMIT_REPORT = `mutation($input: SubmitBusinessReportInput!) { submitBusinessReport(input: $input) { id periodFrom periodUntil revenueMinor currency company { code } } }`;
const REPORTS = `query($from: String, $to: String) { businessReports(first: 100, from: $from, to: $to) { totalCount edges { node { id periodFrom } } } }`;

const standardIds = async (email: string, publishedOnly?: boolean) =>
  (await t.as(email).query(STANDARDS, { publishedOnly })).data.serviceStandards.edges.map((e: { node: { id: string } }) => e.node.id).sort();
const reportIds = async (email: string) => (await t.as(email).query(REPORTS)).data.businessReports.edges.map((e: { node: { id: string } }) => e.node.id).sort();
const countRows = async (table: string) => (await t.database.owner.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

describe("service standards: submission, review and versions", () => {
  it("a new version of a title under review is refused while another version of it awaits the centre", async () => {
    const before = await countRows("service_standards");
    const response = await t.as("admin@cn-it.demo").query(SUBMIT_STANDARD, {
      input: { title: "IT service delivery standard", scope: "s", content: "c" },
    });
    expect(errorCode(response)).toBe("CONFLICT");
    expect(await countRows("service_standards")).toBe(before);
  });

  it("only an affiliated company's management submits: a city centre, a staff member and the auditor are refused", async () => {
    await addMember(t.database.owner, "staff@cn-it.test", "CN-IT", "STAFF");
    for (const email of ["president@cn-sh.demo", "staff@cn-it.test", "auditor@hq.demo", "president@cn.demo"]) {
      expect([email, errorCode(await t.as(email).query(SUBMIT_STANDARD, { input: { title: "X", scope: "s", content: "c" } }))]).toEqual([email, "FORBIDDEN"]);
    }
  });

  it("a blank title or content is bad input and writes nothing", async () => {
    const before = [await countRows("service_standards"), await countRows("approval_requests")];
    for (const input of [{ title: " ", scope: "s", content: "c" }, { title: "T", scope: "s", content: "  " }]) {
      expect(errorCode(await t.as("admin@cn-it.demo").query(SUBMIT_STANDARD, { input }))).toBe("BAD_USER_INPUT");
    }
    expect([await countRows("service_standards"), await countRows("approval_requests")]).toEqual(before);
  });

  it("the national centre's finance head (level 3) cannot decide; its president approves v2, which supersedes v1", async () => {
    expect(errorCode(await t.as("finance@cn.demo").query(DECIDE, { id: V2_REQUEST, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect((await t.as("president@cn.demo").query(DECIDE, { id: V2_REQUEST, decision: "APPROVE" })).data.decideApproval.status).toBe("APPROVED");
    const [v1, v2] = await Promise.all([V1, V2].map(async (id) => (await t.as("admin@cn-it.demo").query(STANDARD, { id })).data.serviceStandard));
    expect(v1).toMatchObject({ status: "SUPERSEDED", publishedAt: expect.any(String) });
    expect(v2).toMatchObject({ status: "APPROVED", publishedAt: expect.any(String), decidedAt: expect.any(String) });
    expect(await standardIds("president@cn.demo", true)).toEqual([V2]);
    // A decided request is decided once.
    expect(errorCode(await t.as("president@cn.demo").query(DECIDE, { id: V2_REQUEST, decision: "REJECT", reason: "late" }))).toBe("CONFLICT");
  });

  it("the next version of the title is numbered 3; a rejection leaves v2 in force and frees the title again", async () => {
    const v3 = (await t.as("admin@cn-it.demo").query(SUBMIT_STANDARD, { input: { title: "IT service delivery standard", scope: "s", content: "v3" } })).data
      .submitServiceStandard;
    expect(v3).toMatchObject({ version: 3, status: "SUBMITTED", publishedAt: null });
    expect((await t.as("president@cn.demo").query(DECIDE, { id: await approvalRequestOf(t.database.owner, v3.id), decision: "REJECT", reason: "Too vague" })).data.decideApproval.status).toBe("REJECTED");
    expect((await t.as("admin@cn-it.demo").query(STANDARD, { id: v3.id })).data.serviceStandard).toMatchObject({ status: "REJECTED", decidedAt: expect.any(String) });
    expect((await t.as("admin@cn-it.demo").query(STANDARD, { id: V2 })).data.serviceStandard.status).toBe("APPROVED");
    const v4 = (await t.as("admin@cn-it.demo").query(SUBMIT_STANDARD, { input: { title: "IT service delivery standard", scope: "s", content: "v4" } })).data
      .submitServiceStandard;
    expect(v4.version).toBe(4);
  });

  it("the company withdraws its own submission: WITHDRAWN, and never approved afterwards", async () => {
    const standard = (await t.as("admin@cn-it.demo").query(SUBMIT_STANDARD, { input: { title: "Data protection", scope: "s", content: "c" } })).data
      .submitServiceStandard;
    expect(standard.version).toBe(1);
    const requestId = await approvalRequestOf(t.database.owner, standard.id);
    expect((await t.as("admin@cn-it.demo").query(`mutation($id: ID!) { withdrawApproval(id: $id) { status } }`, { id: requestId })).errors).toBeUndefined();
    expect((await t.as("admin@cn-it.demo").query(STANDARD, { id: standard.id })).data.serviceStandard.status).toBe("WITHDRAWN");
    expect(errorCode(await t.as("president@cn.demo").query(DECIDE, { id: requestId, decision: "APPROVE" }))).toBe("CONFLICT");
  });
});

describe("publication to the centre chain", () => {
  it("a head-office staff member, who reads no subtree, reads the approved standard but not the one under review", async () => {
    await addMember(t.database.owner, "staff@hq.test", "HQ", "STAFF");
    const pending = (await t.as("admin@cn-it.demo").query(SUBMIT_STANDARD, { input: { title: "Media standard", scope: "s", content: "c" } })).data
      .submitServiceStandard;
    const published = (await t.as("staff@hq.test").query(STANDARD, { id: V2 })).data.serviceStandard;
    expect(published).toMatchObject({ id: V2, status: "APPROVED", company: null });
    expect((await t.as("staff@hq.test").query(STANDARD, { id: pending.id })).data.serviceStandard).toBeNull();
    expect(await standardIds("staff@hq.test")).toEqual([V2]);
  });

  it("before approval the company, its national centre and head office's president read it; siblings and Malaysia see nothing", async () => {
    const pending = (await t.as("admin@cn-it.demo").query(SUBMIT_STANDARD, { input: { title: "Support hotline", scope: "s", content: "c" } })).data
      .submitServiceStandard;
    for (const email of ["admin@cn-it.demo", "president@cn.demo", "finance@cn.demo", "president@hq.demo", "auditor@hq.demo"]) {
      expect([email, (await t.as(email).query(STANDARD, { id: pending.id })).data.serviceStandard?.id]).toEqual([email, pending.id]);
    }
    for (const email of ["president@cn-sh.demo", "president@my.demo", "consultant@my-kl.demo", "admin@cn-sh-cert.demo"]) {
      expect([email, await standardIds(email)]).toEqual([email, []]);
    }
  });

  it("in SQL the national centre cannot rewrite the content of a submitted standard, only the decision columns", async () => {
    const pending = (await t.database.owner.query("SELECT id FROM service_standards WHERE status = 'SUBMITTED' LIMIT 1")).rows[0].id;
    await expect(
      asRuntimeRole(t.database.owner, tenant("CN"), demoId("user", "president@cn.demo"), (sql) =>
        sql.query("UPDATE service_standards SET content = 'rewritten' WHERE id = $1", [pending]),
      ),
    ).rejects.toMatchObject({ code: "42501" });
  });
});

describe("business reports", () => {
  const report = (periodFrom: string, periodUntil: string, revenueMinor = "1000") => ({
    input: { periodFrom, periodUntil, revenueMinor, currency: "CNY", projects: 3, clientsServed: 9, issues: "none" },
  });

  it("the company reports a period once: the same period again is a CONFLICT", async () => {
    const created = (await t.as("admin@cn-it.demo").query(SUBMIT_REPORT, report("2026-07-01", "2026-09-30", "123456789012"))).data.submitBusinessReport;
    expect(created).toMatchObject({ periodFrom: "2026-07-01", revenueMinor: "123456789012", company: { code: "CN-IT" } });
    const before = await countRows("business_reports");
    expect(errorCode(await t.as("admin@cn-it.demo").query(SUBMIT_REPORT, report("2026-07-01", "2026-09-30")))).toBe("CONFLICT");
    expect(await countRows("business_reports")).toBe(before);
  });

  it.each([
    ["a period ending before it starts", report("2026-10-01", "2026-09-30")],
    ["a date that does not exist", report("2026-02-01", "2026-02-30")],
    ["a negative revenue", report("2026-10-01", "2026-12-31", "-5")],
    ["a fractional revenue", report("2026-10-01", "2026-12-31", "1.5")],
    ["a revenue beyond a bigint", report("2026-10-01", "2026-12-31", "9999999999999999999")],
    ["a lower-case currency", { input: { ...report("2026-10-01", "2026-12-31").input, currency: "cny" } }],
  ])("%s is bad input and writes nothing", async (_label, variables) => {
    const before = await countRows("business_reports");
    expect(errorCode(await t.as("admin@cn-it.demo").query(SUBMIT_REPORT, variables))).toBe("BAD_USER_INPUT");
    expect(await countRows("business_reports")).toBe(before);
  });

  it("the national centre's members and head office read them; siblings, Malaysia and the partner never", async () => {
    await addMember(t.database.owner, "staff@cn.test", "CN", "STAFF", "OPERATIONS");
    for (const email of ["admin@cn-it.demo", "president@cn.demo", "finance@cn.demo", "staff@cn.test", "president@hq.demo", "auditor@hq.demo"]) {
      expect([email, await reportIds(email)]).toEqual([email, expect.arrayContaining([Q1_REPORT])]);
    }
    for (const email of ["president@cn-sh.demo", "president@cn-sz.demo", "president@my.demo", "admin@cn-sh-cert.demo"]) {
      expect([email, await reportIds(email), (await t.as(email).query(`query($id: ID!) { businessReport(id: $id) { id } }`, { id: Q1_REPORT })).data.businessReport]).toEqual([email, [], null]);
    }
  });

  it("filters by period: from and to keep the overlapping reports", async () => {
    const ids = (await t.as("president@cn.demo").query(REPORTS, { from: "2026-02-01", to: "2026-03-01" })).data.businessReports.edges.map(
      (e: { node: { id: string } }) => e.node.id,
    );
    expect(ids).toEqual([Q1_REPORT]);
  });

  it("in SQL the national centre cannot change a company's report: the update touches no row", async () => {
    const result = await asRuntimeRole(t.database.owner, tenant("CN"), demoId("user", "president@cn.demo"), (sql) =>
      sql.query("UPDATE business_reports SET revenue_minor = 0 WHERE id = $1", [Q1_REPORT]),
    );
    expect(result.rowCount).toBe(0);
  });
});
