import { escalateOverdueApprovals } from "../../src/modules/approvals/approval-escalation.job";
import { DEFAULT_APPROVAL_SLA_WORKING_DAYS } from "../../src/modules/approvals/approval-sla";
import { demoId } from "../../src/demo-data/demo-data";
import { addMember, addMembership, approvalRequestOf } from "../support/owner-rows";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });

const REQUEST_GRANT = `mutation($input: RequestGrantInput!) { requestGrant(input: $input) { id status } }`;
const DECIDE = `mutation($id: ID!, $decision: ApprovalDecision!, $reason: String) {
  decideApproval(id: $id, decision: $decision, reason: $reason) { id status currentStep { tenant { code } minAuthorityLevel } }
}`;
const INBOX = `{ approvalInbox(first: 100) { totalCount edges { node { id subjectType level tenant { code } requester { email } currentStep { tenant { code } minAuthorityLevel } } } } }`;

/** A grant request by `email`; returns the grant and its approval request ids. */
async function requestGrant(email: string, level: number, matter = `Matter ${Math.random()}`) {
  const input = { matter, scope: "Everywhere", level, validFrom: "2026-01-01T00:00:00Z", validUntil: "2099-01-01T00:00:00Z" };
  const grantId = (await t.as(email).data(REQUEST_GRANT, { input })).requestGrant.id;
  return { grantId, requestId: await approvalRequestOf(t.database.owner, grantId) };
}
const inboxIds = async (email: string, tenant?: string) =>
  (await t.as(email, { tenant }).query(INBOX)).data.approvalInbox.edges.map((e: { node: { id: string } }) => e.node.id);
const requestRow = async (id: string) => (await t.database.owner.query("SELECT * FROM approval_requests WHERE id = $1", [id])).rows[0];
const grantStatus = async (grantId: string) =>
  (await t.as("president@hq.demo").query("query($id: ID!) { grant(id: $id) { status noticeNumber } }", { id: grantId })).data.grant;

describe("the approval inbox", () => {
  it.each([
    ["president@cn-sh.demo", ["cn-sh-staff-training", "certification-2026-legal-review", "framework-february-settlement", "cn-sh-cert-re-review"]],
    ["president@cn-sz.demo", ["cn-sz-consultant-contracts"]],
    ["president@my.demo", ["my-kl-consultant-certification"]],
    ["president@cn.demo", ["cn-sh-president-partners", "cn-it-delivery-standard-v2", "cn-settlement-cn-sz-2026-q1"]],
    ["president@hq.demo", []],
    ["auditor@hq.demo", []],
    ["staff@cn-sh.demo", ["framework-february-settlement"]],
    ["consultant@my-kl.demo", []],
    ["finance@cn.demo", []],
  ])("%s sees exactly the demo requests it may decide", async (email, keys) => {
    expect((await inboxIds(email)).sort()).toEqual(keys.map((key) => demoId("approval", key)).sort());
  });

  it("never lists a grandchild's request nor the caller's own", async () => {
    const { requestId } = await requestGrant("president@cn-sh.demo", 2);
    expect(await inboxIds("president@cn-sh.demo")).not.toContain(requestId);
    expect(await inboxIds("president@hq.demo")).not.toContain(requestId);
  });
});

describe("deciding", () => {
  it("a centre's president approves a staff member's level-3 grant: the grant is active with the next notice number", async () => {
    const { grantId, requestId } = await requestGrant("staff@cn-sh.demo", 3);
    expect(await inboxIds("president@cn-sh.demo")).toContain(requestId);
    const decided = await t.as("president@cn-sh.demo").query(DECIDE, { id: requestId, decision: "APPROVE" });
    expect(decided.data.decideApproval).toEqual({ id: requestId, status: "APPROVED", currentStep: null });
    const grant = await grantStatus(grantId);
    expect(grant.status).toBe("ACTIVE");
    expect(grant.noticeNumber).toMatch(new RegExp(`^CN-SH-${new Date().getUTCFullYear()}-\\d{4}$`));
    const steps = (await t.database.owner.query("SELECT decided_by, decision, decided_at FROM approval_steps WHERE request_id = $1", [requestId])).rows;
    expect(steps).toEqual([{ decided_by: demoId("user", "president@cn-sh.demo"), decision: "APPROVE", decided_at: expect.any(Date) }]);
  });

  it("skip-level is refused: head office cannot decide a city centre's step, nor the national centre its own-tenant step", async () => {
    const requestId = demoId("approval", "cn-sh-staff-training");
    const before = await requestRow(requestId);
    expect(errorCode(await t.as("president@hq.demo").query(DECIDE, { id: requestId, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn.demo").query(DECIDE, { id: requestId, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect(await requestRow(requestId)).toEqual(before);
  });

  it("an authority level below the step's is refused", async () => {
    const { requestId } = await requestGrant("consultant@cn-sh.demo", 3);
    const before = await requestRow(requestId);
    expect(errorCode(await t.as("staff@cn-sh.demo").query(DECIDE, { id: requestId, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect(await requestRow(requestId)).toEqual(before);
  });

  it("nobody decides their own request", async () => {
    const { requestId } = await requestGrant("president@cn-sz.demo", 2);
    expect(errorCode(await t.as("president@cn-sz.demo").query(DECIDE, { id: requestId, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect((await requestRow(requestId)).status).toBe("PENDING");
  });

  it("a level-1 grant needs its own president, then the parent's president; one person never decides two steps", async () => {
    await addMember(t.database.owner, "deputy@cn-sh.test", "CN-SH", "DEPUTY");
    const { grantId, requestId } = await requestGrant("deputy@cn-sh.test", 1);
    const first = await t.as("president@cn-sh.demo").query(DECIDE, { id: requestId, decision: "APPROVE" });
    expect(first.data.decideApproval).toMatchObject({ status: "PENDING", currentStep: { tenant: { code: "CN" }, minAuthorityLevel: 1 } });
    expect((await grantStatus(grantId)).status).toBe("PENDING");

    // The same person, acting through a membership of the parent, may not decide the second step.
    await addMembership(t.database.owner, demoId("user", "president@cn-sh.demo"), "CN", "PRESIDENT");
    const twice = await t.as("president@cn-sh.demo", { tenant: "CN" }).query(DECIDE, { id: requestId, decision: "APPROVE" });
    expect(errorCode(twice)).toBe("FORBIDDEN");

    const second = await t.as("president@cn.demo").query(DECIDE, { id: requestId, decision: "APPROVE" });
    expect(second.data.decideApproval.status).toBe("APPROVED");
    expect((await grantStatus(grantId)).noticeNumber).toMatch(/^CN-\d{4}-\d{4}$/);
  });

  it("a decided request cannot be decided again (CONFLICT)", async () => {
    const { requestId } = await requestGrant("staff@cn-sh.demo", 4);
    await t.as("president@cn-sh.demo").query(DECIDE, { id: requestId, decision: "APPROVE" });
    expect(errorCode(await t.as("president@cn-sh.demo").query(DECIDE, { id: requestId, decision: "REJECT", reason: "late" }))).toBe("CONFLICT");
  });

  it("REJECT needs a reason, then ends the request and the grant", async () => {
    const { grantId, requestId } = await requestGrant("staff@cn-sh.demo", 4);
    expect(errorCode(await t.as("president@cn-sh.demo").query(DECIDE, { id: requestId, decision: "REJECT" }))).toBe("BAD_USER_INPUT");
    expect((await requestRow(requestId)).status).toBe("PENDING");
    const rejected = await t.as("president@cn-sh.demo").query(DECIDE, { id: requestId, decision: "REJECT", reason: "Not needed" });
    expect(rejected.data.decideApproval.status).toBe("REJECTED");
    expect((await grantStatus(grantId)).status).toBe("REJECTED");
    const { rows } = await t.database.owner.query("SELECT reason FROM approval_steps WHERE request_id = $1", [requestId]);
    expect(rows).toEqual([{ reason: "Not needed" }]);
  });

  it("ESCALATE hands the step to the parent, which decides at its own step; the parent cannot escalate to the grandparent", async () => {
    const { requestId } = await requestGrant("staff@cn-sh.demo", 3);
    const escalated = await t.as("president@cn-sh.demo").query(DECIDE, { id: requestId, decision: "ESCALATE", reason: "Needs the national view" });
    expect(escalated.data.decideApproval.currentStep).toEqual({ tenant: { code: "CN" }, minAuthorityLevel: 2 });
    expect(await inboxIds("president@cn.demo")).toContain(requestId);
    expect(await inboxIds("president@cn-sh.demo")).not.toContain(requestId);
    expect(errorCode(await t.as("president@cn.demo").query(DECIDE, { id: requestId, decision: "ESCALATE" }))).toBe("CONFLICT");
    expect(errorCode(await t.as("president@hq.demo").query(DECIDE, { id: requestId, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect((await t.as("president@cn.demo").query(DECIDE, { id: requestId, decision: "APPROVE" })).data.decideApproval.status).toBe("APPROVED");
  });

  it("many people deciding the same step at the same moment: exactly one decision is recorded", async () => {
    await addMember(t.database.owner, "deputy2@cn-sh.test", "CN-SH", "DEPUTY");
    await addMember(t.database.owner, "head@cn-sh.test", "CN-SH", "DEPARTMENT_HEAD");
    const { requestId } = await requestGrant("staff@cn-sh.demo", 3);
    const deciders = ["president@cn-sh.demo", "deputy2@cn-sh.test", "head@cn-sh.test"];
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.as(deciders[i % deciders.length]).query(DECIDE, i % 2 ? { id: requestId, decision: "APPROVE" } : { id: requestId, decision: "REJECT", reason: "no" }),
      ),
    );
    const succeeded = attempts.filter((response) => response.data?.decideApproval);
    expect(succeeded).toHaveLength(1);
    for (const response of attempts.filter((r) => !r.data?.decideApproval)) expect(errorCode(response)).toBe("CONFLICT");
    const { rows } = await t.database.owner.query("SELECT count(*)::int AS n FROM approval_steps WHERE request_id = $1 AND decided_at IS NOT NULL", [requestId]);
    expect(rows[0].n).toBe(1);
  });
});

describe("withdrawal", () => {
  it("the requester withdraws before the first decision; the grant is withdrawn too", async () => {
    const { grantId, requestId } = await requestGrant("staff@cn-sh.demo", 4);
    expect(errorCode(await t.as("president@cn-sh.demo").query(`mutation($id: ID!) { withdrawApproval(id: $id) { status } }`, { id: requestId }))).toBe("FORBIDDEN");
    const withdrawn = await t.as("staff@cn-sh.demo").query(`mutation($id: ID!) { withdrawApproval(id: $id) { status currentStep { minAuthorityLevel } } }`, { id: requestId });
    expect(withdrawn.data.withdrawApproval).toEqual({ status: "WITHDRAWN", currentStep: null });
    expect((await grantStatus(grantId)).status).toBe("WITHDRAWN");
    expect(await inboxIds("president@cn-sh.demo")).not.toContain(requestId);
  });

  it("after the first decision a request can no longer be withdrawn", async () => {
    await addMember(t.database.owner, "deputy3@cn-sh.test", "CN-SH", "DEPUTY");
    const { requestId } = await requestGrant("deputy3@cn-sh.test", 1);
    await t.as("president@cn-sh.demo").query(DECIDE, { id: requestId, decision: "APPROVE" });
    const response = await t.as("deputy3@cn-sh.test").query(`mutation($id: ID!) { withdrawApproval(id: $id) { status } }`, { id: requestId });
    expect(errorCode(response)).toBe("CONFLICT");
    expect((await requestRow(requestId)).status).toBe("PENDING");
  });
});

describe("SLA", () => {
  it("a step past its SLA is flagged overdue", async () => {
    const { requestId } = await requestGrant("consultant@cn-sz.demo", 4);
    const query = `query($id: ID!) { approvalRequest(id: $id) { overdue currentStep { overdue dueAt } } }`;
    expect((await t.as("president@cn-sz.demo").query(query, { id: requestId })).data.approvalRequest.overdue).toBe(false);
    await t.database.owner.query("UPDATE approval_steps SET due_at = now() - interval '1 hour' WHERE request_id = $1", [requestId]);
    expect((await t.as("president@cn-sz.demo").query(query, { id: requestId })).data.approvalRequest).toMatchObject({ overdue: true, currentStep: { overdue: true } });
  });

  it("the escalation job moves overdue own-tenant steps to the parent, once: running it again changes nothing", async () => {
    const later = new Date(Date.now() + 60 * 24 * 3_600_000);
    const { requestId } = await requestGrant("consultant@cn-sz.demo", 3);
    const first = await escalateOverdueApprovals(t.app.dataSource, DEFAULT_APPROVAL_SLA_WORKING_DAYS, later);
    expect(first).toBeGreaterThanOrEqual(1);
    const steps = (await t.database.owner.query("SELECT position, status, automatic, deciding_tenant_id FROM approval_steps WHERE request_id = $1 ORDER BY position", [requestId])).rows;
    expect(steps).toEqual([
      { position: 0, status: "ESCALATED", automatic: true, deciding_tenant_id: demoId("tenant", "CN-SZ") },
      { position: 1, status: "PENDING", automatic: false, deciding_tenant_id: demoId("tenant", "CN") },
    ]);
    expect(await inboxIds("president@cn.demo")).toContain(requestId);
    expect(await escalateOverdueApprovals(t.app.dataSource, DEFAULT_APPROVAL_SLA_WORKING_DAYS, later)).toBe(0);
  });
});

describe("grants", () => {
  it("no skip-level grants: holding level 4 one may ask for 3, not 2 or 1; once 3 is active, for 2", async () => {
    await addMember(t.database.owner, "staff2@cn-sz.test", "CN-SZ", "STAFF");
    const ask = (level: number) =>
      t.as("staff2@cn-sz.test").query(REQUEST_GRANT, {
        input: { matter: `Level ${level}`, scope: "x", level, validFrom: "2026-01-01T00:00:00Z", validUntil: "2099-01-01T00:00:00Z" },
      });
    const count = async () => (await t.database.owner.query("SELECT count(*)::int AS n FROM grants")).rows[0].n;
    const before = await count();
    for (const level of [2, 1]) expect(errorCode(await ask(level))).toBe("FORBIDDEN");
    expect(await count()).toBe(before);

    const levelThree = await ask(3);
    await t.as("president@cn-sz.demo").query(DECIDE, { id: await approvalRequestOf(t.database.owner, levelThree.data.requestGrant.id), decision: "APPROVE" });
    expect((await ask(2)).data.requestGrant.status).toBe("PENDING");
    expect(errorCode(await ask(1))).toBe("FORBIDDEN");
  });

  it("notice numbers stay unique and gap-free when many grants are approved at once", async () => {
    const requests = [];
    for (let i = 0; i < 8; i++) requests.push(await requestGrant("staff@cn-sh.demo", 4));
    await Promise.all(requests.map(({ requestId }) => t.as("president@cn-sh.demo").query(DECIDE, { id: requestId, decision: "APPROVE" })));
    const { rows } = await t.database.owner.query(
      "SELECT number FROM notices WHERE tenant_id = $1 AND year = $2 ORDER BY number",
      [demoId("tenant", "CN-SH"), new Date().getUTCFullYear()],
    );
    const numbers = rows.map((r: { number: number }) => r.number);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    expect(numbers.length).toBeGreaterThanOrEqual(8);
  });

  it("an expired or revoked grant never counts as active", async () => {
    const expiring = await requestGrant("staff@cn-sh.demo", 4);
    const revoking = await requestGrant("staff@cn-sh.demo", 4);
    for (const { requestId } of [expiring, revoking]) await t.as("president@cn-sh.demo").query(DECIDE, { id: requestId, decision: "APPROVE" });
    await t.database.owner.query("UPDATE grants SET valid_until = now() - interval '1 second' WHERE id = $1", [expiring.grantId]);
    const revoked = await t.as("president@cn-sh.demo").query(`mutation($id: ID!) { revokeGrant(id: $id, reason: "Role changed") { status revocationReason } }`, { id: revoking.grantId });
    expect(revoked.data.revokeGrant).toEqual({ status: "REVOKED", revocationReason: "Role changed" });
    expect((await grantStatus(expiring.grantId)).status).toBe("EXPIRED");
    const active = await t.as("president@cn-sh.demo").query(`{ grants(status: ACTIVE, first: 100) { edges { node { id status } } } }`);
    const activeIds = active.data.grants.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(activeIds).not.toContain(expiring.grantId);
    expect(activeIds).not.toContain(revoking.grantId);
    expect(errorCode(await t.as("president@cn-sh.demo").query(`mutation($id: ID!) { revokeGrant(id: $id, reason: "again") { status } }`, { id: expiring.grantId }))).toBe("CONFLICT");
  });

  it("only the granting side revokes: the parent may not revoke what the centre granted", async () => {
    const { grantId, requestId } = await requestGrant("staff@cn-sh.demo", 4);
    await t.as("president@cn-sh.demo").query(DECIDE, { id: requestId, decision: "APPROVE" });
    const response = await t.as("president@cn.demo").query(`mutation($id: ID!) { revokeGrant(id: $id, reason: "x") { status } }`, { id: grantId });
    expect(errorCode(response)).toBe("FORBIDDEN");
    expect((await grantStatus(grantId)).status).toBe("ACTIVE");
  });
});
