import { Arg, Args, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf } from "../tenancy/tenant-refs";
import { userOrNull } from "../identity/user-refs";
import type { RequestContext } from "../../context/request-context";
import { Connection, PageArgs } from "../../shared/pagination";
import { User } from "../identity/user.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { Risk, RiskIndicator, RiskWarning, WarningStatus } from "./risk.entity";
import { AddRiskIndicatorInput, CreateRiskInput, RiskWarningListArgs } from "./risk.inputs";
import { addRiskIndicator, createRisk, listRiskWarnings, listRisks, moveRiskWarning, recordRiskIndicatorValue } from "./risk.service";

export const RiskConnection = Connection(Risk, "Risk");
export const RiskWarningConnection = Connection(RiskWarning, "RiskWarning");

@Resolver(() => Risk)
export class RiskResolver {
  @Query(() => RiskConnection, { description: "The risk registers of the visible tenants" })
  async risks(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return new RiskConnection(await listRisks(await ctx.memberSession(), args));
  }

  @Query(() => RiskWarningConnection, { description: "Warnings of the visible tenants (a parent sees its subtree's)" })
  async riskWarnings(@Args() args: RiskWarningListArgs, @Ctx() ctx: RequestContext) {
    return new RiskWarningConnection(await listRiskWarnings(await ctx.memberSession(), args));
  }

  @Mutation(() => Risk)
  async createRisk(@Arg("input") input: CreateRiskInput, @Ctx() ctx: RequestContext): Promise<Risk> {
    return createRisk(await ctx.memberSession(), input);
  }

  @Mutation(() => RiskIndicator)
  async addRiskIndicator(
    @Arg("riskId", () => ID) riskId: string,
    @Arg("input") input: AddRiskIndicatorInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RiskIndicator> {
    return addRiskIndicator(await ctx.memberSession(), riskId, input);
  }

  @Mutation(() => RiskIndicator, { description: "A new measurement; crossing the threshold raises a warning" })
  async recordRiskIndicatorValue(
    @Arg("indicatorId", () => ID) indicatorId: string,
    @Arg("value", () => Float) value: number,
    @Ctx() ctx: RequestContext,
  ): Promise<RiskIndicator> {
    return recordRiskIndicatorValue(await ctx.memberSession(), indicatorId, value);
  }

  @Mutation(() => RiskWarning)
  async acknowledgeRiskWarning(
    @Arg("id", () => ID) id: string,
    @Arg("note", () => String, { nullable: true }) note: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<RiskWarning> {
    return moveRiskWarning(await ctx.memberSession(), id, WarningStatus.ACKNOWLEDGED, note ?? undefined);
  }

  @Mutation(() => RiskWarning, { description: "Closes a warning with a note on what was done" })
  async closeRiskWarning(@Arg("id", () => ID) id: string, @Arg("note") note: string, @Ctx() ctx: RequestContext): Promise<RiskWarning> {
    return moveRiskWarning(await ctx.memberSession(), id, WarningStatus.CLOSED, note);
  }

  @FieldResolver(() => Tenant)
  async tenant(@Root() risk: Risk, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, risk.tenantId);
  }

  @FieldResolver(() => User, { nullable: true })
  async owner(@Root() risk: Risk, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, risk.ownerId);
  }

  @FieldResolver(() => [RiskIndicator])
  async indicators(@Root() risk: Risk, @Ctx() ctx: RequestContext): Promise<RiskIndicator[]> {
    return (await ctx.memberSession()).loaders.risks.indicatorsByRiskId.load(risk.id);
  }
}

@Resolver(() => RiskIndicator)
export class RiskIndicatorResolver {
  @FieldResolver(() => [RiskWarning])
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

  @FieldResolver(() => RiskIndicator)
  async indicator(@Root() warning: RiskWarning, @Ctx() ctx: RequestContext): Promise<RiskIndicator> {
    return (await (await ctx.memberSession()).loaders.risks.riskIndicatorById.load(warning.indicatorId)) as RiskIndicator;
  }
}
