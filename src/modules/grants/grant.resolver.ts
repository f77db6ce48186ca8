import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf, tenantOrNull } from "../tenancy/tenant-refs";
import { userOrNull } from "../identity/user-refs";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { Connection } from "../../shared/pagination";
import { User } from "../identity/user.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { Grant } from "./grant.entity";
import { GrantListArgs, RequestGrantInput } from "./grant.inputs";
import { listGrants, requestGrant, revokeGrant } from "./grant.service";

export const GrantConnection = Connection(Grant, "Grant");

@Resolver(() => Grant)
export class GrantResolver {
  @Query(() => GrantConnection, { description: "Grants held in the tenants the caller may read, and those the acting tenant granted to its children; any member" })
  async grants(@Args() args: GrantListArgs, @Ctx() ctx: RequestContext) {
    return new GrantConnection(await listGrants(await ctx.memberSession(), args));
  }

  @Query(() => Grant, { nullable: true, description: "One grant the caller may read; null when missing or not visible; any member" })
  async grant(@Arg("id", () => ID, { description: "The grant's id" }) id: string, @Ctx() ctx: RequestContext): Promise<Grant | null> {
    return (await ctx.memberSession()).loaders.grants.grantById.load(parseIdOrThrow(id));
  }

  @Mutation(() => Grant, { description: "Asks authority of a level for the caller (no skip-level) and opens its approval request; members of the acting tenant, not auditors" })
  async requestGrant(@Arg("input", { description: "The matter, scope, level and validity period" }) input: RequestGrantInput, @Ctx() ctx: RequestContext): Promise<Grant> {
    return requestGrant(await ctx.memberSession(), input, ctx.settings.approvalSlaWorkingDays);
  }

  @Mutation(() => Grant, { description: "Ends an active or scheduled grant; a member of the granting tenant at the grant's level or higher" })
  async revokeGrant(
    @Arg("id", () => ID, { description: "The grant's id" }) id: string,
    @Arg("reason", { description: "Why it ends; required" }) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Grant> {
    return revokeGrant(await ctx.memberSession(), id, reason);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who holds the authority" })
  async holder(@Root() grant: Grant, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, grant.holderId);
  }

  @FieldResolver(() => Tenant, { description: "The holder's tenant" })
  async tenant(@Root() grant: Grant, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, grant.tenantId);
  }

  @FieldResolver(() => Tenant, { nullable: true, description: "The tenant whose decision granted it" })
  async grantedBy(@Root() grant: Grant, @Ctx() ctx: RequestContext): Promise<Tenant | null> {
    return tenantOrNull(ctx, grant.grantedByTenantId);
  }
}
