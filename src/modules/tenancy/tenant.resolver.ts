import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { Connection, PageArgs } from "../../shared/pagination";
import { TenantStatus } from "../../context/tenant-kind";
import { Tenant } from "./tenant.entity";
import { listVisibleTenants } from "./tenant.service";

export const TenantConnection = Connection(Tenant, "Tenant");

@Resolver(() => Tenant)
export class TenantResolver {
  @Query(() => TenantConnection, { description: "The tenants the caller may read, in tree order" })
  async tenants(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return new TenantConnection(await listVisibleTenants(await ctx.memberSession(), args));
  }

  @Query(() => Tenant, {
    nullable: true,
    description: "A visible tenant, or the public profile of one of the caller's ancestors; null otherwise",
  })
  async tenant(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Tenant | null> {
    const { loaders, acting } = await ctx.memberSession();
    const tenant = await loaders.tenancy.tenantById.load(parseIdOrThrow(id));
    // A centre reads its direct children's profiles only as the other side of their records
    // (a partner's contract or settlement); asked for directly, a child outside its role's view looks missing.
    return tenant && tenant.parentId === acting.tenantId && !acting.canSee(tenant.id) ? null : tenant;
  }

  @FieldResolver(() => Tenant, { nullable: true, description: "Null for head office" })
  async parent(@Root() tenant: Tenant, @Ctx() ctx: RequestContext): Promise<Tenant | null> {
    if (!tenant.parentId) return null;
    const { loaders } = await ctx.memberSession();
    return loaders.tenancy.tenantById.load(tenant.parentId);
  }

  @FieldResolver(() => [Tenant], { description: "The children the caller may read" })
  async children(@Root() tenant: Tenant, @Ctx() ctx: RequestContext): Promise<Tenant[]> {
    const { loaders } = await ctx.memberSession();
    return loaders.tenancy.visibleChildrenByParentId.load(tenant.id);
  }

  @FieldResolver(() => TenantStatus, { nullable: true, description: "Null outside the caller's visible set" })
  status(@Root() tenant: Tenant, @Ctx() ctx: RequestContext) {
    return privateField(ctx, tenant, tenant.status);
  }

  @FieldResolver(() => String, { nullable: true, description: "Legal registration; null outside the caller's visible set" })
  registrationNumber(@Root() tenant: Tenant, @Ctx() ctx: RequestContext) {
    return privateField(ctx, tenant, tenant.registrationNumber);
  }

  @FieldResolver(() => String, { nullable: true, description: "Null outside the caller's visible set" })
  legalRepresentative(@Root() tenant: Tenant, @Ctx() ctx: RequestContext) {
    return privateField(ctx, tenant, tenant.legalRepresentative);
  }

  @FieldResolver(() => Int, { nullable: true, description: "Provider grade 1–4 (seed 002) of partners and affiliated companies" })
  providerGrade(@Root() tenant: Tenant, @Ctx() ctx: RequestContext) {
    return privateField(ctx, tenant, tenant.providerGrade);
  }
}

/** Ancestors show only their public profile (DESIGN §2). */
async function privateField<T>(ctx: RequestContext, tenant: Tenant, value: T): Promise<T | null> {
  const { acting } = await ctx.memberSession();
  return acting.canSee(tenant.id) ? value : null;
}
