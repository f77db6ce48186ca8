import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf } from "../tenancy/tenant-refs";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
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
  @Query(() => OperationProjectConnection, { description: "Hosted-operation projects of the visible tenants" })
  async operationProjects(@Args() args: OperationProjectListArgs, @Ctx() ctx: RequestContext) {
    return new OperationProjectConnection(await listOperationProjects(await ctx.memberSession(), args));
  }

  @Query(() => OperationProject, { nullable: true })
  async operationProject(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<OperationProject | null> {
    return (await ctx.memberSession()).loaders.operations.operationProjectById.load(parseIdOrThrow(id));
  }

  @Mutation(() => OperationProject, { description: "Intake: the project with its feasibility, risks and budget" })
  async createOperationProject(@Arg("input") input: CreateOperationProjectInput, @Ctx() ctx: RequestContext): Promise<OperationProject> {
    return createOperationProject(await ctx.memberSession(), input);
  }

  @Mutation(() => OperationProject, { description: "The operations plan: goals, strategy, resources" })
  async planOperationProject(
    @Arg("id", () => ID) id: string,
    @Arg("input") input: PlanOperationProjectInput,
    @Ctx() ctx: RequestContext,
  ): Promise<OperationProject> {
    return planOperationProject(await ctx.memberSession(), id, input);
  }

  @Mutation(() => OperationProject)
  async startOperationExecution(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<OperationProject> {
    return startOperationExecution(await ctx.memberSession(), id);
  }

  @Mutation(() => SupervisionCheck, { description: "A supervision check; a failed one issues a rectification notice" })
  async recordSupervisionCheck(
    @Arg("projectId", () => ID) projectId: string,
    @Arg("input") input: SupervisionCheckInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SupervisionCheck> {
    return recordSupervisionCheck(await ctx.memberSession(), projectId, input);
  }

  @Mutation(() => SupervisionCheck)
  async recordRectification(@Arg("checkId", () => ID) checkId: string, @Ctx() ctx: RequestContext): Promise<SupervisionCheck> {
    return recordRectification(await ctx.memberSession(), checkId);
  }

  @Mutation(() => ProjectCost)
  async recordProjectCost(
    @Arg("projectId", () => ID) projectId: string,
    @Arg("input") input: ProjectCostInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ProjectCost> {
    return recordProjectCost(await ctx.memberSession(), projectId, input);
  }

  @Mutation(() => OperationProject, { description: "Submits the project for acceptance with its report; open rectifications block it" })
  async requestProjectAcceptance(
    @Arg("id", () => ID) id: string,
    @Arg("report") report: string,
    @Ctx() ctx: RequestContext,
  ): Promise<OperationProject> {
    return requestProjectAcceptance(await ctx.memberSession(), id, report);
  }

  @Mutation(() => OperationProject, { description: "The client's sign-off, or back to execution to rectify" })
  async decideProjectAcceptance(
    @Arg("id", () => ID) id: string,
    @Arg("accepted") accepted: boolean,
    @Arg("evaluation") evaluation: string,
    @Ctx() ctx: RequestContext,
  ): Promise<OperationProject> {
    return decideProjectAcceptance(await ctx.memberSession(), id, { accepted, evaluation });
  }

  @FieldResolver(() => Tenant)
  async tenant(@Root() project: OperationProject, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, project.tenantId);
  }

  @FieldResolver(() => Client, { nullable: true })
  async client(@Root() project: OperationProject, @Ctx() ctx: RequestContext): Promise<Client | null> {
    return project.clientId ? (await ctx.memberSession()).loaders.crm.clientById.load(project.clientId) : null;
  }

  @FieldResolver(() => [SupervisionCheck])
  async supervisionChecks(@Root() project: OperationProject, @Ctx() ctx: RequestContext): Promise<SupervisionCheck[]> {
    return (await ctx.memberSession()).loaders.operations.checksByProjectId.load(project.id);
  }

  @FieldResolver(() => [ProjectCost])
  async costs(@Root() project: OperationProject, @Ctx() ctx: RequestContext): Promise<ProjectCost[]> {
    return (await ctx.memberSession()).loaders.operations.costsByProjectId.load(project.id);
  }

  @FieldResolver(() => ProjectBudget, { description: "Budget against actual, in exact integer minor units" })
  async budget(@Root() project: OperationProject, @Ctx() ctx: RequestContext): Promise<ProjectBudget> {
    const costs = await (await ctx.memberSession()).loaders.operations.costsByProjectId.load(project.id);
    const actual = costs.reduce((sum, cost) => sum + BigInt(cost.amountMinor), 0n);
    const remaining = BigInt(project.budgetMinor) - actual;
    return {
      budgetMinor: project.budgetMinor,
      actualMinor: actual.toString(),
      remainingMinor: remaining.toString(),
      currency: project.currency,
      overBudget: remaining < 0n,
    };
  }
}
