import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity";
import { writableOrThrow } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { insertReturning, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { badUserInput, conflict } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { Page } from "../../shared/pagination";
import { OperationProject, ProjectCost, ProjectStage, SupervisionCheck } from "./operation-project.entity";
import {
  CreateOperationProjectInput,
  OperationProjectListArgs,
  PlanOperationProjectInput,
  ProjectCostInput,
  SupervisionCheckInput,
} from "./operation-project.inputs";
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
  const [moved] = await updateReturning(
    session.db,
    OperationProject,
    { ...values, stage: to },
    rowKey(project, { sql: "stage IN (:...from)", parameters: { from } }),
  );
  if (!moved) throw conflict(t("The project is {stage}; it cannot move to {to}", { stage: project.stage, to }), { stage: project.stage, to });
  return moved;
}

export async function planOperationProject(session: MemberSession, id: string, input: PlanOperationProjectInput): Promise<OperationProject> {
  const project = await writableProjectOrThrow(session, id);
  return moveProjectOrThrow(session, project, [ProjectStage.INTAKE, ProjectStage.PLANNED], ProjectStage.PLANNED, {
    goals: input.goals.trim(),
    strategy: input.strategy.trim(),
    resources: input.resources.trim(),
  });
}

export async function startOperationExecution(session: MemberSession, id: string): Promise<OperationProject> {
  return moveProjectOrThrow(session, await writableProjectOrThrow(session, id), [ProjectStage.PLANNED], ProjectStage.EXECUTING);
}

export async function recordSupervisionCheck(session: MemberSession, id: string, input: SupervisionCheckInput): Promise<SupervisionCheck> {
  const project = await writableProjectOrThrow(session, id);
  const notice = input.rectificationNotice?.trim() || null;
  if (!input.passed && !notice) throw badUserInput("A failed check needs a rectification notice", "rectificationNotice");
  if (project.stage !== ProjectStage.EXECUTING) throw conflict("Supervision checks happen during execution", { stage: project.stage });
  return insertReturning(session.db, SupervisionCheck, {
    tenantId: project.tenantId,
    projectId: project.id,
    findings: input.findings.trim(),
    passed: input.passed,
    rectificationNotice: notice,
    checkedBy: session.acting.userId,
  });
}

export async function recordRectification(session: MemberSession, checkId: string): Promise<SupervisionCheck> {
  const check = writableOrThrow(session.acting, await session.loaders.operations.supervisionCheckById.load(parseIdOrThrow(checkId)), "Supervision check");
  const [rectified] = await updateReturning(
    session.db,
    SupervisionCheck,
    { rectifiedAt: () => "now()" },
    rowKey(check, { sql: "NOT passed AND rectified_at IS NULL" }),
  );
  if (!rectified) throw conflict("Only a failed, unrectified check can be rectified");
  return rectified;
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

/** Acceptance needs every failed supervision check rectified. */
export async function requestProjectAcceptance(session: MemberSession, id: string, report: string): Promise<OperationProject> {
  const project = await writableProjectOrThrow(session, id);
  if (!report.trim()) throw badUserInput("The acceptance report must not be blank", "report");
  const [{ open }] = await query(
    session.db,
    sql`SELECT count(*)::int AS open FROM supervision_checks
         WHERE tenant_id = ${project.tenantId} AND project_id = ${project.id} AND NOT passed AND rectified_at IS NULL`,
  );
  if (open > 0) throw conflict(t("{open} rectification notice(s) are still open", { open }), { openRectifications: open });
  return moveProjectOrThrow(session, project, [ProjectStage.EXECUTING], ProjectStage.AWAITING_ACCEPTANCE, { acceptanceReport: report.trim() });
}

/** The client signs off, or sends the project back to execution to rectify (until accepted). */
export async function decideProjectAcceptance(
  session: MemberSession,
  id: string,
  decision: { accepted: boolean; evaluation: string },
): Promise<OperationProject> {
  const project = await writableProjectOrThrow(session, id);
  if (!decision.evaluation.trim()) throw badUserInput("The client's evaluation must not be blank", "evaluation");
  return decision.accepted
    ? moveProjectOrThrow(session, project, [ProjectStage.AWAITING_ACCEPTANCE], ProjectStage.ACCEPTED, {
        clientEvaluation: decision.evaluation.trim(),
        acceptedAt: () => "now()",
      })
    : moveProjectOrThrow(session, project, [ProjectStage.AWAITING_ACCEPTANCE], ProjectStage.EXECUTING, {
        clientEvaluation: decision.evaluation.trim(),
      });
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
