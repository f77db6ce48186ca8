import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { NameSearchArgs } from "../../shared/name-search";
import { Connection } from "../../shared/pagination";
import { TenantStatus } from "../../context/tenant-kind";
import { Tenant } from "./tenant.entity";
import { findReadableTenant, listVisibleTenants } from "./tenant.service";

export const TenantConnection = Connection(Tenant, "Tenant");

@Resolver(() => Tenant)
export class TenantResolver {
  @Query(() => TenantConnection, { description: "The tenants the caller may read, in tree order; any member" })
  async tenants(@Args() args: NameSearchArgs, @Ctx() ctx: RequestContext) {
    return new TenantConnection(await listVisibleTenants(await ctx.memberSession(), args));
  }

  @Query(() => Tenant, {
    nullable: true,
    description: "A visible tenant, or the public profile of one of the caller's ancestors; null otherwise; any member",
  })
  async tenant(@Arg("id", () => ID, { description: "The tenant's id" }) id: string, @Ctx() ctx: RequestContext): Promise<Tenant | null> {
    return findReadableTenant(await ctx.memberSession(), parseIdOrThrow(id));
  }

  @FieldResolver(() => Tenant, { nullable: true, description: "The parent tenant (at least its public profile); null for head office" })
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

  @FieldResolver(() => TenantStatus, { nullable: true, description: "The lifecycle status; null outside the caller's visible set" })
  status(@Root() tenant: Tenant, @Ctx() ctx: RequestContext) {
    return privateField(ctx, tenant, tenant.status);
  }

  @FieldResolver(() => String, { nullable: true, description: "The legal registration number; null outside the caller's visible set" })
  registrationNumber(@Root() tenant: Tenant, @Ctx() ctx: RequestContext) {
    return privateField(ctx, tenant, tenant.registrationNumber);
  }

  @FieldResolver(() => String, { nullable: true, description: "The legal representative; null outside the caller's visible set" })
  legalRepresentative(@Root() tenant: Tenant, @Ctx() ctx: RequestContext) {
    return privateField(ctx, tenant, tenant.legalRepresentative);
  }

  @FieldResolver(() => Int, { nullable: true, description: "Provider grade 1 (best) – 4 (seed 002) of partners and affiliated companies; null outside the caller's visible set" })
  providerGrade(@Root() tenant: Tenant, @Ctx() ctx: RequestContext) {
    return privateField(ctx, tenant, tenant.providerGrade);
  }
}

/** Ancestors show only their public profile (DESIGN §2). */
async function privateField<T>(ctx: RequestContext, tenant: Tenant, value: T): Promise<T | null> {
  const { acting } = await ctx.memberSession();
  return acting.canSee(tenant.id) ? value : null;
}
