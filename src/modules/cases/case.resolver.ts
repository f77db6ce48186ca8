import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf } from "../tenancy/tenant-refs";
import { userOrNull } from "../identity/user-refs";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { Connection, PageArgs } from "../../shared/pagination";
import { fieldNamesAt } from "../../shared/selection";
import { Client } from "../crm/client.entity";
import { User } from "../identity/user.entity";
import { Tenant } from "../tenancy/tenant.entity";
import {
  CaseEvaluation,
  CaseNeeds,
  CaseTask,
  CaseTransition,
  CertificationReview,
  MaterialHandover,
  ServicePlan,
  ServiceRecord,
} from "./case-records.entity";
import { allowedTargets } from "./case-workflow";
import { OpenServiceCaseInput, ServiceCaseListArgs } from "./case.inputs";
import { advanceServiceCase, listOverdueTasks, listServiceCases, openServiceCase } from "./case.service";
import { ServiceCase } from "./service-case.entity";
import { ServiceStep } from "./service-step";

export const ServiceCaseConnection = Connection(ServiceCase, "ServiceCase");
export const CaseTaskConnection = Connection(CaseTask, "CaseTask");

@Resolver(() => ServiceCase)
export class ServiceCaseResolver {
  @Query(() => ServiceCaseConnection, { description: "Cases of every tenant the caller may read, oldest first; any member" })
  async serviceCases(@Args() args: ServiceCaseListArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return new ServiceCaseConnection(await listServiceCases(await ctx.memberSession(), args, fieldNamesAt(info, ["edges", "node"])));
  }

  @Query(() => ServiceCase, {
    nullable: true,
    description: "The whole case dossier: select its records; null when the case does not exist or is not visible; any member",
  })
  async serviceCase(@Arg("id", () => ID, { description: "The case's id" }) id: string, @Ctx() ctx: RequestContext): Promise<ServiceCase | null> {
    const { loaders } = await ctx.memberSession();
    return loaders.cases.serviceCaseById.load(parseIdOrThrow(id));
  }

  @Query(() => CaseTaskConnection, { description: "Open or in-progress tasks past their due date in the tenants the caller may read, most overdue first; any member" })
  async overdueTasks(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return new CaseTaskConnection(await listOverdueTasks(await ctx.memberSession(), args));
  }

  @Mutation(() => ServiceCase, { description: "Opens a case at INTAKE for a client of the acting tenant; its members, not auditors (a consultant only for themselves)" })
  async openServiceCase(@Arg("input", { description: "The client, tier, title and intake needs" }) input: OpenServiceCaseInput, @Ctx() ctx: RequestContext): Promise<ServiceCase> {
    return openServiceCase(await ctx.memberSession(), input, ctx.settings.responseTargetHours);
  }

  @Mutation(() => ServiceCase, {
    description: "Moves a case to its next step (or back where allowedNextSteps says so); CONFLICT otherwise; staff or above of the case's centre, or its assigned consultant (not auditors)",
  })
  async advanceServiceCase(
    @Arg("id", () => ID, { description: "The case's id" }) id: string,
    @Arg("to", () => ServiceStep, { description: "The step to move to" }) to: ServiceStep,
    @Arg("note", () => String, { nullable: true, description: "Why, kept in the case's history" }) note: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ServiceCase> {
    return advanceServiceCase(await ctx.memberSession(), id, to, note ?? undefined);
  }

  @FieldResolver(() => Client, { description: "The client served" })
  async client(@Root() serviceCase: ServiceCase, @Ctx() ctx: RequestContext): Promise<Client> {
    return (await (await ctx.memberSession()).loaders.crm.clientById.load(serviceCase.clientId)) as Client;
  }

  @FieldResolver(() => Tenant, { description: "The centre that owns the case" })
  async tenant(@Root() serviceCase: ServiceCase, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, serviceCase.tenantId);
  }

  @FieldResolver(() => User, { nullable: true, description: "The assigned consultant" })
  async consultant(@Root() serviceCase: ServiceCase, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, serviceCase.consultantId);
  }

  @FieldResolver(() => [ServiceStep], { description: "Where advanceServiceCase may move the case next, records permitting" })
  allowedNextSteps(@Root() serviceCase: ServiceCase): ServiceStep[] {
    return allowedTargets(serviceCase.step);
  }

  @FieldResolver(() => [CaseNeeds], { description: "Step 1: needs intake" })
  async needs(@Root() serviceCase: ServiceCase, @Ctx() ctx: RequestContext): Promise<CaseNeeds[]> {
    return (await ctx.memberSession()).loaders.cases.needsByCaseId.load(serviceCase.id);
  }

  @FieldResolver(() => [ServicePlan], { description: "Steps 3–4: every plan version, oldest first" })
  async plans(@Root() serviceCase: ServiceCase, @Ctx() ctx: RequestContext): Promise<ServicePlan[]> {
    return (await ctx.memberSession()).loaders.cases.plansByCaseId.load(serviceCase.id);
  }

  @FieldResolver(() => ServicePlan, { nullable: true, description: "The latest plan version" })
  async currentPlan(@Root() serviceCase: ServiceCase, @Ctx() ctx: RequestContext): Promise<ServicePlan | null> {
    const plans = await (await ctx.memberSession()).loaders.cases.plansByCaseId.load(serviceCase.id);
    return plans[plans.length - 1] ?? null;
  }

  @FieldResolver(() => [CaseTask], { description: "Step 5: the execution plan" })
  async tasks(@Root() serviceCase: ServiceCase, @Ctx() ctx: RequestContext): Promise<CaseTask[]> {
    return (await ctx.memberSession()).loaders.cases.tasksByCaseId.load(serviceCase.id);
  }

  @FieldResolver(() => [ServiceRecord], { description: "Step 6: services delivered" })
  async serviceRecords(@Root() serviceCase: ServiceCase, @Ctx() ctx: RequestContext): Promise<ServiceRecord[]> {
    return (await ctx.memberSession()).loaders.cases.serviceRecordsByCaseId.load(serviceCase.id);
  }

  @FieldResolver(() => [MaterialHandover], { description: "Step 7: materials handed to the due-diligence body" })
  async materialHandovers(@Root() serviceCase: ServiceCase, @Ctx() ctx: RequestContext): Promise<MaterialHandover[]> {
    return (await ctx.memberSession()).loaders.cases.handoversByCaseId.load(serviceCase.id);
  }

  @FieldResolver(() => [CertificationReview], { description: "Step 8: certification reviews" })
  async certificationReviews(@Root() serviceCase: ServiceCase, @Ctx() ctx: RequestContext): Promise<CertificationReview[]> {
    return (await ctx.memberSession()).loaders.cases.certificationReviewsByCaseId.load(serviceCase.id);
  }

  @FieldResolver(() => CaseEvaluation, { nullable: true, description: "Step 9: the quality evaluation" })
  async evaluation(@Root() serviceCase: ServiceCase, @Ctx() ctx: RequestContext): Promise<CaseEvaluation | null> {
    const [evaluation] = await (await ctx.memberSession()).loaders.cases.evaluationsByCaseId.load(serviceCase.id);
    return evaluation ?? null;
  }

  @FieldResolver(() => [CaseTransition], { description: "Every move between steps, oldest first" })
  async history(@Root() serviceCase: ServiceCase, @Ctx() ctx: RequestContext): Promise<CaseTransition[]> {
    return (await ctx.memberSession()).loaders.cases.transitionsByCaseId.load(serviceCase.id);
  }
}

@Resolver(() => CaseTask)
export class CaseTaskResolver {
  @FieldResolver(() => User, { nullable: true, description: "Who owns the task: a member of the case's tenant" })
  async owner(@Root() task: CaseTask, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, task.ownerId);
  }

  @FieldResolver(() => ServiceCase, { description: "The case the task belongs to" })
  async serviceCase(@Root() task: CaseTask, @Ctx() ctx: RequestContext): Promise<ServiceCase> {
    return (await (await ctx.memberSession()).loaders.cases.serviceCaseById.load(task.caseId)) as ServiceCase;
  }
}

@Resolver(() => CaseTransition)
export class CaseTransitionResolver {
  @FieldResolver(() => User, { nullable: true, description: "Who moved the case" })
  async actor(@Root() transition: CaseTransition, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, transition.actorId);
  }
}
