import { demoId } from "../../src/demo-data/demo-data";
import { RiskStatus } from "../../src/modules/risks/risk.entity";
import { RISK_TRANSITIONS } from "../../src/modules/risks/risk.service";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });
const STAFF = "staff@cn-sh.demo";
const user = (email: string) => demoId("user", email);
const DEMO_PROJECT = demoId("operation-project", "cn-sh-helpdesk");

const CREATE = `mutation($owner: ID!, $project: ID) { createRisk(input: { title: "Supplier fails", category: OPERATIONAL, likelihood: 2, impact: 2, response: ACCEPT, ownerId: $owner, projectId: $project }) { id status level project { id } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateRiskInput!) { updateRisk(id: $id, input: $input) { likelihood impact level response owner { email } responsibleDepartment project { id } } }`;
const REVIEW = `mutation($id: ID!, $input: RiskReviewInput!) { reviewRisk(id: $id, input: $input) { note likelihood impact nextReviewOn reviewedBy { email } risk { nextReviewOn likelihood reviews { note } } } }`;
const CLOSE = `mutation($id: ID!, $reason: String!) { closeRisk(id: $id, reason: $reason) { status closedAt closureReason closedBy { email } } }`;

async function newRisk(project: string | null = null): Promise<string> {
  return (await t.as(STAFF).query(CREATE, { owner: user(STAFF), project })).data.createRisk.id;
}

describe("the risk lifecycle (seed 004 §7)", () => {
  it.each(Object.values(RiskStatus).flatMap((from) => Object.values(RiskStatus).map((to) => [from, to] as const)))(
    "%s → %s: only OPEN → CLOSED, through closeRisk; everything else CONFLICT",
    async (from, to) => {
      const id = await newRisk();
      if (from === RiskStatus.CLOSED) await t.as(STAFF).query(CLOSE, { id, reason: "Gone" });
      const answer = to === RiskStatus.CLOSED ? await t.as(STAFF).query(CLOSE, { id, reason: "No longer relevant" }) : await t.as(STAFF).query(UPDATE, { id, input: { likelihood: 3 } });
      const allowed = RISK_TRANSITIONS[from].includes(to) || (from === RiskStatus.OPEN && to === RiskStatus.OPEN);
      if (allowed) expect(answer.errors).toBeUndefined();
      else expect(errorCode(answer)).toBe("CONFLICT");
    },
  );

  it("is updated: likelihood, impact, response, owner, responsible department and project", async () => {
    const id = await newRisk();
    const updated = await t.as(STAFF).query(UPDATE, {
      id,
      input: { likelihood: 5, impact: 4, response: TRANSFER_RESPONSE, ownerId: user("consultant@cn-sh.demo"), responsibleDepartment: "OPERATIONS", projectId: DEMO_PROJECT },
    });
    expect(updated.data.updateRisk).toEqual({
      likelihood: 5,
      impact: 4,
      level: "CRITICAL",
      response: "TRANSFER",
      owner: { email: "consultant@cn-sh.demo" },
      responsibleDepartment: "OPERATIONS",
      project: { id: DEMO_PROJECT },
    });
    expect(errorCode(await t.as(STAFF).query(UPDATE, { id, input: { ownerId: user("consultant@cn-sz.demo") } }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await t.as(STAFF).query(UPDATE, { id, input: { likelihood: 6 } }))).toBe("BAD_USER_INPUT");
  });

  it("a project of another tenant is never linked", async () => {
    const project = (await t.as("president@cn-sz.demo").query(`mutation { createOperationProject(input: { title: "SZ", feasibility: "f", riskAssessment: "r", budgetMinor: "1", currency: "CNY" }) { id } }`)).data.createOperationProject.id;
    const id = await newRisk();
    expect(errorCode(await t.as(STAFF).query(UPDATE, { id, input: { projectId: project } }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await t.as("president@cn-sz.demo").query(CREATE, { owner: user("president@cn-sz.demo"), project: DEMO_PROJECT }))).toBe("BAD_USER_INPUT");
  });

  it("is reviewed: each review is logged and sets the next review date; overdue reviews are listed", async () => {
    const id = await newRisk(DEMO_PROJECT);
    const late = (await t.as(STAFF).query(`mutation($owner: ID!) { createRisk(input: { title: "Late review", category: LEGAL, likelihood: 1, impact: 1, response: ACCEPT, ownerId: $owner, nextReviewOn: "2026-01-01" }) { id } }`, { owner: user(STAFF) })).data.createRisk.id;
    const reviewed = await t.as(STAFF).query(REVIEW, { id, input: { note: "Supplier audited", likelihood: 3, nextReviewOn: "2099-01-31" } });
    expect(reviewed.data.reviewRisk).toEqual({
      note: "Supplier audited",
      likelihood: 3,
      impact: 2,
      nextReviewOn: "2099-01-31",
      reviewedBy: { email: STAFF },
      risk: { nextReviewOn: "2099-01-31", likelihood: 3, reviews: [{ note: "Supplier audited" }] },
    });
    expect(errorCode(await t.as(STAFF).query(REVIEW, { id, input: { note: "x", nextReviewOn: "2020-01-01" } }))).toBe("BAD_USER_INPUT");
    const overdue = `{ overdueRiskReviews(first: 100) { edges { node { id reviewOverdue } } } }`;
    const own = (await t.as(STAFF).query(overdue)).data.overdueRiskReviews.edges.map((e: any) => e.node);
    expect(own).toContainEqual({ id: late, reviewOverdue: true });
    expect(own.map((n: any) => n.id)).not.toContain(id);
    expect((await t.as("president@cn.demo").query(overdue)).data.overdueRiskReviews.edges.map((e: any) => e.node.id)).toContain(late);
    expect((await t.as("president@cn-sz.demo").query(overdue)).data.overdueRiskReviews.edges).toEqual([]);
  });

  it("is closed with a reason, then neither updated nor reviewed", async () => {
    const id = await newRisk();
    expect(errorCode(await t.as(STAFF).query(CLOSE, { id, reason: "  " }))).toBe("BAD_USER_INPUT");
    const closed = (await t.as(STAFF).query(CLOSE, { id, reason: "The supplier was replaced" })).data.closeRisk;
    expect(closed).toMatchObject({ status: "CLOSED", closureReason: "The supplier was replaced", closedBy: { email: STAFF } });
    expect(errorCode(await t.as(STAFF).query(REVIEW, { id, input: { note: "Late" } }))).toBe("CONFLICT");
  });

  it("a parent reads a risk and its reviews but never changes them; a sibling cannot find it", async () => {
    const DEMO_RISK = await newRisk(DEMO_PROJECT);
    await t.as(STAFF).query(REVIEW, { id: DEMO_RISK, input: { note: "First look" } });
    const read = `query($id: ID!) { node(id: $id) { ... on Risk { id reviews { note } } } }`;
    expect((await t.as("president@cn.demo").query(read, { id: DEMO_RISK })).data.node.reviews).toHaveLength(1);
    expect((await t.as("president@cn-sz.demo").query(read, { id: DEMO_RISK })).data.node).toBeNull();
    for (const [email, code] of [["president@cn.demo", "FORBIDDEN"], ["auditor@hq.demo", "FORBIDDEN"], ["president@cn-sz.demo", "NOT_FOUND"]]) {
      expect(errorCode(await t.as(email).query(UPDATE, { id: DEMO_RISK, input: { impact: 1 } }))).toBe(code);
      expect(errorCode(await t.as(email).query(REVIEW, { id: DEMO_RISK, input: { note: "x" } }))).toBe(code);
      expect(errorCode(await t.as(email).query(CLOSE, { id: DEMO_RISK, reason: "x" }))).toBe(code);
    }
  });
});

const TRANSFER_RESPONSE = "TRANSFER";
