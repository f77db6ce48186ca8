import { demoId } from "../../src/demo-data/demo-data";
import { addMember, addMembership, approvalRequestOf } from "../support/owner-rows";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });

const DELEGATE = `mutation($input: DelegateApprovalsInput!) {
  delegateApprovals(input: $input) { id status startsAt endsAt delegator { id user { email } } delegate { id user { email } } tenant { code } }
}`;
const REVOKE = `mutation($id: ID!) { revokeApprovalDelegation(id: $id) { id status revokedAt } }`;
const DELEGATIONS = `{ approvalDelegations(first: 100) { totalCount edges { node { id status delegator { user { email } } delegate { user { email } } } } } }`;
const REQUEST_GRANT = `mutation($input: RequestGrantInput!) { requestGrant(input: $input) { id } }`;
const DECIDE = `mutation($id: ID!, $decision: ApprovalDecision!) { decideApproval(id: $id, decision: $decision) { id status } }`;
const INBOX = `{ approvalInbox(first: 100) { edges { node { id } } } }`;
const STEPS = `query($id: ID!) { approvalRequest(id: $id) { steps { decision decidedBy { email } onBehalfOf { email } decidedUnderGrantNotice } } }`;

const HOUR = 3_600_000;
const period = (fromHours = -1, toHours = 24) => ({ startsAt: new Date(Date.now() + fromHours * HOUR).toISOString(), endsAt: new Date(Date.now() + toHours * HOUR).toISOString() });
const membership = (email: string) => demoId("membership", email);
const testMembership = async (email: string, tenantCode: string) =>
  (await t.database.owner.query("SELECT id FROM memberships WHERE user_id = $1 AND tenant_id = $2", [demoId("test-user", email), demoId("tenant", tenantCode)])).rows[0].id as string;

async function delegate(from: string, toMembershipId: string, window = period()) {
  return (await t.as(from).data(DELEGATE, { input: { toMembershipId, ...window } })).delegateApprovals;
}
async function requestGrant(email: string, level: number) {
  const input = { matter: `Matter ${Math.random()}`, scope: "The centre", level, validFrom: "2026-01-01T00:00:00Z", validUntil: "2099-01-01T00:00:00Z" };
  const grantId = (await t.as(email).data(REQUEST_GRANT, { input })).requestGrant.id;
  return approvalRequestOf(t.database.owner, grantId);
}
const inboxIds = async (email: string, tenant?: string) =>
  (await t.as(email, { tenant }).data(INBOX)).approvalInbox.edges.map((edge: { node: { id: string } }) => edge.node.id);
const requestStatus = async (id: string) => (await t.database.owner.query("SELECT status FROM approval_requests WHERE id = $1", [id])).rows[0].status;

beforeAll(async () => {
  await addMember(t.database.owner, "cover@cn-sh.test", "CN-SH", "STAFF", "OPERATIONS");
  await addMember(t.database.owner, "head@cn-sh.test", "CN-SH", "DEPARTMENT_HEAD", "TRAINING");
  await addMember(t.database.owner, "deputy@cn-sh.test", "CN-SH", "DEPUTY", "MANAGEMENT");
});

describe("delegating approvals", () => {
  it("a delegate decides on the delegator's behalf, and the decision shows whose behalf it was on", async () => {
    const requestId = await requestGrant("consultant@cn-sh.demo", 3);
    expect(await inboxIds("staff@cn-sh.demo")).not.toContain(requestId);
    const made = await delegate("president@cn-sh.demo", membership("staff@cn-sh.demo"));
    expect(made).toMatchObject({
      status: "ACTIVE",
      delegator: { id: membership("president@cn-sh.demo"), user: { email: "president@cn-sh.demo" } },
      delegate: { id: membership("staff@cn-sh.demo"), user: { email: "staff@cn-sh.demo" } },
      tenant: { code: "CN-SH" },
    });
    expect(await inboxIds("staff@cn-sh.demo")).toContain(requestId);
    expect((await t.as("staff@cn-sh.demo").data(DECIDE, { id: requestId, decision: "APPROVE" })).decideApproval.status).toBe("APPROVED");
    const { approvalRequest } = await t.as("president@cn-sh.demo").data(STEPS, { id: requestId });
    expect(approvalRequest.steps).toEqual([
      { decision: "APPROVE", decidedBy: { email: "staff@cn-sh.demo" }, onBehalfOf: { email: "president@cn-sh.demo" }, decidedUnderGrantNotice: null },
    ]);
    for (const party of ["president@cn-sh.demo", "staff@cn-sh.demo"]) {
      expect((await t.as(party).data(DELEGATIONS)).approvalDelegations.edges.map((e: any) => e.node.id)).toContain(made.id);
    }
    expect((await t.as("consultant@cn-sh.demo").data(DELEGATIONS)).approvalDelegations.totalCount).toBe(0);
    await t.as("president@cn-sh.demo").data(REVOKE, { id: made.id });
  });

  it("a delegate never decides a request they made, nor their delegator's own", async () => {
    const made = await delegate("president@cn-sh.demo", membership("staff@cn-sh.demo"));
    const own = demoId("approval", "cn-sh-staff-training");
    expect(await inboxIds("staff@cn-sh.demo")).not.toContain(own);
    expect(errorCode(await t.as("staff@cn-sh.demo").query(DECIDE, { id: own, decision: "APPROVE" }))).toBe("FORBIDDEN");

    const delegators = await requestGrant("president@cn-sh.demo", 3);
    expect(await inboxIds("staff@cn-sh.demo")).not.toContain(delegators);
    expect(errorCode(await t.as("staff@cn-sh.demo").query(DECIDE, { id: delegators, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect([await requestStatus(own), await requestStatus(delegators)]).toEqual(["PENDING", "PENDING"]);
    await t.as("president@cn-sh.demo").data(REVOKE, { id: made.id });
  });

  it("the delegator's own authority is the ceiling: nobody decides above it on someone's behalf", async () => {
    const made = await delegate("head@cn-sh.test", membership("staff@cn-sh.demo"));
    const levelThree = await requestGrant("consultant@cn-sh.demo", 3);
    const levelTwo = await requestGrant("deputy@cn-sh.test", 2);
    expect(await inboxIds("staff@cn-sh.demo")).toEqual(expect.arrayContaining([levelThree]));
    expect(await inboxIds("staff@cn-sh.demo")).not.toContain(levelTwo);
    expect(errorCode(await t.as("staff@cn-sh.demo").query(DECIDE, { id: levelTwo, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect(await requestStatus(levelTwo)).toBe("PENDING");
    await t.as("head@cn-sh.test").data(REVOKE, { id: made.id });
  });

  it("delegation does not chain: a delegate's own delegate picks up only the delegate's own authority", async () => {
    const first = await delegate("president@cn-sh.demo", membership("staff@cn-sh.demo"));
    const second = await delegate("staff@cn-sh.demo", await testMembership("cover@cn-sh.test", "CN-SH"));
    const levelThree = await requestGrant("consultant@cn-sh.demo", 3);
    expect(await inboxIds("staff@cn-sh.demo")).toContain(levelThree);
    expect(await inboxIds("cover@cn-sh.test")).not.toContain(levelThree);
    expect(errorCode(await t.as("cover@cn-sh.test").query(DECIDE, { id: levelThree, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect(await requestStatus(levelThree)).toBe("PENDING");
    await t.as("president@cn-sh.demo").data(REVOKE, { id: first.id });
    await t.as("staff@cn-sh.demo").data(REVOKE, { id: second.id });
  });

  it("a revoked, expired or not yet started delegation, or one from a deactivated delegator, passes nothing", async () => {
    const levelThree = await requestGrant("consultant@cn-sh.demo", 3);
    const later = await delegate("president@cn-sh.demo", membership("staff@cn-sh.demo"), period(2, 24));
    expect(later.status).toBe("SCHEDULED");
    expect(await inboxIds("staff@cn-sh.demo")).not.toContain(levelThree);
    await t.as("president@cn-sh.demo").data(REVOKE, { id: later.id });

    const made = await delegate("head@cn-sh.test", membership("staff@cn-sh.demo"));
    expect(await inboxIds("staff@cn-sh.demo")).toContain(levelThree);
    expect((await t.as("staff@cn-sh.demo").data(REVOKE, { id: made.id })).revokeApprovalDelegation.status).toBe("REVOKED");
    expect(await inboxIds("staff@cn-sh.demo")).not.toContain(levelThree);
    expect(errorCode(await t.as("staff@cn-sh.demo").query(DECIDE, { id: levelThree, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("head@cn-sh.test").query(REVOKE, { id: made.id }))).toBe("CONFLICT");

    const ending = await delegate("head@cn-sh.test", membership("staff@cn-sh.demo"));
    await t.database.owner.query("UPDATE approval_delegations SET ends_at = now() - interval '1 second' WHERE id = $1", [ending.id]);
    expect(await inboxIds("staff@cn-sh.demo")).not.toContain(levelThree);

    const fromLeaver = await delegate("head@cn-sh.test", membership("staff@cn-sh.demo"));
    await t.database.owner.query("UPDATE memberships SET active = false, deactivated_at = now(), deactivation_reason = 'left' WHERE id = $1", [
      await testMembership("head@cn-sh.test", "CN-SH"),
    ]);
    expect(await inboxIds("staff@cn-sh.demo")).not.toContain(levelThree);
    await t.database.owner.query("UPDATE memberships SET active = true, deactivated_at = NULL, deactivation_reason = NULL WHERE id = $1", [
      await testMembership("head@cn-sh.test", "CN-SH"),
    ]);
    await t.as("staff@cn-sh.demo").data(REVOKE, { id: fromLeaver.id });
    expect(await requestStatus(levelThree)).toBe("PENDING");
  });

  it("goes only to another active colleague of the acting tenant, and acts only there", async () => {
    expect(errorCode(await t.as("president@cn-sh.demo").query(DELEGATE, { input: { toMembershipId: membership("consultant@cn-sz.demo"), ...period() } }))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("president@cn.demo").query(DELEGATE, { input: { toMembershipId: membership("staff@cn-sh.demo"), ...period() } }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn-sh.demo").query(DELEGATE, { input: { toMembershipId: membership("president@cn-sh.demo"), ...period() } }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await t.as("president@cn-sh.demo").query(DELEGATE, { input: { toMembershipId: membership("staff@cn-sh.demo"), ...period(1, 0) } }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await t.as("auditor@hq.demo").query(DELEGATE, { input: { toMembershipId: membership("president@hq.demo"), ...period() } }))).toBe("FORBIDDEN");

    // The delegate is also a member of the Shenzhen centre: acting there, the Shanghai delegation counts for nothing.
    const made = await delegate("president@cn-sh.demo", membership("staff@cn-sh.demo"));
    await addMembership(t.database.owner, demoId("user", "staff@cn-sh.demo"), "CN-SZ", "STAFF", "OPERATIONS");
    const shenzhen = demoId("approval", "cn-sz-consultant-contracts");
    expect(await inboxIds("staff@cn-sh.demo", "CN-SZ")).not.toContain(shenzhen);
    expect(errorCode(await t.as("staff@cn-sh.demo", { tenant: "CN-SZ" }).query(DECIDE, { id: shenzhen, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn-sz.demo").query(REVOKE, { id: made.id }))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("consultant@cn-sh.demo").query(REVOKE, { id: made.id }))).toBe("FORBIDDEN");
    await t.as("president@cn-sh.demo").data(REVOKE, { id: made.id });
  });

  it("a delegator's active grant passes too: the decision names both the delegator and the grant's notice", async () => {
    const input = { matter: "Decide grant requests", scope: "The centre", level: 3, validFrom: "2026-01-01T00:00:00Z", validUntil: "2099-01-01T00:00:00Z", subjectTypes: ["GRANT"] };
    const grantId = (await t.as("staff@cn-sh.demo").data(REQUEST_GRANT, { input })).requestGrant.id;
    await t.as("president@cn-sh.demo").data(DECIDE, { id: await approvalRequestOf(t.database.owner, grantId), decision: "APPROVE" });
    const notice = (await t.as("staff@cn-sh.demo").data(`query($id: ID!) { grant(id: $id) { noticeNumber } }`, { id: grantId })).grant.noticeNumber;
    const made = await delegate("staff@cn-sh.demo", await testMembership("cover@cn-sh.test", "CN-SH"));
    const requestId = await requestGrant("consultant@cn-sh.demo", 3);
    expect((await t.as("cover@cn-sh.test").data(DECIDE, { id: requestId, decision: "APPROVE" })).decideApproval.status).toBe("APPROVED");
    const { approvalRequest } = await t.as("staff@cn-sh.demo").data(STEPS, { id: requestId });
    expect(approvalRequest.steps).toEqual([
      { decision: "APPROVE", decidedBy: { email: "cover@cn-sh.test" }, onBehalfOf: { email: "staff@cn-sh.demo" }, decidedUnderGrantNotice: notice },
    ]);
    await t.as("staff@cn-sh.demo").data(REVOKE, { id: made.id });
    await t.database.owner.query("UPDATE grants SET status = 'REVOKED', revoked_at = now() WHERE id = $1", [grantId]);
  });

  it("a delegate decides the parent centre's step of a child's request on the delegator's behalf", async () => {
    // A level-1 grant: the own president, then the parent's; the national centre's deputy covers for its president.
    await addMember(t.database.owner, "deputy@cn.test", "CN", "DEPUTY", "MANAGEMENT");
    const requestId = await requestGrant("deputy@cn-sh.test", 1);
    await t.as("president@cn-sh.demo").data(DECIDE, { id: requestId, decision: "APPROVE" });
    const made = await delegate("president@cn.demo", await testMembership("deputy@cn.test", "CN"));
    expect(await inboxIds("deputy@cn.test")).toContain(requestId);
    expect((await t.as("deputy@cn.test").data(DECIDE, { id: requestId, decision: "APPROVE" })).decideApproval.status).toBe("APPROVED");
    const { approvalRequest } = await t.as("president@cn.demo").data(STEPS, { id: requestId });
    expect(approvalRequest.steps.map((step: any) => [step.decidedBy.email, step.onBehalfOf?.email ?? null])).toEqual([
      ["president@cn-sh.demo", null],
      ["deputy@cn.test", "president@cn.demo"],
    ]);
    await t.as("president@cn.demo").data(REVOKE, { id: made.id });
  });
});
