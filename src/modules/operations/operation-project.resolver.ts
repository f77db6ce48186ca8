import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf } from "../tenancy/tenant-refs";
import type { RequestContext } from "../../context/request-context";
import { derivedId, parseIdOrThrow } from "../../shared/ids";
import { Connection } from "../../shared/pagination";
import { Client } from "../crm/client.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { OperationProject, ProjectBudget, ProjectCost, SupervisionCheck } from "./operation-project.entity";
import {
  CreateOperationProjectInput,
  OperationProjectListArgs,
  PlanOperationProjectInput,
  ProjectCostInput,
  SupervisionCheckInput,
} from "./operation-project.inputs";
import {
  createOperationProject,
  decideProjectAcceptance,
  listOperationProjects,
  planOperationProject,
  recordProjectCost,
  recordRectification,
  recordSupervisionCheck,
  requestProjectAcceptance,
  startOperationExecution,
} from "./operation-project.service";

export const OperationProjectConnection = Connection(OperationProject, "OperationProject");

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

  @Mutation(() => OperationProject, { description: "PLANNED → EXECUTING; members of the project's own tenant, not auditors" })
  async startOperationExecution(@Arg("id", () => ID, { description: "The project's id" }) id: string, @Ctx() ctx: RequestContext): Promise<OperationProject> {
    return startOperationExecution(await ctx.memberSession(), id);
  }

  @Mutation(() => SupervisionCheck, { description: "A supervision check while EXECUTING; a failed one issues a rectification notice; members of the project's own tenant, not auditors" })
  async recordSupervisionCheck(
    @Arg("projectId", () => ID, { description: "The project's id" }) projectId: string,
    @Arg("input", { description: "The check's findings and outcome" }) input: SupervisionCheckInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SupervisionCheck> {
    return recordSupervisionCheck(await ctx.memberSession(), projectId, input);
  }

  @Mutation(() => SupervisionCheck, { description: "Records that a failed check's notice was rectified; members of the project's own tenant, not auditors" })
  async recordRectification(@Arg("checkId", () => ID, { description: "The failed check's id" }) checkId: string, @Ctx() ctx: RequestContext): Promise<SupervisionCheck> {
    return recordRectification(await ctx.memberSession(), checkId);
  }

  @Mutation(() => ProjectCost, { description: "Records a cost against the budget, until the project is accepted; members of the project's own tenant, not auditors" })
  async recordProjectCost(
    @Arg("projectId", () => ID, { description: "The project's id" }) projectId: string,
    @Arg("input", { description: "The cost" }) input: ProjectCostInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ProjectCost> {
    return recordProjectCost(await ctx.memberSession(), projectId, input);
  }

  @Mutation(() => OperationProject, { description: "EXECUTING → AWAITING_ACCEPTANCE with the report; open rectification notices block it; members of the project's own tenant, not auditors" })
  async requestProjectAcceptance(
    @Arg("id", () => ID, { description: "The project's id" }) id: string,
    @Arg("report", { description: "The acceptance report; not blank" }) report: string,
    @Ctx() ctx: RequestContext,
  ): Promise<OperationProject> {
    return requestProjectAcceptance(await ctx.memberSession(), id, report);
  }

  @Mutation(() => OperationProject, { description: "Records the client's sign-off (ACCEPTED), or sends it back to EXECUTING; members of the project's own tenant, not auditors" })
  async decideProjectAcceptance(
    @Arg("id", () => ID, { description: "The project's id" }) id: string,
    @Arg("accepted", { description: "true: accepted; false: back to execution" }) accepted: boolean,
    @Arg("evaluation", { description: "The client's evaluation; not blank" }) evaluation: string,
    @Ctx() ctx: RequestContext,
  ): Promise<OperationProject> {
    return decideProjectAcceptance(await ctx.memberSession(), id, { accepted, evaluation });
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
