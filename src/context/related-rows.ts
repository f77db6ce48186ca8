import type { User } from "../modules/identity/user.entity";
import type { Tenant } from "../modules/tenancy/tenant.entity";
import type { RequestContext } from "./request-context";

/** The tenant a row belongs to: readable by whoever reads the row, so never null. */
export async function tenantOf(ctx: RequestContext, tenantId: string): Promise<Tenant> {
  return (await (await ctx.memberSession()).loaders.tenantById.load(tenantId)) as Tenant;
}

/** A tenant a row refers to, if any and if visible. */
export async function tenantOrNull(ctx: RequestContext, tenantId: string | null): Promise<Tenant | null> {
  return tenantId ? (await ctx.memberSession()).loaders.tenantById.load(tenantId) : null;
}

/** A user a row refers to, if any and if visible. */
export async function userOrNull(ctx: RequestContext, userId: string | null): Promise<User | null> {
  return userId ? (await ctx.memberSession()).loaders.userById.load(userId) : null;
}
