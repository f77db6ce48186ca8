import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf } from "../tenancy/tenant-refs";
import type { RequestContext } from "../../context/request-context";
import { derivedId, parseIdOrThrow } from "../../shared/ids";
import { Connection, PageArgs } from "../../shared/pagination";
import { userOrNull } from "../identity/user-refs";
import { User } from "../identity/user.entity";
import { CaseTaskConnection } from "../cases/case.resolver";
import { TaskStatus } from "../cases/service-step";
import { Client } from "../crm/client.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { OperationProject, ProjectBudget, ProjectCost, ProjectHandOver, ProjectTask, RectificationNotice, SupervisionCheck } from "./operation-project.entity";
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
import {
  addProjectTask,
  createOperationProject,
  decideProjectAcceptance,
  listOperationProjects,
  listOverdueProjectTasks,
  listOverdueRectificationNotices,
  planOperationProject,
  recordProjectCost,
  recordRectification,
  recordSupervisionCheck,
  requestProjectAcceptance,
  setProjectTaskStatus,
  startOperationExecution,
  submitOperationPlan,
  verifyRectification,
} from "./operation-project.service";

export const OperationProjectConnection = Connection(OperationProject, "OperationProject");
export const ProjectTaskConnection = Connection(ProjectTask, "ProjectTask");
export const RectificationNoticeConnection = Connection(RectificationNotice, "RectificationNotice");

@Resolver(() => OperationProject)
export class OperationProjectResolver {
  @Query(() => OperationProjectConnection, { description: "Hosted-operation projects of the tenants the caller may read; any member" })
  async operationProjects(@Args() args: OperationProjectListArgs, @Ctx() ctx: RequestContext) {
    return new OperationProjectConnection(await listOperationProjects(await ctx.memberSession(), args));
  }

  @Query(() => OperationProject, { nullable: true, description: "One project the caller may read; null when missing or not visible; any member" })
  async operationProject(@Arg("id", () => ID, { description: "The project's id" }) id: string, @Ctx() ctx: RequestContext): Promise<OperationProject | null> {
    return (await ctx.memberSession()).loaders.operations.operationProjectById.load(parseIdOrThrow(id));
  }

  @Mutation(() => OperationProject, { description: "Intake: a project of the acting tenant with its feasibility, risks and budget; its members, not auditors" })
  async createOperationProject(@Arg("input", { description: "The project's intake" }) input: CreateOperationProjectInput, @Ctx() ctx: RequestContext): Promise<OperationProject> {
    return createOperationProject(await ctx.memberSession(), input);
  }

  @Mutation(() => OperationProject, { description: "The operations plan (goals, strategy, resources), from INTAKE or again while PLANNED; members of the project's own tenant, not auditors" })
  async planOperationProject(
    @Arg("id", () => ID, { description: "The project's id" }) id: string,
    @Arg("input", { description: "The plan" }) input: PlanOperationProjectInput,
    @Ctx() ctx: RequestContext,
  ): Promise<OperationProject> {
    return planOperationProject(await ctx.memberSession(), id, input);
  }

  @Query(() => RectificationNoticeConnection, { description: "Rectification notices not verified by their deadline in the tenants the caller may read, most overdue first; any member" })
  async overdueRectificationNotices(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return new RectificationNoticeConnection(await listOverdueRectificationNotices(await ctx.memberSession(), args));
  }

  @Mutation(() => OperationProject, {
    description: "Sends a PLANNED project's plan to its internal review (approval subject OPERATION_PLAN, level 3, decided in the project's tenant by a department head or above of OPERATIONS or MANAGEMENT); members of the project's own tenant, not auditors",
  })
  async submitOperationPlan(
    @Arg("id", () => ID, { description: "The project's id" }) id: string,
    @Arg("reason", () => String, { nullable: true, description: "What the reviewers should know" }) reason: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<OperationProject> {
    return submitOperationPlan(await ctx.memberSession(), id, reason ?? undefined, ctx.settings.approvalSlaWorkingDays);
  }

  @Mutation(() => OperationProject, { description: "PLANNED → EXECUTING once the plan's review approved it (CONFLICT before); members of the project's own tenant, not auditors" })
  async startOperationExecution(@Arg("id", () => ID, { description: "The project's id" }) id: string, @Ctx() ctx: RequestContext): Promise<OperationProject> {
    return startOperationExecution(await ctx.memberSession(), id);
  }

  @Mutation(() => SupervisionCheck, { description: "A supervision check while EXECUTING; a failed one issues a rectification notice; members of the project's own tenant, not auditors" })
  async recordSupervisionCheck(
    @Arg("projectId", () => ID, { description: "The project's id" }) projectId: string,
    @Arg("input", { description: "The check's findings and outcome" }) input: SupervisionCheckInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SupervisionCheck> {
    return recordSupervisionCheck(await ctx.memberSession(), projectId, input, ctx.settings.rectificationDefaultDays);
  }

  @Mutation(() => SupervisionCheck, { description: "The notice's owner records the rectification of a failed check (ISSUED → RECTIFIED); FORBIDDEN for anyone else" })
  async recordRectification(
    @Arg("checkId", () => ID, { description: "The failed check's id" }) checkId: string,
    @Arg("rectification", () => String, { nullable: true, description: "What was done, at most 5000 characters" }) rectification: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<SupervisionCheck> {
    return recordRectification(await ctx.memberSession(), checkId, rectification ?? undefined);
  }

  @Mutation(() => RectificationNotice, {
    description: "Verifies a RECTIFIED notice (→ VERIFIED) or sends it back (→ ISSUED); a member of the project's own tenant who neither issued the notice nor rectified it (FORBIDDEN otherwise), not auditors",
  })
  async verifyRectification(
    @Arg("noticeId", () => ID, { description: "The notice's id" }) noticeId: string,
    @Arg("verified", { description: "true: the rectification holds; false: back to its owner" }) verified: boolean,
    @Arg("note", { description: "What the verification found; not blank" }) note: string,
    @Ctx() ctx: RequestContext,
  ): Promise<RectificationNotice> {
    return verifyRectification(await ctx.memberSession(), noticeId, verified, note);
  }

  @Mutation(() => ProjectTask, { description: "Adds a task to the project's division of work, until it is accepted; members of the project's own tenant, not auditors" })
  async addProjectTask(
    @Arg("projectId", () => ID, { description: "The project's id" }) projectId: string,
    @Arg("input", { description: "The task, its owner and due date" }) input: ProjectTaskInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ProjectTask> {
    return addProjectTask(await ctx.memberSession(), projectId, input);
  }

  @Mutation(() => ProjectTask, { description: "Moves a project task: OPEN ⇄ IN_PROGRESS → DONE | CANCELLED (CONFLICT otherwise); members of the project's own tenant, not auditors" })
  async setProjectTaskStatus(
    @Arg("id", () => ID, { description: "The task's id" }) id: string,
    @Arg("status", () => TaskStatus, { description: "The new status" }) status: TaskStatus,
    @Ctx() ctx: RequestContext,
  ): Promise<ProjectTask> {
    return setProjectTaskStatus(await ctx.memberSession(), id, status);
  }

  @Mutation(() => ProjectCost, { description: "Records a cost against the budget, until the project is accepted; members of the project's own tenant, not auditors" })
  async recordProjectCost(
    @Arg("projectId", () => ID, { description: "The project's id" }) projectId: string,
    @Arg("input", { description: "The cost" }) input: ProjectCostInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ProjectCost> {
    return recordProjectCost(await ctx.memberSession(), projectId, input);
  }

  @Mutation(() => OperationProject, { description: "EXECUTING → AWAITING_ACCEPTANCE with the report and materials; unverified rectification notices block it; members of the project's own tenant, not auditors" })
  async requestProjectAcceptance(
    @Arg("id", () => ID, { description: "The project's id" }) id: string,
    @Arg("report", { description: "The operations report (运营报告); not blank" }) report: string,
    @Arg("materials", () => AcceptanceMaterialsInput, { nullable: true, description: "The quality assessment and satisfaction survey result" })
    materials: AcceptanceMaterialsInput | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<OperationProject> {
    return requestProjectAcceptance(await ctx.memberSession(), id, report, materials ?? undefined);
  }

  @Mutation(() => OperationProject, {
    description: "Records the client's sign-off (ACCEPTED, with the hand-over record), or its refusal: back to EXECUTING with a rectification notice of the evaluation; members of the project's own tenant, not auditors",
  })
  async decideProjectAcceptance(
    @Arg("id", () => ID, { description: "The project's id" }) id: string,
    @Arg("accepted", { description: "true: accepted; false: back to execution" }) accepted: boolean,
    @Arg("evaluation", { description: "The client's evaluation; not blank" }) evaluation: string,
    @Arg("handOver", () => ProjectHandOverInput, { nullable: true, description: "On acceptance: who received what" }) handOver: ProjectHandOverInput | undefined,
    @Arg("rectification", () => RectificationAssignmentInput, { nullable: true, description: "On refusal: owner and deadline of the rectification notice" })
    rectification: RectificationAssignmentInput | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<OperationProject> {
    return decideProjectAcceptance(
      await ctx.memberSession(),
      id,
      { accepted, evaluation, handOver: handOver ?? undefined, rectification: rectification ?? undefined },
      ctx.settings.rectificationDefaultDays,
    );
  }

  @FieldResolver(() => Tenant, { description: "The tenant running the project" })
  async tenant(@Root() project: OperationProject, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, project.tenantId);
  }

  @FieldResolver(() => Client, { nullable: true, description: "The client the project is run for, if any" })
  async client(@Root() project: OperationProject, @Ctx() ctx: RequestContext): Promise<Client | null> {
    return project.clientId ? (await ctx.memberSession()).loaders.crm.clientById.load(project.clientId) : null;
  }

  @FieldResolver(() => [SupervisionCheck], { description: "Every supervision check recorded" })
  async supervisionChecks(@Root() project: OperationProject, @Ctx() ctx: RequestContext): Promise<SupervisionCheck[]> {
    return (await ctx.memberSession()).loaders.operations.checksByProjectId.load(project.id);
  }

  @FieldResolver(() => [ProjectCost], { description: "Every cost recorded" })
  async costs(@Root() project: OperationProject, @Ctx() ctx: RequestContext): Promise<ProjectCost[]> {
    return (await ctx.memberSession()).loaders.operations.costsByProjectId.load(project.id);
  }

  @FieldResolver(() => [ProjectTask], { description: "The project's division of work, by due date" })
  async tasks(@Root() project: OperationProject, @Ctx() ctx: RequestContext): Promise<ProjectTask[]> {
    return (await ctx.memberSession()).loaders.operations.tasksByProjectId.load(project.id);
  }

  @FieldResolver(() => [RectificationNotice], { description: "Every rectification notice issued for the project, oldest first" })
  async rectificationNotices(@Root() project: OperationProject, @Ctx() ctx: RequestContext): Promise<RectificationNotice[]> {
    return (await ctx.memberSession()).loaders.operations.noticesByProjectId.load(project.id);
  }

  @FieldResolver(() => ProjectHandOver, { nullable: true, description: "The hand-over record; null until the client accepts the project" })
  handOver(@Root() project: OperationProject): ProjectHandOver | null {
    if (!project.handedOverAt || !project.handedOverBy) return null;
    return {
      receivedBy: project.handedOverTo,
      items: project.handoverItems,
      handedOverAt: project.handedOverAt,
      handedOverBy: project.handedOverBy,
    };
  }

  @FieldResolver(() => ProjectBudget, { description: "Budget against actual, in exact integer minor units" })
  async budget(@Root() project: OperationProject, @Ctx() ctx: RequestContext): Promise<ProjectBudget> {
    const costs = await (await ctx.memberSession()).loaders.operations.costsByProjectId.load(project.id);
    const actual = costs.reduce((sum, cost) => sum + BigInt(cost.amountMinor), 0n);
    const remaining = BigInt(project.budgetMinor) - actual;
    return {
      id: derivedId("ProjectBudget", project.id),
      budgetMinor: project.budgetMinor,
      actualMinor: actual.toString(),
      remainingMinor: remaining.toString(),
      currency: project.currency,
      overBudget: remaining < 0n,
    };
  }
}

@Resolver(() => ProjectCost)
export class ProjectCostResolver {
  @FieldResolver(() => OperationProject, { description: "The project the cost is booked on: select its budget and costs to refresh them" })
  async project(@Root() cost: ProjectCost, @Ctx() ctx: RequestContext): Promise<OperationProject> {
    return (await (await ctx.memberSession()).loaders.operations.operationProjectById.load(cost.projectId))!;
  }
}

@Resolver(() => SupervisionCheck)
export class SupervisionCheckResolver {
  @FieldResolver(() => RectificationNotice, { nullable: true, description: "The numbered notice a failed check issued; null for a passed check" })
  async rectification(@Root() check: SupervisionCheck, @Ctx() ctx: RequestContext): Promise<RectificationNotice | null> {
    const [notice] = await (await ctx.memberSession()).loaders.operations.noticesByCheckId.load(check.id);
    return notice ?? null;
  }
}

@Resolver(() => ProjectTask)
export class ProjectTaskResolver {
  @FieldResolver(() => OperationProject, { description: "The project the task belongs to" })
  async project(@Root() task: ProjectTask, @Ctx() ctx: RequestContext): Promise<OperationProject> {
    return (await (await ctx.memberSession()).loaders.operations.operationProjectById.load(task.projectId))!;
  }

  @FieldResolver(() => User, { nullable: true, description: "Who owns the task: a member of the project's tenant" })
  async owner(@Root() task: ProjectTask, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, task.ownerId);
  }

  @FieldResolver(() => Tenant, { description: "The tenant running the project" })
  async tenant(@Root() task: ProjectTask, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, task.tenantId);
  }
}

@Resolver(() => RectificationNotice)
export class RectificationNoticeResolver {
  @FieldResolver(() => OperationProject, { description: "The project the notice is about" })
  async project(@Root() notice: RectificationNotice, @Ctx() ctx: RequestContext): Promise<OperationProject> {
    return (await (await ctx.memberSession()).loaders.operations.operationProjectById.load(notice.projectId))!;
  }

  @FieldResolver(() => SupervisionCheck, { nullable: true, description: "The failed check that issued it; null when the client's refused acceptance did" })
  async check(@Root() notice: RectificationNotice, @Ctx() ctx: RequestContext): Promise<SupervisionCheck | null> {
    return notice.checkId ? (await ctx.memberSession()).loaders.operations.supervisionCheckById.load(notice.checkId) : null;
  }

  @FieldResolver(() => Tenant, { description: "The tenant running the project" })
  async tenant(@Root() notice: RectificationNotice, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, notice.tenantId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who must rectify" })
  async owner(@Root() notice: RectificationNotice, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, notice.ownerId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who issued the notice" })
  async issuedBy(@Root() notice: RectificationNotice, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, notice.issuedBy);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who recorded the rectification" })
  async rectifiedBy(@Root() notice: RectificationNotice, @Ctx() ctx: RequestContext): Promise<User | null> {
    return notice.rectifiedBy ? userOrNull(ctx, notice.rectifiedBy) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: "Who verified it" })
  async verifiedBy(@Root() notice: RectificationNotice, @Ctx() ctx: RequestContext): Promise<User | null> {
    return notice.verifiedBy ? userOrNull(ctx, notice.verifiedBy) : null;
  }
}

/** Seed 004 §3(三): overdue project tasks beside the case tasks, in a field of their own so the case-task rows keep their shape. */
@Resolver(() => CaseTaskConnection)
export class OverdueProjectTasksResolver {
  @FieldResolver(() => ProjectTaskConnection, { description: "Open or in-progress project tasks past their due date in the tenants the caller may read, most overdue first" })
  async projectTasks(@Root() _cases: unknown, @Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return new ProjectTaskConnection(await listOverdueProjectTasks(await ctx.memberSession(), args));
  }
}
