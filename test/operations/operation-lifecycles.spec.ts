import { demoId } from "../../src/demo-data/demo-data";
import { ProjectStage, RectificationStatus } from "../../src/modules/operations/operation-project.entity";
import { PROJECT_STAGE_TRANSITIONS, PROJECT_TASK_TRANSITIONS, RECTIFICATION_TRANSITIONS, assertMoveOrThrow } from "../../src/modules/operations/operation-workflow";
import { TaskStatus } from "../../src/modules/cases/service-step";
import { addMember, approvalRequestOf } from "../support/owner-rows";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });
const STAFF = "staff@cn-sh.demo";
const PRESIDENT = "president@cn-sh.demo";
const CONSULTANT = "consultant@cn-sh.demo";
const user = (email: string) => demoId("user", email);
const pairs = <S extends string>(values: S[]) => values.flatMap((from) => values.map((to) => [from, to] as const));

async function newProject(title = "Hosted front desk"): Promise<string> {
  const created = await t.as(STAFF).query(
    `mutation($title: String!) { createOperationProject(input: { title: $title, feasibility: "Feasible", riskAssessment: "Low", budgetMinor: "1000", currency: "CNY" }) { id } }`,
    { title },
  );
  return created.data.createOperationProject.id;
}

/** A project put at `stage` directly, with the records that stage implies. */
async function projectAt(stage: ProjectStage): Promise<string> {
  const id = await newProject();
  await t.database.owner.query(
    `UPDATE operation_projects SET stage = $2, goals = 'g', strategy = 's', resources = 'r', plan_review = CASE WHEN $2 = 'INTAKE' THEN NULL ELSE 'APPROVED' END,
            acceptance_report = 'report', accepted_at = CASE WHEN $2 = 'ACCEPTED' THEN now() END WHERE id = $1`,
    [id, stage],
  );
  return id;
}

const PLAN = `mutation($id: ID!) { planOperationProject(id: $id, input: { goals: "g", strategy: "s", resources: "r" }) { stage } }`;
const START = `mutation($id: ID!) { startOperationExecution(id: $id) { stage } }`;
const REQUEST = `mutation($id: ID!) { requestProjectAcceptance(id: $id, report: "Report", materials: { qualityAssessment: "Good", satisfactionSurveyResult: "92 %" }) { stage qualityAssessment satisfactionSurveyResult } }`;
const DECIDE = `mutation($id: ID!, $ok: Boolean!) { decideProjectAcceptance(id: $id, accepted: $ok, evaluation: "Evaluation", handOver: { receivedBy: "Ma Jun", items: "Scripts and accounts" }) { stage handOver { receivedBy items } rectificationNotices { status requirement } } }`;
const CHECK = `mutation($id: ID!, $owner: ID) { recordSupervisionCheck(projectId: $id, input: { findings: "Slow", passed: false, rectificationNotice: "Faster", rectification: { ownerId: $owner } }) { id rectification { id noticeNumber status dueOn owner { email } } } }`;
const RECTIFY = `mutation($id: ID!) { recordRectification(checkId: $id, rectification: "Third agent hired") { id rectification { status rectification } } }`;
const VERIFY = `mutation($id: ID!, $ok: Boolean!) { verifyRectification(noticeId: $id, verified: $ok, note: "Seen on site") { status verifiedAt } }`;

/** The mutation that moves a project to each stage (EXECUTING from AWAITING_ACCEPTANCE is the client's refusal). */
function moveTo(from: ProjectStage, to: ProjectStage) {
  switch (to) {
    case ProjectStage.INTAKE:
      return null;
    case ProjectStage.PLANNED:
      return { query: PLAN, variables: {} };
    case ProjectStage.EXECUTING:
      return from === ProjectStage.AWAITING_ACCEPTANCE ? { query: DECIDE, variables: { ok: false } } : { query: START, variables: {} };
    case ProjectStage.AWAITING_ACCEPTANCE:
      return { query: REQUEST, variables: {} };
    case ProjectStage.ACCEPTED:
      return { query: DECIDE, variables: { ok: true } };
  }
}

describe("the lifecycle tables", () => {
  const tables = [
    ["project", PROJECT_STAGE_TRANSITIONS],
    ["project task", PROJECT_TASK_TRANSITIONS],
    ["rectification notice", RECTIFICATION_TRANSITIONS],
  ] as const;
  it.each(tables.flatMap(([label, table]) => pairs(Object.keys(table)).map(([from, to]) => [label, from, to, table] as const)))(
    "%s %s → %s: CONFLICT unless listed",
    (label, from, to, table) => {
      const allowed = (table as Record<string, readonly string[]>)[from].includes(to);
      const move = () => assertMoveOrThrow(table as Record<string, readonly string[]>, label, from, to);
      if (allowed) expect(move).not.toThrow();
      else expect(move).toThrow(expect.objectContaining({ code: "CONFLICT" }));
    },
  );
});

describe("a project moves only along its table, through the API", () => {
  it.each(pairs(Object.values(ProjectStage)).filter(([, to]) => to !== ProjectStage.INTAKE))("%s → %s", async (from, to) => {
    const id = await projectAt(from);
    const move = moveTo(from, to)!;
    const answer = await t.as(STAFF).query(move.query, { id, ...move.variables });
    if (PROJECT_STAGE_TRANSITIONS[from].includes(to)) expect(answer.errors).toBeUndefined();
    else expect(errorCode(answer)).toBe("CONFLICT");
  });
});

describe("the plan's internal review (seed 004 §3(二)3)", () => {
  it("is decided in the project's tenant by a department head of OPERATIONS or MANAGEMENT; another department is FORBIDDEN", async () => {
    await addMember(t.database.owner, "finance-head@cn-sh.test", "CN-SH", "DEPARTMENT_HEAD", "FINANCE");
    const id = await projectAt(ProjectStage.INTAKE);
    await t.as(STAFF).query(PLAN, { id });
    await t.as(STAFF).query(`mutation($id: ID!) { submitOperationPlan(id: $id) { planReview } }`, { id });
    const request = await approvalRequestOf(t.database.owner, id);
    const decide = `mutation($id: ID!, $d: ApprovalDecision!) { decideApproval(id: $id, decision: $d, reason: "Checked") { status level subjectType } }`;
    expect(errorCode(await t.as("finance-head@cn-sh.test").query(decide, { id: request, d: "APPROVE" }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as(STAFF).query(decide, { id: request, d: "APPROVE" }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn.demo").query(decide, { id: request, d: "APPROVE" }))).toBe("FORBIDDEN");
    const rejected = await t.as(PRESIDENT).query(decide, { id: request, d: "REJECT" });
    expect(rejected.data.decideApproval).toEqual({ status: "REJECTED", level: 3, subjectType: "OPERATION_PLAN" });
    expect(errorCode(await t.as(STAFF).query(START, { id }))).toBe("CONFLICT");
    const again = await t.as(STAFF).query(`mutation($id: ID!) { submitOperationPlan(id: $id) { planReview } }`, { id });
    expect(again.data.submitOperationPlan.planReview).toBe("PENDING");
    expect(errorCode(await t.as(STAFF).query(`mutation($id: ID!) { submitOperationPlan(id: $id) { planReview } }`, { id }))).toBe("CONFLICT");
    expect(errorCode(await t.as(STAFF).query(PLAN, { id }))).toBe("CONFLICT");
    await t.as(PRESIDENT).query(decide, { id: await approvalRequestOf(t.database.owner, id), d: "APPROVE" });
    expect((await t.as(STAFF).query(START, { id })).data.startOperationExecution.stage).toBe("EXECUTING");
  });
});

describe("rectification notices (seed 004 §3(四))", () => {
  it("are numbered without gaps per tenant and year, with an owner and a deadline", async () => {
    const id = await projectAt(ProjectStage.EXECUTING);
    const year = new Date().getUTCFullYear();
    const { rows } = await t.database.owner.query("SELECT coalesce(max(last_number), 0) AS n FROM rectification_notice_counters WHERE tenant_id = $1 AND year = $2", [demoId("tenant", "CN-SH"), year]);
    const numbers = [];
    for (let i = 0; i < 3; i++) numbers.push((await t.as(STAFF).query(CHECK, { id, owner: user(CONSULTANT) })).data.recordSupervisionCheck.rectification.noticeNumber);
    const next = (k: number) => `CN-SH-RN-${year}-${String(Number(rows[0].n) + k).padStart(4, "0")}`;
    expect(numbers).toEqual([next(1), next(2), next(3)]);
    const bad = await t.as(STAFF).query(CHECK, { id, owner: user("consultant@cn-sz.demo") });
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    const after = (await t.as(STAFF).query(CHECK, { id, owner: user(CONSULTANT) })).data.recordSupervisionCheck.rectification;
    expect(after).toMatchObject({ noticeNumber: next(4), status: "ISSUED", owner: { email: CONSULTANT } });
  });

  it("the owner rectifies; a member who neither issued nor rectified verifies; anyone else is FORBIDDEN", async () => {
    const id = await projectAt(ProjectStage.EXECUTING);
    const check = (await t.as(STAFF).query(CHECK, { id, owner: user(CONSULTANT) })).data.recordSupervisionCheck;
    expect(errorCode(await t.as(STAFF).query(RECTIFY, { id: check.id }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as(PRESIDENT).query(RECTIFY, { id: check.id }))).toBe("FORBIDDEN");
    expect((await t.as(CONSULTANT).query(RECTIFY, { id: check.id })).data.recordRectification.rectification).toEqual({ status: "RECTIFIED", rectification: "Third agent hired" });
    expect(errorCode(await t.as(STAFF).query(VERIFY, { id: check.rectification.id, ok: true }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as(CONSULTANT).query(VERIFY, { id: check.rectification.id, ok: true }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn.demo").query(VERIFY, { id: check.rectification.id, ok: true }))).toBe("FORBIDDEN");
    expect((await t.as(PRESIDENT).query(VERIFY, { id: check.rectification.id, ok: false })).data.verifyRectification.status).toBe("ISSUED");
    await t.as(CONSULTANT).query(RECTIFY, { id: check.id });
    expect((await t.as(PRESIDENT).query(VERIFY, { id: check.rectification.id, ok: true })).data.verifyRectification.status).toBe("VERIFIED");
    const { rows } = await t.database.owner.query("SELECT count(*)::int AS n FROM rectification_notices WHERE id = $1 AND verified_by = $2", [check.rectification.id, user(PRESIDENT)]);
    expect(rows[0].n).toBe(1);
  });

  it.each(pairs(Object.values(RectificationStatus)))("notice %s → %s through the API", async (from, to) => {
    const id = await projectAt(ProjectStage.EXECUTING);
    const check = (await t.as(STAFF).query(CHECK, { id, owner: user(CONSULTANT) })).data.recordSupervisionCheck;
    if (from !== RectificationStatus.ISSUED) {
      await t.database.owner.query(
        `UPDATE rectification_notices SET status = $2, rectification = 'Done', rectified_by = owner_id, rectified_at = now(),
                verified_by = CASE WHEN $2 = 'VERIFIED' THEN $3::uuid END, verified_at = CASE WHEN $2 = 'VERIFIED' THEN now() END WHERE id = $1`,
        [check.rectification.id, from, user(PRESIDENT)],
      );
    }
    const answer =
      to === RectificationStatus.RECTIFIED
        ? await t.as(CONSULTANT).query(RECTIFY, { id: check.id })
        : await t.as(PRESIDENT).query(VERIFY, { id: check.rectification.id, ok: to === RectificationStatus.VERIFIED });
    if (RECTIFICATION_TRANSITIONS[from].includes(to)) expect(answer.errors).toBeUndefined();
    else expect(errorCode(answer)).toBe("CONFLICT");
  });

  it("overdue notices are listed for the tenant and its readers, never for a sibling", async () => {
    const query = `{ overdueRectificationNotices(first: 100) { edges { node { noticeNumber overdue tenant { code } } } } }`;
    const own = (await t.as(STAFF).query(query)).data.overdueRectificationNotices.edges.map((e: any) => e.node);
    expect(own).toContainEqual({ noticeNumber: "CN-SH-RN-2026-0001", overdue: true, tenant: { code: "CN-SH" } });
    const parent = (await t.as("president@cn.demo").query(query)).data.overdueRectificationNotices.edges.map((e: any) => e.node.noticeNumber);
    expect(parent).toContain("CN-SH-RN-2026-0001");
    expect((await t.as("president@cn-sz.demo").query(query)).data.overdueRectificationNotices.edges).toEqual([]);
  });

  it("acceptance carries the materials and, once signed off, the hand-over record; a refusal issues a notice", async () => {
    const id = await projectAt(ProjectStage.EXECUTING);
    expect((await t.as(STAFF).query(REQUEST, { id })).data.requestProjectAcceptance).toEqual({ stage: "AWAITING_ACCEPTANCE", qualityAssessment: "Good", satisfactionSurveyResult: "92 %" });
    const refused = (await t.as(STAFF).query(DECIDE, { id, ok: false })).data.decideProjectAcceptance;
    expect(refused).toEqual({ stage: "EXECUTING", handOver: null, rectificationNotices: [{ status: "ISSUED", requirement: "Evaluation" }] });
    expect(errorCode(await t.as(STAFF).query(REQUEST, { id }))).toBe("CONFLICT");
    await t.database.owner.query("UPDATE rectification_notices SET status = 'VERIFIED', rectification = 'Done', rectified_by = owner_id, rectified_at = now(), verified_by = $2, verified_at = now() WHERE project_id = $1", [id, user(CONSULTANT)]);
    await t.as(STAFF).query(REQUEST, { id });
    const accepted = (await t.as(STAFF).query(DECIDE, { id, ok: true })).data.decideProjectAcceptance;
    expect(accepted).toMatchObject({ stage: "ACCEPTED", handOver: { receivedBy: "Ma Jun", items: "Scripts and accounts" } });
  });
});

describe("project tasks (seed 004 §3(三))", () => {
  const ADD = `mutation($id: ID!, $owner: ID!, $due: String!) { addProjectTask(projectId: $id, input: { title: "Train agents", ownerId: $owner, dueOn: $due }) { id status overdue owner { email } } }`;
  const SET = `mutation($id: ID!, $s: TaskStatus!) { setProjectTaskStatus(id: $id, status: $s) { status completedAt } }`;

  it.each(pairs(Object.values(TaskStatus)))("%s → %s through the API", async (from, to) => {
    const project = await projectAt(ProjectStage.EXECUTING);
    const task = (await t.as(STAFF).query(ADD, { id: project, owner: user(CONSULTANT), due: "2030-01-01" })).data.addProjectTask;
    await t.database.owner.query("UPDATE project_tasks SET status = $2, completed_at = CASE WHEN $2 = 'DONE' THEN now() END WHERE id = $1", [task.id, from]);
    const answer = await t.as(STAFF).query(SET, { id: task.id, s: to });
    if (PROJECT_TASK_TRANSITIONS[from].includes(to)) expect(answer.data.setProjectTaskStatus.status).toBe(to);
    else expect(errorCode(answer)).toBe("CONFLICT");
  });

  it("overdue project tasks appear in overdueTasks beside the case tasks, whose rows keep their shape", async () => {
    const project = await projectAt(ProjectStage.EXECUTING);
    const task = (await t.as(STAFF).query(ADD, { id: project, owner: user(CONSULTANT), due: "2026-01-02" })).data.addProjectTask;
    expect(task).toMatchObject({ status: "OPEN", overdue: true, owner: { email: CONSULTANT } });
    const query = `{ overdueTasks(first: 5) { totalCount edges { node { id serviceCase { id } } } projectTasks(first: 50) { totalCount edges { node { id overdue project { id } } } } } }`;
    const own = (await t.as(STAFF).query(query)).data.overdueTasks;
    expect(own.projectTasks.edges.map((e: any) => e.node)).toContainEqual({ id: task.id, overdue: true, project: { id: project } });
    for (const edge of own.edges) expect(edge.node.serviceCase.id).toBeTruthy();
    expect((await t.as("president@cn.demo").query(query)).data.overdueTasks.projectTasks.edges.map((e: any) => e.node.id)).toContain(task.id);
    expect((await t.as("president@cn-sz.demo").query(query)).data.overdueTasks.projectTasks.edges.map((e: any) => e.node.id)).not.toContain(task.id);
  });

  it("a parent reads a project's tasks and notices but never writes them; a sibling cannot find them", async () => {
    const project = await projectAt(ProjectStage.EXECUTING);
    const task = (await t.as(STAFF).query(ADD, { id: project, owner: user(CONSULTANT), due: "2030-01-01" })).data.addProjectTask;
    const check = (await t.as(STAFF).query(CHECK, { id: project, owner: user(CONSULTANT) })).data.recordSupervisionCheck;
    const read = `query($id: ID!) { node(id: $id) { id } }`;
    expect((await t.as("president@cn.demo").query(read, { id: task.id })).data.node).toEqual({ id: task.id });
    expect((await t.as("president@cn-sz.demo").query(read, { id: task.id })).data.node).toBeNull();
    expect((await t.as("president@cn-sz.demo").query(read, { id: check.rectification.id })).data.node).toBeNull();
    expect(errorCode(await t.as("president@cn.demo").query(SET, { id: task.id, s: "DONE" }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn-sz.demo").query(SET, { id: task.id, s: "DONE" }))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("president@cn.demo").query(VERIFY, { id: check.rectification.id, ok: true }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("auditor@hq.demo").query(ADD, { id: project, owner: user(CONSULTANT), due: "2030-01-01" }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn.demo").query(ADD, { id: project, owner: user(CONSULTANT), due: "2030-01-01" }))).toBe("FORBIDDEN");
  });
});

describe("project figures in networkReport", () => {
  it("count active and accepted projects, open rectifications and budget against cost, as hand-computed from the rows", async () => {
    const report = await t.as(STAFF).query(`{ networkReport { rows { tenant { code } projects { active accepted openRectifications overdueRectifications overdueTasks budgets { currency projects budgetMinor costMinor } } } totals { projects { active accepted } } } }`);
    const { rows } = await t.database.owner.query(
      `SELECT count(*) FILTER (WHERE stage <> 'ACCEPTED')::int AS active, count(*) FILTER (WHERE stage = 'ACCEPTED')::int AS accepted,
              (SELECT count(*)::int FROM rectification_notices WHERE tenant_id = $1 AND status <> 'VERIFIED') AS open,
              sum(budget_minor)::text AS budget, (SELECT coalesce(sum(amount_minor), 0)::text FROM project_costs WHERE tenant_id = $1) AS cost
         FROM operation_projects WHERE tenant_id = $1`,
      [demoId("tenant", "CN-SH")],
    );
    const row = report.data.networkReport.rows.find((r: any) => r.tenant.code === "CN-SH").projects;
    expect(row).toMatchObject({ active: rows[0].active, accepted: rows[0].accepted, openRectifications: rows[0].open });
    expect(row.budgets).toEqual([{ currency: "CNY", projects: rows[0].active + rows[0].accepted, budgetMinor: rows[0].budget, costMinor: rows[0].cost }]);
    expect(report.data.networkReport.totals.projects.active).toBeGreaterThanOrEqual(rows[0].active);
  });
});
