import { Arg, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf, tenantOrNull } from "../tenancy/tenant-refs";
import type { RequestContext } from "../../context/request-context";
import { badUserInput } from "../../shared/errors";
import { Tenant } from "../tenancy/tenant.entity";
import { Kpi, KpiStatus, KpiTarget } from "./kpi";
import { buildKpiStatus, clearKpiTarget, setKpiTarget } from "./kpi.service";

@Resolver(() => KpiStatus)
export class KpiResolver {
  @Query(() => [KpiStatus], { description: "Each KPI of each tenant the caller may read, over the period, against its (inherited) target; any member" })
  async kpiStatus(
    @Arg("from", () => Date, { nullable: true, description: "Period start (inclusive); open when omitted" }) from: Date | undefined,
    @Arg("to", () => Date, { nullable: true, description: "Period end (exclusive); open when omitted" }) to: Date | undefined,
    @Arg("subtreeRootId", () => ID, { nullable: true, description: "Limit to this visible tenant and its subtree" }) subtreeRootId: string | undefined,
    @Arg("month", () => String, { nullable: true, description: "A local calendar month YYYY-MM in the report's time zone, instead of from and to" }) month: string | undefined,
    @Arg("timeZone", () => String, { nullable: true, description: "IANA time zone (e.g. Asia/Kuala_Lumpur) of the report's local days and months; the acting tenant's when omitted" })
    timeZone: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<KpiStatus[]> {
    return buildKpiStatus(await ctx.memberSession(), {
      from: from ?? undefined,
      to: to ?? undefined,
      subtreeRootId: subtreeRootId ?? undefined,
      month: month ?? undefined,
      timeZone: timeZone ?? undefined,
    });
  }

  @Mutation(() => KpiTarget, { description: "Sets the acting tenant's own target; its subtree inherits it unless it sets its own; presidents and deputies" })
  async setKpiTarget(
    @Arg("kpi", () => Kpi, { description: "The KPI to set the target of" }) kpi: Kpi,
    @Arg("target", () => Float, { description: "Percent, 0–100" }) target: number,
    @Ctx() ctx: RequestContext,
  ): Promise<KpiTarget> {
    if (!(target >= 0 && target <= 100)) throw badUserInput("target is a percentage from 0 to 100", "target");
    return setKpiTarget(await ctx.memberSession(), kpi, target);
  }

  @Mutation(() => KpiTarget, {
    nullable: true,
    description: "Drops the acting tenant's own target, so it inherits again: the removed target (evict it by its id), null when it had none; presidents and deputies",
  })
  async clearKpiTarget(@Arg("kpi", () => Kpi, { description: "The KPI whose own target to drop" }) kpi: Kpi, @Ctx() ctx: RequestContext): Promise<KpiTarget | null> {
    return clearKpiTarget(await ctx.memberSession(), kpi);
  }

  @FieldResolver(() => Tenant, { description: "The tenant measured" })
  async tenant(@Root() status: KpiStatus, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, status.tenantId);
  }

  @FieldResolver(() => Tenant, { nullable: true, description: "The tenant whose target applies; null: the network default (seed 004)" })
  async targetSetBy(@Root() status: KpiStatus, @Ctx() ctx: RequestContext): Promise<Tenant | null> {
    return tenantOrNull(ctx, status.targetTenantId);
  }
}
