import { demoId } from "../../src/demo-data/demo-data";
import { errorCode, useTestApp } from "../support/test-app";
import { approvalRequestOf } from "../support/owner-rows";
import { FILE, PARTNER_CARD, SUBMIT_FILE, admittedPartner, registerPartner } from "../support/partner-network";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });

const SUSPEND = `mutation($id: ID!, $reason: String!) { suspendPartner(id: $id, reason: $reason) { status statusReason } }`;
const REINSTATE = `mutation($id: ID!, $note: String!) { reinstatePartner(id: $id, note: $note) { status statusReason } }`;
const TERMINATE = `mutation($id: ID!, $reason: String!) { terminatePartner(id: $id, reason: $reason) { status statusReason } }`;
const tenantStatus = async (id: string) => (await t.database.owner.query("SELECT status FROM tenants WHERE id = $1", [id])).rows[0].status;

describe("the partner status lifecycle", () => {
  it("ACTIVE → SUSPENDED → ACTIVE → TERMINATED, each with its reason on the archive card (and in the audit trail)", async () => {
    const { id } = await admittedPartner(t, "president@cn-sh.demo", "SH-CYCLE");
    expect((await t.as("president@cn-sh.demo").data(SUSPEND, { id, reason: "Late reports" })).suspendPartner).toEqual({ status: "SUSPENDED", statusReason: "Late reports" });
    expect((await t.as("president@cn-sh.demo").data(REINSTATE, { id, note: "Rectified" })).reinstatePartner).toEqual({ status: "ACTIVE", statusReason: "Rectified" });
    expect((await t.as("president@cn-sh.demo").data(TERMINATE, { id, reason: "Contract ended" })).terminatePartner).toEqual({ status: "TERMINATED", statusReason: "Contract ended" });
    const { rows } = await t.database.owner.query(
      "SELECT operation, after->>'status_reason' AS reason FROM audit_log WHERE target_type = 'partner_profiles' AND action = 'UPDATE' AND target_id = (SELECT id FROM partner_profiles WHERE tenant_id = $1) ORDER BY seq",
      [id],
    );
    expect(rows.map((r: any) => `${r.operation}: ${r.reason}`)).toEqual(
      expect.arrayContaining(["mutation suspendPartner: Late reports", "mutation reinstatePartner: Rectified", "mutation terminatePartner: Contract ended"]),
    );
  });

  it("an APPLIED partner may be terminated; its file under review is rejected with the reason", async () => {
    const { id, adminEmail } = await registerPartner(t, "president@cn-sh.demo", "SH-APPLIED");
    const file = (await t.as(adminEmail).data(SUBMIT_FILE, { input: FILE })).submitPartnerQualification;
    await t.as("president@cn-sh.demo").data(TERMINATE, { id, reason: "Withdrew from the tender" });
    const { rows } = await t.database.owner.query("SELECT status FROM approval_requests WHERE id = $1", [await approvalRequestOf(t.database.owner, file.id)]);
    expect(rows[0].status).toBe("REJECTED");
    expect((await t.as("president@cn-sh.demo").data(PARTNER_CARD, { id })).partner.qualifications).toEqual([expect.objectContaining({ status: "REJECTED" })]);
  });

  it.each([
    ["suspend an APPLIED partner", "APPLIED", SUSPEND],
    ["reinstate an ACTIVE partner", "ACTIVE", REINSTATE],
    ["suspend a SUSPENDED partner", "SUSPENDED", SUSPEND],
    ["reinstate a TERMINATED partner", "TERMINATED", REINSTATE],
    ["terminate a TERMINATED partner", "TERMINATED", TERMINATE],
    ["suspend a TERMINATED partner", "TERMINATED", SUSPEND],
  ])("illegal: %s is CONFLICT and changes nothing", async (_name, status, mutation) => {
    const { id } = await registerPartner(t, "president@cn-sh.demo", `SH-ILLEGAL-${Math.random().toString(36).slice(2, 8).toUpperCase()}`);
    await t.database.owner.query("UPDATE tenants SET status = $2 WHERE id = $1", [id, status]);
    const response = await t.as("president@cn-sh.demo").query(mutation, { id, reason: "x", note: "x" });
    expect(errorCode(response)).toBe("CONFLICT");
    expect(await tenantStatus(id)).toBe(status);
  });

  it("a blank reason is BAD_USER_INPUT", async () => {
    const id = demoId("tenant", "CN-SH-CERT");
    expect(errorCode(await t.as("president@cn-sh.demo").query(SUSPEND, { id, reason: "  " }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await t.as("president@cn-sh.demo").query(TERMINATE, { id, reason: "" }))).toBe("BAD_USER_INPUT");
    expect(await tenantStatus(id)).toBe("ACTIVE");
  });

  it.each([
    ["president@cn.demo", "FORBIDDEN", "the grandparent reads but does not decide"],
    ["president@cn-sz.demo", "NOT_FOUND", "a sibling centre sees nothing"],
    ["president@my.demo", "NOT_FOUND", "another country sees nothing"],
    ["staff@cn-sh.demo", "FORBIDDEN", "level 4 staff of the parent"],
    ["auditor@hq.demo", "FORBIDDEN", "an auditor"],
    ["admin@cn-sh-cert.demo", "FORBIDDEN", "the partner itself"],
  ])("%s may not change CN-SH-CERT's status (%s: %s)", async (email, code) => {
    const id = demoId("tenant", "CN-SH-CERT");
    expect(errorCode(await t.as(email).query(SUSPEND, { id, reason: "No" }))).toBe(code);
    expect(await tenantStatus(id)).toBe("ACTIVE");
  });

  it("a non-partner tenant is not a partner: suspending CN-IT is NOT_FOUND", async () => {
    expect(errorCode(await t.as("president@cn.demo").query(SUSPEND, { id: demoId("tenant", "CN-IT"), reason: "No" }))).toBe("NOT_FOUND");
  });

  it("concurrent suspensions: exactly one wins, the rest are CONFLICT", async () => {
    const { id } = await admittedPartner(t, "president@cn-sh.demo", "SH-RACE");
    const attempts = await Promise.all(Array.from({ length: 6 }, () => t.as("president@cn-sh.demo").query(SUSPEND, { id, reason: "Race" })));
    expect(attempts.filter((r) => r.data?.suspendPartner)).toHaveLength(1);
    for (const response of attempts.filter((r) => !r.data?.suspendPartner)) expect(errorCode(response)).toBe("CONFLICT");
  });
});

describe("what a status means to the partner's members", () => {
  it("a suspended partner still reads its archive but writes nothing: its writable set is empty", async () => {
    const { id, adminEmail } = await admittedPartner(t, "president@cn-sh.demo", "SH-SUSPENDED");
    await t.as("president@cn-sh.demo").data(SUSPEND, { id, reason: "Investigation" });
    expect((await t.as(adminEmail).data(PARTNER_CARD, { id })).partner).toMatchObject({ status: "SUSPENDED", statusReason: "Investigation" });
    expect(errorCode(await t.as(adminEmail).query(SUBMIT_FILE, { input: FILE }))).toBe("FORBIDDEN");
    expect((await t.database.owner.query("SELECT count(*)::int AS n FROM partner_qualifications WHERE tenant_id = $1", [id])).rows[0].n).toBe(1);
    const userId = (await t.database.owner.query("SELECT id FROM users WHERE email = $1", [adminEmail])).rows[0].id;
    const { rows } = await t.database.owner.query("SELECT visible_tenant_ids, writable_tenant_ids FROM app.enter_request($1, NULL)", [userId]);
    expect(rows[0]).toEqual({ visible_tenant_ids: [id], writable_tenant_ids: [] });
  });

  it("a terminated partner's members can no longer log in nor act with an earlier token; the centre still reads its whole history", async () => {
    const { id, adminEmail } = await admittedPartner(t, "president@cn-sh.demo", "SH-ENDED");
    await t.as("president@cn-sh.demo").data(`mutation($input: RecordAssessmentInput!) { recordAssessment(input: $input) { grade } }`, {
      input: { providerId: id, periodFrom: "2026-01-01", periodUntil: "2026-03-31", quality: 80, efficiency: 80, satisfaction: 80, fulfilmentRate: 80 },
    });
    const token = await t.login(adminEmail);
    await t.as("president@cn-sh.demo").data(TERMINATE, { id, reason: "Fraud" });

    const login = await t.graphql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: adminEmail, p: "demo-password" });
    expect(errorCode(login)).toBe("UNAUTHENTICATED");
    const stale = await t.graphql("{ me { tenant { code } } }", {}, { token });
    expect(errorCode(stale)).toBe("UNAUTHENTICATED"); // the token names a membership of a tenant that no longer acts

    const archive = (await t.as("president@cn-sh.demo").data(PARTNER_CARD, { id })).partner;
    expect(archive).toMatchObject({ status: "TERMINATED", statusReason: "Fraud", grade: 2, admittedAt: expect.any(String) });
    expect(archive.qualifications).toEqual([expect.objectContaining({ purpose: "ADMISSION", status: "APPROVED" })]);
    expect(archive.assessments).toEqual([{ grade: 2, weightedScore: 80 }]);
    const listed = (await t.as("president@cn.demo").data(`query($s: TenantStatus) { partners(status: $s) { edges { node { id } } } }`, { s: "TERMINATED" })).partners.edges;
    expect(listed.map((e: any) => e.node.id)).toContain(id);
  });
});
