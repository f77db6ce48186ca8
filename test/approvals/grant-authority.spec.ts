import { demoId } from "../../src/demo-data/demo-data";
import { addMembership, approvalRequestOf } from "../support/owner-rows";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });

const REQUEST_GRANT = `mutation($input: RequestGrantInput!) { requestGrant(input: $input) { id subjectTypes } }`;
const DECIDE = `mutation($id: ID!, $decision: ApprovalDecision!, $reason: String) { decideApproval(id: $id, decision: $decision, reason: $reason) { id status } }`;
const REVOKE_GRANT = `mutation($id: ID!) { revokeGrant(id: $id, reason: "No longer needed") { id status } }`;
const INBOX = `{ approvalInbox(first: 100) { edges { node { id } } } }`;
const STEPS = `query($id: ID!) { approvalRequest(id: $id) { status steps { decision decidedBy { email } onBehalfOf { email } decidedUnderGrantNotice } } }`;
const GRANT = `query($id: ID!) { grant(id: $id) { status noticeNumber subjectTypes } }`;

/** A GRANT request by `email`, for level `level`, naming `subjectTypes`; its grant and approval request ids. */
async function requestGrant(email: string, level: number, subjectTypes?: string[]) {
  const input = { matter: `Matter ${Math.random()}`, scope: "The centre", level, validFrom: "2026-01-01T00:00:00Z", validUntil: "2099-01-01T00:00:00Z", subjectTypes };
  const grantId = (await t.as(email).data(REQUEST_GRANT, { input })).requestGrant.id;
  return { grantId, requestId: await approvalRequestOf(t.database.owner, grantId) };
}

/** A grant `holder` holds once the centre's president approved it: its id and notice number. */
async function approvedGrant(holder: string, level: number, subjectTypes: string[]) {
  const { grantId, requestId } = await requestGrant(holder, level, subjectTypes);
  await t.as("president@cn-sh.demo").data(DECIDE, { id: requestId, decision: "APPROVE" });
  const grant = (await t.as("president@cn-sh.demo").data(GRANT, { id: grantId })).grant;
  expect(grant).toMatchObject({ status: "ACTIVE", subjectTypes });
  return { grantId, notice: grant.noticeNumber as string };
}

const inboxIds = async (email: string, tenant?: string) =>
  (await t.as(email, { tenant }).data(INBOX)).approvalInbox.edges.map((edge: { node: { id: string } }) => edge.node.id);
const requestStatus = async (id: string) => (await t.database.owner.query("SELECT status FROM approval_requests WHERE id = $1", [id])).rows[0].status;

describe("grants that confer authority", () => {
  it("an active grant lets its holder decide steps of its level for the subject types it names, and the decision records the notice", async () => {
    const { requestId } = await requestGrant("consultant@cn-sh.demo", 3);
    expect(await inboxIds("staff@cn-sh.demo")).not.toContain(requestId);
    expect(errorCode(await t.as("staff@cn-sh.demo").query(DECIDE, { id: requestId, decision: "APPROVE" }))).toBe("FORBIDDEN");

    const { notice } = await approvedGrant("staff@cn-sh.demo", 3, ["GRANT"]);
    expect(await inboxIds("staff@cn-sh.demo")).toContain(requestId);
    expect((await t.as("staff@cn-sh.demo").data(DECIDE, { id: requestId, decision: "APPROVE" })).decideApproval.status).toBe("APPROVED");
    const { approvalRequest } = await t.as("staff@cn-sh.demo").data(STEPS, { id: requestId });
    expect(approvalRequest.steps).toEqual([{ decision: "APPROVE", decidedBy: { email: "staff@cn-sh.demo" }, onBehalfOf: null, decidedUnderGrantNotice: notice }]);
  });

  it("a decision by role records no notice", async () => {
    const { requestId } = await requestGrant("consultant@cn-sh.demo", 3);
    await t.as("president@cn-sh.demo").data(DECIDE, { id: requestId, decision: "APPROVE" });
    const { approvalRequest } = await t.as("president@cn-sh.demo").data(STEPS, { id: requestId });
    expect(approvalRequest.steps[0]).toMatchObject({ decidedBy: { email: "president@cn-sh.demo" }, decidedUnderGrantNotice: null });
  });

  it("a grant decides only the subject types it names; one naming none (the default, as for grants made before) decides nothing", async () => {
    const contractReview = demoId("approval", "certification-2026-legal-review");
    expect(await inboxIds("staff@cn-sh.demo")).not.toContain(contractReview);
    expect(errorCode(await t.as("staff@cn-sh.demo").query(DECIDE, { id: contractReview, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect(await requestStatus(contractReview)).toBe("PENDING");

    const { grantId, requestId } = await requestGrant("consultant@cn-sz.demo", 3);
    expect((await t.as("consultant@cn-sz.demo").data(GRANT, { id: grantId })).grant.subjectTypes).toEqual([]);
    expect(await inboxIds("president@cn-sz.demo")).toContain(requestId);
  });

  it("an expired or revoked grant confers nothing from that instant", async () => {
    const expiring = await approvedGrant("staff@cn-sh.demo", 3, ["GRANT"]);
    const first = await requestGrant("consultant@cn-sh.demo", 3);
    expect(await inboxIds("staff@cn-sh.demo")).toContain(first.requestId);
    // Every grant of the holder's that covers GRANT ends: the one above, and any an earlier test approved.
    await t.database.owner.query("UPDATE grants SET valid_until = now() - interval '1 second' WHERE holder_id = $1 AND 'GRANT' = ANY (subject_types)", [
      demoId("user", "staff@cn-sh.demo"),
    ]);
    expect((await t.as("staff@cn-sh.demo").data(GRANT, { id: expiring.grantId })).grant.status).toBe("EXPIRED");
    expect(await inboxIds("staff@cn-sh.demo")).not.toContain(first.requestId);
    expect(errorCode(await t.as("staff@cn-sh.demo").query(DECIDE, { id: first.requestId, decision: "APPROVE" }))).toBe("FORBIDDEN");

    const revoked = await approvedGrant("staff@cn-sh.demo", 3, ["GRANT"]);
    expect(await inboxIds("staff@cn-sh.demo")).toContain(first.requestId);
    expect((await t.as("president@cn-sh.demo").data(REVOKE_GRANT, { id: revoked.grantId })).revokeGrant.status).toBe("REVOKED");
    expect(await inboxIds("staff@cn-sh.demo")).not.toContain(first.requestId);
    expect(errorCode(await t.as("staff@cn-sh.demo").query(DECIDE, { id: first.requestId, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect(await requestStatus(first.requestId)).toBe("PENDING");
  });

  it("a grant counts only in the tenant that granted it, not where its holder is a member too", async () => {
    await approvedGrant("staff@cn-sh.demo", 3, ["GRANT"]);
    await addMembership(t.database.owner, demoId("user", "staff@cn-sh.demo"), "CN-SZ", "STAFF", "OPERATIONS");
    const shenzhen = demoId("approval", "cn-sz-consultant-contracts");
    expect(await inboxIds("staff@cn-sh.demo", "CN-SZ")).not.toContain(shenzhen);
    expect(errorCode(await t.as("staff@cn-sh.demo", { tenant: "CN-SZ" }).query(DECIDE, { id: shenzhen, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect(await requestStatus(shenzhen)).toBe("PENDING");
  });

  it("a grant's holder still never decides their own request", async () => {
    await approvedGrant("staff@cn-sh.demo", 3, ["GRANT"]);
    const own = demoId("approval", "cn-sh-staff-training");
    expect(await inboxIds("staff@cn-sh.demo")).not.toContain(own);
    expect(errorCode(await t.as("staff@cn-sh.demo").query(DECIDE, { id: own, decision: "APPROVE" }))).toBe("FORBIDDEN");
  });

  it("a subject type the engine does not know is BAD_USER_INPUT and requests nothing", async () => {
    const before = (await t.database.owner.query("SELECT count(*)::int AS n FROM grants")).rows[0].n;
    const input = { matter: "Anything", scope: "Everywhere", level: 3, validFrom: "2026-01-01T00:00:00Z", validUntil: "2099-01-01T00:00:00Z", subjectTypes: ["NOT_A_TYPE"] };
    expect(errorCode(await t.as("staff@cn-sh.demo").query(REQUEST_GRANT, { input }))).toBe("BAD_USER_INPUT");
    expect((await t.database.owner.query("SELECT count(*)::int AS n FROM grants")).rows[0].n).toBe(before);
  });
});
