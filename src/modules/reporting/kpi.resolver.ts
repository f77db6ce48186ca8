import { Arg, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf, tenantOrNull } from "../tenancy/tenant-refs";
import type { RequestContext } from "../../context/request-context";
import { badUserInput } from "../../shared/errors";
import { Tenant } from "../tenancy/tenant.entity";
import { Kpi, KpiStatus, KpiTarget } from "./kpi";
import { buildKpiStatus, clearKpiTarget, setKpiTarget } from "./kpi.service";

@Resolver(() => KpiStatus)
export class KpiResolver {
  @Query(() => [KpiStatus], { description: "Each KPI of each tenant in the caller's visible subtree, against its (inherited) target" })
  async kpiStatus(
    @Arg("from", () => Date, { nullable: true }) from: Date | undefined,
    @Arg("to", () => Date, { nullable: true }) to: Date | undefined,
    @Arg("subtreeRootId", () => ID, { nullable: true }) subtreeRootId: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<KpiStatus[]> {
    return buildKpiStatus(await ctx.memberSession(), { from: from ?? undefined, to: to ?? undefined, subtreeRootId: subtreeRootId ?? undefined });
  }

  @Mutation(() => KpiTarget, { description: "Sets the acting tenant's own target; its subtree inherits it unless it sets its own" })
  async setKpiTarget(
    @Arg("kpi", () => Kpi) kpi: Kpi,
    @Arg("target", () => Float, { description: "Percent, 0–100" }) target: number,
    @Ctx() ctx: RequestContext,
  ): Promise<KpiTarget> {
    if (!(target >= 0 && target <= 100)) throw badUserInput("target is a percentage from 0 to 100", { argument: "target" });
    return setKpiTarget(await ctx.memberSession(), kpi, target);
  }

  @Mutation(() => Boolean, { description: "Drops the acting tenant's own target, so it inherits again; false when it had none" })
  async clearKpiTarget(@Arg("kpi", () => Kpi) kpi: Kpi, @Ctx() ctx: RequestContext): Promise<boolean> {
    return clearKpiTarget(await ctx.memberSession(), kpi);
  }

  @FieldResolver(() => Tenant)
  async tenant(@Root() status: KpiStatus, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, status.tenantId);
  }

  @FieldResolver(() => Tenant, { nullable: true, description: "The tenant whose target applies; null: the network default (seed 004)" })
  async targetSetBy(@Root() status: KpiStatus, @Ctx() ctx: RequestContext): Promise<Tenant | null> {
    return tenantOrNull(ctx, status.targetTenantId);
  }
}
