import { Arg, Args, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf } from "../tenancy/tenant-refs";
import { userOrNull } from "../identity/user-refs";
import type { RequestContext } from "../../context/request-context";
import { Connection, PageArgs } from "../../shared/pagination";
import { User } from "../identity/user.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { OperationProject } from "../operations/operation-project.entity";
import { Risk, RiskIndicator, RiskReview, RiskWarning, WarningStatus } from "./risk.entity";
import { AddRiskIndicatorInput, CreateRiskInput, RiskReviewInput, RiskWarningListArgs, UpdateRiskInput } from "./risk.inputs";
import {
  addRiskIndicator,
  closeRisk,
  createRisk,
  listOverdueRiskReviews,
  listRiskWarnings,
  listRisks,
  moveRiskWarning,
  recordRiskIndicatorValue,
  reviewRisk,
  updateRisk,
} from "./risk.service";

export const RiskConnection = Connection(Risk, "Risk");
export const RiskWarningConnection = Connection(RiskWarning, "RiskWarning");

@Resolver(() => Risk)
export class RiskResolver {
  @Query(() => RiskConnection, { description: "The risk registers of the tenants the caller may read, oldest first; any member" })
  async risks(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return new RiskConnection(await listRisks(await ctx.memberSession(), args));
  }

  @Query(() => RiskWarningConnection, { description: "Warnings of the tenants the caller may read (a parent sees its subtree's), oldest first; any member" })
  async riskWarnings(@Args() args: RiskWarningListArgs, @Ctx() ctx: RequestContext) {
    return new RiskWarningConnection(await listRiskWarnings(await ctx.memberSession(), args));
  }

  @Mutation(() => Risk, { description: "Adds a risk to the acting tenant's register; its members, not auditors" })
  async createRisk(@Arg("input", { description: "The risk, its likelihood, impact, response and owner" }) input: CreateRiskInput, @Ctx() ctx: RequestContext): Promise<Risk> {
    return createRisk(await ctx.memberSession(), input);
  }

  @Query(() => RiskConnection, { description: "Open risks whose next review date has passed in the tenants the caller may read, most overdue first; any member" })
  async overdueRiskReviews(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return new RiskConnection(await listOverdueRiskReviews(await ctx.memberSession(), args));
  }

  @Mutation(() => Risk, { description: "Changes an open risk's likelihood, impact, response, owner, responsible department or project (CONFLICT once closed); members of the register's own tenant, not auditors" })
  async updateRisk(
    @Arg("id", () => ID, { description: "The risk's id" }) id: string,
    @Arg("input", { description: "The changes" }) input: UpdateRiskInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Risk> {
    return updateRisk(await ctx.memberSession(), id, input);
  }

  @Mutation(() => RiskReview, { description: "Logs a review of an open risk and sets its next review date (CONFLICT once closed); members of the register's own tenant, not auditors" })
  async reviewRisk(
    @Arg("id", () => ID, { description: "The risk's id" }) id: string,
    @Arg("input", { description: "The review" }) input: RiskReviewInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RiskReview> {
    return reviewRisk(await ctx.memberSession(), id, input);
  }

  @Mutation(() => Risk, { description: "OPEN → CLOSED with a reason (CONFLICT when already closed); members of the register's own tenant, not auditors" })
  async closeRisk(
    @Arg("id", () => ID, { description: "The risk's id" }) id: string,
    @Arg("reason", { description: "Why it is closed; not blank" }) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Risk> {
    return closeRisk(await ctx.memberSession(), id, reason);
  }

  @Mutation(() => RiskIndicator, { description: "Adds a measured indicator with a warning threshold to a risk; members of the register's own tenant, not auditors" })
  async addRiskIndicator(
    @Arg("riskId", () => ID, { description: "The risk's id" }) riskId: string,
    @Arg("input", { description: "The indicator and its threshold" }) input: AddRiskIndicatorInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RiskIndicator> {
    return addRiskIndicator(await ctx.memberSession(), riskId, input);
  }

  @Mutation(() => RiskIndicator, { description: "A new measurement; crossing the threshold raises one warning (never two open at once); members of the register's own tenant, not auditors" })
  async recordRiskIndicatorValue(
    @Arg("indicatorId", () => ID, { description: "The indicator's id" }) indicatorId: string,
    @Arg("value", () => Float, { description: "The measured value, in the indicator's unit" }) value: number,
    @Ctx() ctx: RequestContext,
  ): Promise<RiskIndicator> {
    return recordRiskIndicatorValue(await ctx.memberSession(), indicatorId, value);
  }

  @Mutation(() => RiskWarning, { description: "Takes on an OPEN warning; members of the register's own tenant, not auditors" })
  async acknowledgeRiskWarning(
    @Arg("id", () => ID, { description: "The warning's id" }) id: string,
    @Arg("note", () => String, { nullable: true, description: "What will be done" }) note: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<RiskWarning> {
    return moveRiskWarning(await ctx.memberSession(), id, WarningStatus.ACKNOWLEDGED, note ?? undefined);
  }

  @Mutation(() => RiskWarning, { description: "Closes an open or acknowledged warning with a note on what was done; members of the register's own tenant, not auditors" })
  async closeRiskWarning(
    @Arg("id", () => ID, { description: "The warning's id" }) id: string,
    @Arg("note", { description: "What was done; required" }) note: string,
    @Ctx() ctx: RequestContext,
  ): Promise<RiskWarning> {
    return moveRiskWarning(await ctx.memberSession(), id, WarningStatus.CLOSED, note);
  }

  @FieldResolver(() => Tenant, { description: "The tenant whose register holds the risk" })
  async tenant(@Root() risk: Risk, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, risk.tenantId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who owns the risk" })
  async owner(@Root() risk: Risk, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, risk.ownerId);
  }

  @FieldResolver(() => OperationProject, { nullable: true, description: "The operation project the risk belongs to, if any" })
  async project(@Root() risk: Risk, @Ctx() ctx: RequestContext): Promise<OperationProject | null> {
    return risk.projectId ? (await ctx.memberSession()).loaders.operations.operationProjectById.load(risk.projectId) : null;
  }

  @FieldResolver(() => [RiskReview], { description: "The review log, oldest first" })
  async reviews(@Root() risk: Risk, @Ctx() ctx: RequestContext): Promise<RiskReview[]> {
    return (await ctx.memberSession()).loaders.risks.reviewsByRiskId.load(risk.id);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who closed it" })
  async closedBy(@Root() risk: Risk, @Ctx() ctx: RequestContext): Promise<User | null> {
    return risk.closedBy ? userOrNull(ctx, risk.closedBy) : null;
  }

  @FieldResolver(() => [RiskIndicator], { description: "The risk's measured indicators" })
  async indicators(@Root() risk: Risk, @Ctx() ctx: RequestContext): Promise<RiskIndicator[]> {
    return (await ctx.memberSession()).loaders.risks.indicatorsByRiskId.load(risk.id);
  }
}

@Resolver(() => RiskIndicator)
export class RiskIndicatorResolver {
  @FieldResolver(() => [RiskWarning], { description: "Every warning the indicator raised" })
  async warnings(@Root() indicator: RiskIndicator, @Ctx() ctx: RequestContext): Promise<RiskWarning[]> {
    return (await ctx.memberSession()).loaders.risks.warningsByIndicatorId.load(indicator.id);
  }
}

@Resolver(() => RiskWarning)
export class RiskWarningResolver {
  @FieldResolver(() => Tenant, { description: "The tenant the warning was raised for" })
  async tenant(@Root() warning: RiskWarning, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, warning.tenantId);
  }

  @FieldResolver(() => RiskIndicator, { description: "The indicator that crossed its threshold" })
  async indicator(@Root() warning: RiskWarning, @Ctx() ctx: RequestContext): Promise<RiskIndicator> {
    return (await (await ctx.memberSession()).loaders.risks.riskIndicatorById.load(warning.indicatorId)) as RiskIndicator;
  }
}

@Resolver(() => RiskReview)
export class RiskReviewResolver {
  @FieldResolver(() => Risk, { description: "The risk reviewed" })
  async risk(@Root() review: RiskReview, @Ctx() ctx: RequestContext): Promise<Risk> {
    return (await (await ctx.memberSession()).loaders.risks.riskById.load(review.riskId)) as Risk;
  }

  @FieldResolver(() => User, { nullable: true, description: "Who reviewed it" })
  async reviewedBy(@Root() review: RiskReview, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, review.reviewedBy);
  }
}
