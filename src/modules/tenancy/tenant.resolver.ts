import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { NameSearchArgs } from "../../shared/name-search";
import { Connection } from "../../shared/pagination";
import { TenantStatus } from "../../context/tenant-kind";
import { Tenant } from "./tenant.entity";
import { findReadableTenant, listVisibleTenants, updateTenantSettings } from "./tenant.service";
import { UpdateTenantSettingsInput } from "./tenant-settings";

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

  @FieldResolver(() => String, {
    nullable: true,
    description: "IANA time zone (e.g. Asia/Shanghai) its reports group days and months in; null outside the caller's visible set",
  })
  timeZone(@Root() tenant: Tenant, @Ctx() ctx: RequestContext) {
    return privateField(ctx, tenant, tenant.timeZone);
  }

  @FieldResolver(() => String, { nullable: true, description: "BCP 47 locale: zh-CN, zh-TW or en; null outside the caller's visible set" })
  locale(@Root() tenant: Tenant, @Ctx() ctx: RequestContext) {
    return privateField(ctx, tenant, tenant.locale);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "ISO 3166-1 alpha-2 country whose public holidays and make-up working days its working calendar follows; null outside the caller's visible set",
  })
  countryCode(@Root() tenant: Tenant, @Ctx() ctx: RequestContext) {
    return privateField(ctx, tenant, tenant.countryCode);
  }

  @Mutation(() => Tenant, { description: "Sets the acting tenant's time zone, locale and holiday country; presidents and deputies" })
  async updateTenantSettings(
    @Arg("input", () => UpdateTenantSettingsInput, { description: "The settings to change; those left out keep their value" }) input: UpdateTenantSettingsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Tenant> {
    return updateTenantSettings(await ctx.memberSession(), input);
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
