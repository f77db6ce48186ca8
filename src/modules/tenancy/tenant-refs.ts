import type { RequestContext } from "../../context/request-context";
import type { Tenant } from "./tenant.entity";

/** The tenant a row belongs to: readable by whoever reads the row, so never null. */
export async function tenantOf(ctx: RequestContext, tenantId: string): Promise<Tenant> {
  return (await (await ctx.memberSession()).loaders.tenancy.tenantById.load(tenantId)) as Tenant;
}

/** A tenant a row refers to, if any and if visible. */
export async function tenantOrNull(ctx: RequestContext, tenantId: string | null): Promise<Tenant | null> {
  return tenantId ? (await ctx.memberSession()).loaders.tenancy.tenantById.load(tenantId) : null;
}
