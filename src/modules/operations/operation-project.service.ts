import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity";
import { writableOrThrow } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { byDate, byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { insertReturning, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { badUserInput, conflict, forbidden } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { Page, PageArgs } from "../../shared/pagination";
import { TaskStatus } from "../cases/service-step";
import { submitApprovalRequest } from "../approvals/approval.service";
import { assertWorkingMemberOrThrow } from "../identity/membership.service";
import {
  OperationProject,
  PlanReview,
  ProjectCost,
  ProjectStage,
  ProjectTask,
  RectificationNotice,
  RectificationStatus,
  SupervisionCheck,
} from "./operation-project.entity";
import {
  AcceptanceMaterialsInput,
  CreateOperationProjectInput,
  OperationProjectListArgs,
  PlanOperationProjectInput,
  ProjectCostInput,
  ProjectHandOverInput,
  ProjectTaskInput,
  RectificationAssignmentInput,
  SupervisionCheckInput,
} from "./operation-project.inputs";
import { OPERATION_PLAN_LEVEL, OPERATION_PLAN_SUBJECT } from "./operation-plan.policy";
import { PROJECT_STAGE_TRANSITIONS, PROJECT_TASK_TRANSITIONS, RECTIFICATION_TRANSITIONS, assertMoveOrThrow } from "./operation-workflow";
import { query, sql } from "../../db/rows/sql";
import { t } from "../../shared/messages";

export async function createOperationProject(session: MemberSession, input: CreateOperationProjectInput): Promise<OperationProject> {
  const { db, acting, loaders } = session;
  if (input.clientId) writableOrThrow(acting, await loaders.crm.clientById.load(parseIdOrThrow(input.clientId, "clientId")), "Client");
  return insertReturning(db, OperationProject, {
    tenantId: acting.tenantId,
    clientId: input.clientId?.toLowerCase() ?? null,
    title: input.title.trim(),
    stage: ProjectStage.INTAKE,
    feasibility: input.feasibility.trim(),
    riskAssessment: input.riskAssessment.trim(),
    budgetMinor: input.budgetMinor,
    currency: input.currency,
    createdBy: acting.userId,
  });
}

/** The project, writable by the caller; NOT_FOUND when invisible, FORBIDDEN for a parent. */
async function writableProjectOrThrow(session: MemberSession, id: string): Promise<OperationProject> {
  return writableOrThrow(session.acting, await session.loaders.operations.operationProjectById.load(parseIdOrThrow(id)), "Operation project");
}

/** Moves the project from one of `from` to `to`; CONFLICT when it is elsewhere (also after a race). */
async function moveProjectOrThrow(
  session: MemberSession,
  project: OperationProject,
  from: ProjectStage[],
  to: ProjectStage,
  values: QueryDeepPartialEntity<OperationProject> = {},
): Promise<OperationProject> {
  for (const stage of from) {
    if (!PROJECT_STAGE_TRANSITIONS[stage].includes(to)) throw new Error(`${stage} → ${to} is not in the project's transition table`);
  }
  if (!from.includes(project.stage)) assertMoveOrThrow(PROJECT_STAGE_TRANSITIONS, "project", project.stage, to);
  const [moved] = await updateReturning(
    session.db,
    OperationProject,
    { ...values, stage: to },
    rowKey(project, { sql: "stage IN (:...from)", parameters: { from } }),
  );
  if (!moved) throw conflict(t("The project is {stage}; it cannot move to {to}", { stage: project.stage, to }), { stage: project.stage, to });
  return moved;
}

/** A changed plan needs a new review; a plan under review is not changed (withdraw the request first). */
export async function planOperationProject(session: MemberSession, id: string, input: PlanOperationProjectInput): Promise<OperationProject> {
  const project = await writableProjectOrThrow(session, id);
  if (project.planReview === PlanReview.PENDING) throw conflict("The plan is under review; withdraw the request to change it", { planReview: project.planReview });
  return moveProjectOrThrow(session, project, [ProjectStage.INTAKE, ProjectStage.PLANNED], ProjectStage.PLANNED, {
    goals: input.goals.trim(),
    strategy: input.strategy.trim(),
    resources: input.resources.trim(),
    planReview: null,
  });
}

/** Seed 004 §3(二)3: the plan goes to the approvals engine for its internal review. */
export async function submitOperationPlan(
  session: MemberSession,
  id: string,
  reason: string | undefined,
  slaWorkingDays: Record<number, number>,
): Promise<OperationProject> {
  const project = await writableProjectOrThrow(session, id);
  if (project.stage !== ProjectStage.PLANNED) throw conflict("Only a PLANNED project's plan is reviewed", { stage: project.stage });
  const [submitted] = await updateReturning(
    session.db,
    OperationProject,
    { planReview: PlanReview.PENDING },
    rowKey(project, { sql: "stage = :planned AND (plan_review IS NULL OR plan_review = :rejected)", parameters: { planned: ProjectStage.PLANNED, rejected: PlanReview.REJECTED } }),
  );
  if (!submitted) throw conflict(t("The plan's review is already {planReview}", { planReview: project.planReview ?? "" }), { planReview: project.planReview });
  const tenant = await session.loaders.tenancy.tenantById.load(project.tenantId);
  await submitApprovalRequest(
    session,
    { subjectType: OPERATION_PLAN_SUBJECT, subjectId: project.id, level: OPERATION_PLAN_LEVEL, reason: reason?.trim() || `Operations plan: ${project.title}` },
    { parentTenantId: tenant?.parentId ?? null, slaWorkingDays },
  );
  return submitted;
}

/** Execution starts only on a plan the internal review approved. */
export async function startOperationExecution(session: MemberSession, id: string): Promise<OperationProject> {
  const project = await writableProjectOrThrow(session, id);
  if (project.stage === ProjectStage.PLANNED && project.planReview !== PlanReview.APPROVED) {
    throw conflict("Execution starts once the plan's internal review approved it", { planReview: project.planReview });
  }
  return moveProjectOrThrow(session, project, [ProjectStage.PLANNED], ProjectStage.EXECUTING);
}

/** A failed check issues a numbered rectification notice with an owner and a deadline. */
export async function recordSupervisionCheck(session: MemberSession, id: string, input: SupervisionCheckInput, defaultDays: number): Promise<SupervisionCheck> {
  const project = await writableProjectOrThrow(session, id);
  const notice = input.rectificationNotice?.trim() || null;
  if (!input.passed && !notice) throw badUserInput("A failed check needs a rectification notice", "rectificationNotice");
  if (project.stage !== ProjectStage.EXECUTING) throw conflict("Supervision checks happen during execution", { stage: project.stage });
  const check = await insertReturning(session.db, SupervisionCheck, {
    tenantId: project.tenantId,
    projectId: project.id,
    findings: input.findings.trim(),
    passed: input.passed,
    rectificationNotice: input.passed ? null : notice,
    checkedBy: session.acting.userId,
  });
  if (!input.passed) {
    await issueRectificationNotice(session, project, { checkId: check.id, requirement: notice!, assignment: input.rectification }, defaultDays);
  }
  return check;
}

/**
 * The next number of the tenant's rectification notices for the year, e.g. `CN-SH-RN-2026-0007`:
 * their own series beside the approval notices. The counter row stays locked until the
 * transaction ends, so numbers never repeat, and a rolled-back issue gives its number back.
 */
async function issueRectificationNotice(
  session: MemberSession,
  project: OperationProject,
  notice: { checkId: string | null; requirement: string; assignment?: RectificationAssignmentInput },
  defaultDays: number,
): Promise<RectificationNotice> {
  const { db, acting } = session;
  const ownerId = notice.assignment?.ownerId?.toLowerCase() ?? project.createdBy;
  await assertWorkingMemberOrThrow(db, { tenantId: project.tenantId, userId: ownerId, argument: "ownerId" });
  const today = new Date().toISOString().slice(0, 10);
  const dueOn = notice.assignment?.dueOn ?? new Date(Date.now() + defaultDays * 86_400_000).toISOString().slice(0, 10);
  if (dueOn < today) throw badUserInput("dueOn must be today or later", "dueOn");
  const year = new Date().getUTCFullYear();
  const [{ last_number: number }] = await query(
    db,
    sql`INSERT INTO rectification_notice_counters (tenant_id, year, last_number) VALUES (${project.tenantId}, ${year}, 1)
     ON CONFLICT (tenant_id, year) DO UPDATE SET last_number = rectification_notice_counters.last_number + 1
     RETURNING last_number`,
  );
  const [{ code }] = await query(db, sql`SELECT code FROM tenants WHERE id = ${project.tenantId}`);
  return insertReturning(db, RectificationNotice, {
    tenantId: project.tenantId,
    projectId: project.id,
    checkId: notice.checkId,
    year,
    number,
    noticeNumber: `${code}-RN-${year}-${String(number).padStart(4, "0")}`,
    requirement: notice.requirement,
    ownerId,
    dueOn,
    status: RectificationStatus.ISSUED,
    issuedBy: acting.userId,
  });
}

async function writableNoticeOrThrow(session: MemberSession, id: string): Promise<RectificationNotice> {
  return writableOrThrow(session.acting, await session.loaders.operations.rectificationNoticeById.load(parseIdOrThrow(id)), "Rectification notice");
}

/** Moves a notice along its table, compare-and-set on the status it was read in. */
async function moveNoticeOrThrow(
  session: MemberSession,
  notice: RectificationNotice,
  to: RectificationStatus,
  values: QueryDeepPartialEntity<RectificationNotice>,
): Promise<RectificationNotice> {
  assertMoveOrThrow(RECTIFICATION_TRANSITIONS, "rectification notice", notice.status, to);
  const [moved] = await updateReturning(session.db, RectificationNotice, { ...values, status: to }, rowKey(notice, { sql: "status = :from", parameters: { from: notice.status } }));
  if (!moved) throw conflict("The notice changed meanwhile; read it again");
  return moved;
}

/** The notice's owner records what was done (整改落实). */
export async function recordRectification(session: MemberSession, checkId: string, rectification: string | undefined): Promise<SupervisionCheck> {
  if (rectification && rectification.length > 5000) throw badUserInput("rectification is at most 5000 characters", "rectification");
  const check = writableOrThrow(session.acting, await session.loaders.operations.supervisionCheckById.load(parseIdOrThrow(checkId, "checkId")), "Supervision check");
  const [notice] = await session.loaders.operations.noticesByCheckId.load(check.id);
  if (!notice) throw conflict("Only a failed check carries a rectification notice");
  if (notice.ownerId !== session.acting.userId) throw forbidden("The notice's owner records its rectification");
  const rectified = await moveNoticeOrThrow(session, notice, RectificationStatus.RECTIFIED, {
    rectification: rectification?.trim() || "Rectified",
    rectifiedBy: session.acting.userId,
    rectifiedAt: () => "now()",
  });
  session.loaders.operations.noticesByCheckId.clear(check.id).prime(check.id, [rectified]);
  return check;
}

/**
 * A different member verifies: never the one who issued the notice nor the one who rectified it.
 * Verified closes the notice (and the check's rectifiedAt); refused sends it back to its owner.
 */
export async function verifyRectification(session: MemberSession, noticeId: string, verified: boolean, note: string): Promise<RectificationNotice> {
  if (!note.trim()) throw badUserInput("A verification needs a note", "note");
  const notice = await writableNoticeOrThrow(session, noticeId);
  const me = session.acting.userId;
  if (me === notice.issuedBy || me === notice.rectifiedBy) {
    throw forbidden("A rectification is verified by a member who neither issued the notice nor performed the rectification");
  }
  if (!verified) {
    return moveNoticeOrThrow(session, notice, RectificationStatus.ISSUED, {
      rectification: null,
      rectifiedBy: null,
      rectifiedAt: null,
      verificationNote: note.trim(),
    });
  }
  const closed = await moveNoticeOrThrow(session, notice, RectificationStatus.VERIFIED, {
    verifiedBy: me,
    verifiedAt: () => "now()",
    verificationNote: note.trim(),
  });
  if (closed.checkId) {
    await updateReturning(session.db, SupervisionCheck, { rectifiedAt: () => "now()" }, rowKey({ tenantId: closed.tenantId, id: closed.checkId }));
  }
  return closed;
}

export async function recordProjectCost(session: MemberSession, id: string, input: ProjectCostInput): Promise<ProjectCost> {
  const project = await writableProjectOrThrow(session, id);
  if (project.stage === ProjectStage.ACCEPTED) throw conflict("The project is accepted and closed");
  if (BigInt(input.amountMinor) === 0n) throw badUserInput("amountMinor must be more than zero", "amountMinor");
  return insertReturning(session.db, ProjectCost, {
    tenantId: project.tenantId,
    projectId: project.id,
    amountMinor: input.amountMinor,
    description: input.description.trim(),
    incurredOn: input.incurredOn,
    recordedBy: session.acting.userId,
  });
}

/** Acceptance needs every rectification notice verified; the materials go with the report. */
export async function requestProjectAcceptance(
  session: MemberSession,
  id: string,
  report: string,
  materials: AcceptanceMaterialsInput | undefined,
): Promise<OperationProject> {
  const project = await writableProjectOrThrow(session, id);
  if (!report.trim()) throw badUserInput("The acceptance report must not be blank", "report");
  const [{ open }] = await query(
    session.db,
    sql`SELECT count(*)::int AS open FROM rectification_notices
         WHERE tenant_id = ${project.tenantId} AND project_id = ${project.id} AND status <> ${RectificationStatus.VERIFIED}`,
  );
  if (open > 0) throw conflict(t("{open} rectification notice(s) are still open", { open }), { openRectifications: open });
  return moveProjectOrThrow(session, project, [ProjectStage.EXECUTING], ProjectStage.AWAITING_ACCEPTANCE, {
    acceptanceReport: report.trim(),
    qualityAssessment: materials?.qualityAssessment?.trim() || project.qualityAssessment,
    satisfactionSurveyResult: materials?.satisfactionSurveyResult?.trim() || project.satisfactionSurveyResult,
  });
}

/**
 * The client signs off, and the hand-over is recorded; or the client refuses, the project goes
 * back to execution and the client's evaluation becomes a rectification notice to verify before
 * acceptance is asked again.
 */
export async function decideProjectAcceptance(
  session: MemberSession,
  id: string,
  decision: { accepted: boolean; evaluation: string; handOver?: ProjectHandOverInput; rectification?: RectificationAssignmentInput },
  defaultDays: number,
): Promise<OperationProject> {
  const project = await writableProjectOrThrow(session, id);
  const evaluation = decision.evaluation.trim();
  if (!evaluation) throw badUserInput("The client's evaluation must not be blank", "evaluation");
  if (decision.accepted) {
    return moveProjectOrThrow(session, project, [ProjectStage.AWAITING_ACCEPTANCE], ProjectStage.ACCEPTED, {
      clientEvaluation: evaluation,
      acceptedAt: () => "now()",
      handedOverTo: decision.handOver?.receivedBy?.trim() || null,
      handoverItems: decision.handOver?.items?.trim() || null,
      handedOverAt: () => "now()",
      handedOverBy: session.acting.userId,
    });
  }
  const returned = await moveProjectOrThrow(session, project, [ProjectStage.AWAITING_ACCEPTANCE], ProjectStage.EXECUTING, { clientEvaluation: evaluation });
  await issueRectificationNotice(session, returned, { checkId: null, requirement: evaluation, assignment: decision.rectification }, defaultDays);
  return returned;
}

/** Seed 004 §3(三): a task of the division of work, until the project is accepted. */
export async function addProjectTask(session: MemberSession, projectId: string, input: ProjectTaskInput): Promise<ProjectTask> {
  const project = await writableProjectOrThrow(session, projectId);
  if (project.stage === ProjectStage.ACCEPTED) throw conflict("The project is accepted and closed", { stage: project.stage });
  await assertWorkingMemberOrThrow(session.db, { tenantId: project.tenantId, userId: input.ownerId, argument: "ownerId" });
  return insertReturning(session.db, ProjectTask, {
    tenantId: project.tenantId,
    projectId: project.id,
    title: input.title.trim(),
    ownerId: input.ownerId.toLowerCase(),
    dueOn: input.dueOn,
    status: TaskStatus.OPEN,
    createdBy: session.acting.userId,
  });
}

export async function setProjectTaskStatus(session: MemberSession, id: string, status: TaskStatus): Promise<ProjectTask> {
  const task = writableOrThrow(session.acting, await session.loaders.operations.projectTaskById.load(parseIdOrThrow(id)), "Project task");
  assertMoveOrThrow(PROJECT_TASK_TRANSITIONS, "project task", task.status, status);
  const [moved] = await updateReturning(
    session.db,
    ProjectTask,
    { status, completedAt: status === TaskStatus.DONE ? () => "now()" : null },
    rowKey(task, { sql: "status = :from", parameters: { from: task.status } }),
  );
  if (!moved) throw conflict("The task changed meanwhile; read it again");
  return moved;
}

/** Open project tasks past their due date in every visible tenant, most overdue first. */
export function listOverdueProjectTasks({ db, acting }: MemberSession, args: PageArgs): Promise<Page<ProjectTask>> {
  const matching = () =>
    db
      .getRepository(ProjectTask)
      .createQueryBuilder("t")
      .where("t.tenant_id = ANY(:visible)", { visible: acting.visibleTenantIds })
      .andWhere("t.status IN (:...open)", { open: [TaskStatus.OPEN, TaskStatus.IN_PROGRESS] })
      .andWhere("t.due_on < current_date");
  return keysetPage(matching, byDate("t", "due_on"), args);
}

/** Notices not verified by their deadline in every visible tenant, most overdue first. */
export function listOverdueRectificationNotices({ db, acting }: MemberSession, args: PageArgs): Promise<Page<RectificationNotice>> {
  const matching = () =>
    db
      .getRepository(RectificationNotice)
      .createQueryBuilder("n")
      .where("n.tenant_id = ANY(:visible)", { visible: acting.visibleTenantIds })
      .andWhere("n.status <> :verified", { verified: RectificationStatus.VERIFIED })
      .andWhere("n.due_on < current_date");
  return keysetPage(matching, byDate("n", "due_on"), args);
}

export function listOperationProjects({ db, acting }: MemberSession, args: OperationProjectListArgs): Promise<Page<OperationProject>> {
  const matching = () => {
    const query = db
      .getRepository(OperationProject)
      .createQueryBuilder("p")
      .where("p.tenant_id = ANY(:visible)", { visible: acting.visibleTenantIds });
    if (args.stage) query.andWhere("p.stage = :stage", { stage: args.stage });
    return query;
  };
  return keysetPage(matching, byTimestamp("p", "created_at"), args);
}
