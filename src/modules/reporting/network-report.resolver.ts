import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import { tenantOrNull } from "../tenancy/tenant-refs";
import type { RequestContext } from "../../context/request-context";
import { Tenant } from "../tenancy/tenant.entity";
import { TenantKind } from "../../context/tenant-kind";
import { buildNetworkReport } from "./network-report.service";
import { NetworkReport, NetworkReportRow } from "./network-report.types";
import { selectedFieldNames } from "../../shared/selection";

@Resolver()
export class NetworkReportResolver {
  @Query(() => NetworkReport, { description: "Rollups over the tenants the caller may read: one row per tenant plus totals; any member" })
  async networkReport(
    @Arg("from", () => Date, { nullable: true, description: "Period start (inclusive)" }) from: Date | undefined,
    @Arg("to", () => Date, { nullable: true, description: "Period end (exclusive)" }) to: Date | undefined,
    @Arg("tenantKind", () => TenantKind, { nullable: true, description: "Only tenants of this kind" }) tenantKind: TenantKind | undefined,
    @Arg("subtreeRootId", () => ID, { nullable: true, description: "Limit to this visible tenant and its subtree" })
    subtreeRootId: string | undefined,
    @Arg("month", () => String, { nullable: true, description: "A local calendar month YYYY-MM in the report's time zone, instead of from and to" }) month: string | undefined,
    @Arg("timeZone", () => String, { nullable: true, description: "IANA time zone (e.g. Asia/Kuala_Lumpur) of the report's local days and months; the acting tenant's when omitted" })
    timeZone: string | undefined,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<NetworkReport> {
    const filters = { from: from ?? undefined, to: to ?? undefined, tenantKind: tenantKind ?? undefined, subtreeRootId: subtreeRootId ?? undefined,
      month: month ?? undefined,
      timeZone: timeZone ?? undefined,
    };
    return buildNetworkReport(await ctx.memberSession(), filters, selectedFieldNames(info, ["rows", "totals"]));
  }
}

@Resolver(() => NetworkReportRow)
export class NetworkReportRowResolver {
  @FieldResolver(() => Tenant, { nullable: true, description: "The tenant of the row; null on the totals row" })
  async tenant(@Root() row: NetworkReportRow, @Ctx() ctx: RequestContext): Promise<Tenant | null> {
    return tenantOrNull(ctx, row.tenantId);
  }
}
