import { demoId } from "../../src/demo-data/demo-data";
import { errorCode, useTestApp } from "../support/test-app";
import { approvalRequestOf } from "../support/owner-rows";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });
let projectId: string;

const stage = async () => (await t.as("staff@cn-sh.demo").query(`query($id: ID!) { operationProject(id: $id) { stage } }`, { id: projectId })).data.operationProject.stage;

/** The staff member (the notices' default owner) rectifies; the president, who issued none of them, verifies. */
async function rectifyAndVerifyOpenNotices(): Promise<void> {
  const { rows } = await t.database.owner.query("SELECT id FROM rectification_notices WHERE project_id = $1 AND status = 'ISSUED'", [projectId]);
  for (const { id } of rows) {
    await t.database.owner.query("UPDATE rectification_notices SET status = 'RECTIFIED', rectification = 'Done', rectified_by = owner_id, rectified_at = now() WHERE id = $1", [id]);
  }
  await verifyOpenNotices();
}

async function verifyOpenNotices(): Promise<void> {
  const notices = await t.as("staff@cn-sh.demo").query(`query($id: ID!) { operationProject(id: $id) { rectificationNotices { id status } } }`, { id: projectId });
  for (const notice of notices.data.operationProject.rectificationNotices.filter((n: any) => n.status === "RECTIFIED")) {
    const verified = await t.as("president@cn-sh.demo").query(`mutation($id: ID!) { verifyRectification(noticeId: $id, verified: true, note: "Checked on site") { status } }`, { id: notice.id });
    expect(verified.data.verifyRectification.status).toBe("VERIFIED");
  }
}

describe("a hosted-operation project", () => {
  it("starts at intake with feasibility, risks and a budget in minor units", async () => {
    const created = await t.as("staff@cn-sh.demo").query(
      `mutation($client: ID!) { createOperationProject(input: { title: "Run the client's helpdesk", clientId: $client, feasibility: "Feasible with two staff", riskAssessment: "Peak season load", budgetMinor: "12000000", currency: "CNY" }) { id stage client { name } budget { budgetMinor actualMinor remainingMinor overBudget } } }`,
      { client: demoId("client", "Minhang Logistics Group") },
    );
    projectId = created.data.createOperationProject.id;
    expect(created.data.createOperationProject).toMatchObject({
      stage: "INTAKE",
      client: { name: "Minhang Logistics Group" },
      budget: { budgetMinor: "12000000", actualMinor: "0", remainingMinor: "12000000", overBudget: false },
    });
  });

  it("cannot execute before it is planned and its plan approved (CONFLICT), then is planned, reviewed and executed", async () => {
    const start = `mutation($id: ID!) { startOperationExecution(id: $id) { stage } }`;
    expect(errorCode(await t.as("staff@cn-sh.demo").query(start, { id: projectId }))).toBe("CONFLICT");
    await t.as("staff@cn-sh.demo").query(`mutation($id: ID!) { planOperationProject(id: $id, input: { goals: "SLA 95 %", strategy: "Two shifts", resources: "Two agents" }) { stage } }`, { id: projectId });
    expect(errorCode(await t.as("staff@cn-sh.demo").query(start, { id: projectId }))).toBe("CONFLICT");
    const submitted = await t.as("staff@cn-sh.demo").query(`mutation($id: ID!) { submitOperationPlan(id: $id) { planReview } }`, { id: projectId });
    expect(submitted.data.submitOperationPlan.planReview).toBe("PENDING");
    expect(errorCode(await t.as("staff@cn-sh.demo").query(start, { id: projectId }))).toBe("CONFLICT");
    const request = await approvalRequestOf(t.database.owner, projectId);
    await t.as("president@cn-sh.demo").query(`mutation($id: ID!) { decideApproval(id: $id, decision: APPROVE) { status } }`, { id: request });
    expect((await t.as("staff@cn-sh.demo").query(start, { id: projectId })).data.startOperationExecution.stage).toBe("EXECUTING");
  });

  it("costs add up exactly against the budget, beyond floating point", async () => {
    for (const amountMinor of ["9000000", "3000001"]) {
      await t.as("staff@cn-sh.demo").query(`mutation($id: ID!, $a: String!) { recordProjectCost(projectId: $id, input: { amountMinor: $a, description: "Salaries", incurredOn: "2026-03-01" }) { id } }`, { id: projectId, a: amountMinor });
    }
    const budget = (await t.as("staff@cn-sh.demo").query(`query($id: ID!) { operationProject(id: $id) { budget { actualMinor remainingMinor overBudget } } }`, { id: projectId })).data.operationProject.budget;
    expect(budget).toEqual({ actualMinor: "12000001", remainingMinor: "-1", overBudget: true });
    const bad = await t.as("staff@cn-sh.demo").query(`mutation($id: ID!) { recordProjectCost(projectId: $id, input: { amountMinor: "12.50", description: "x", incurredOn: "2026-03-01" }) { id } }`, { id: projectId });
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
  });

  it("a failed supervision check needs a rectification notice and blocks acceptance until rectified", async () => {
    const noNotice = await t.as("staff@cn-sh.demo").query(`mutation($id: ID!) { recordSupervisionCheck(projectId: $id, input: { findings: "Queue too long", passed: false }) { id } }`, { id: projectId });
    expect(errorCode(noNotice)).toBe("BAD_USER_INPUT");
    const check = await t.as("staff@cn-sh.demo").query(`mutation($id: ID!) { recordSupervisionCheck(projectId: $id, input: { findings: "Queue too long", passed: false, rectificationNotice: "Add a third agent" }) { id } }`, { id: projectId });
    const request = `mutation($id: ID!) { requestProjectAcceptance(id: $id, report: "Quarter report") { stage } }`;
    expect(errorCode(await t.as("staff@cn-sh.demo").query(request, { id: projectId }))).toBe("CONFLICT");
    await t.as("staff@cn-sh.demo").query(`mutation($id: ID!) { recordRectification(checkId: $id) { rectifiedAt } }`, { id: check.data.recordSupervisionCheck.id });
    expect(errorCode(await t.as("staff@cn-sh.demo").query(request, { id: projectId }))).toBe("CONFLICT");
    await verifyOpenNotices();
    expect((await t.as("staff@cn-sh.demo").query(request, { id: projectId })).data.requestProjectAcceptance.stage).toBe("AWAITING_ACCEPTANCE");
  });

  it("the client may send it back to rectify, then signs it off", async () => {
    const decide = `mutation($id: ID!, $ok: Boolean!) { decideProjectAcceptance(id: $id, accepted: $ok, evaluation: "Evaluation") { stage acceptedAt } }`;
    expect((await t.as("staff@cn-sh.demo").query(decide, { id: projectId, ok: false })).data.decideProjectAcceptance).toEqual({ stage: "EXECUTING", acceptedAt: null });
    const again = `mutation($id: ID!) { requestProjectAcceptance(id: $id, report: "Fixed") { stage } }`;
    expect(errorCode(await t.as("staff@cn-sh.demo").query(again, { id: projectId }))).toBe("CONFLICT");
    await rectifyAndVerifyOpenNotices();
    await t.as("staff@cn-sh.demo").query(again, { id: projectId });
    expect((await t.as("staff@cn-sh.demo").query(decide, { id: projectId, ok: true })).data.decideProjectAcceptance.stage).toBe("ACCEPTED");
    expect(await stage()).toBe("ACCEPTED");
  });

  it("a parent reads it but never changes it; a sibling cannot find it", async () => {
    const read = `query($id: ID!) { operationProject(id: $id) { id } }`;
    expect((await t.as("president@cn.demo").query(read, { id: projectId })).data.operationProject).toEqual({ id: projectId });
    expect((await t.as("president@cn-sz.demo").query(read, { id: projectId })).data.operationProject).toBeNull();
    const cost = `mutation($id: ID!) { recordProjectCost(projectId: $id, input: { amountMinor: "1", description: "x", incurredOn: "2026-03-01" }) { id } }`;
    expect(errorCode(await t.as("president@cn.demo").query(cost, { id: projectId }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn-sz.demo").query(cost, { id: projectId }))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("auditor@hq.demo").query(cost, { id: projectId }))).toBe("FORBIDDEN");
  });
});
