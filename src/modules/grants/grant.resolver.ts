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
  @Query(() => GrantConnection, { description: "Grants held in the visible tenants, and those the acting tenant granted to its children" })
  async grants(@Args() args: GrantListArgs, @Ctx() ctx: RequestContext) {
    return new GrantConnection(await listGrants(await ctx.memberSession(), args));
  }

  @Query(() => Grant, { nullable: true })
  async grant(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Grant | null> {
    return (await ctx.memberSession()).loaders.grants.grantById.load(parseIdOrThrow(id));
  }

  @Mutation(() => Grant, { description: "Asks for authority of a level for the caller; opens an approval request" })
  async requestGrant(@Arg("input") input: RequestGrantInput, @Ctx() ctx: RequestContext): Promise<Grant> {
    return requestGrant(await ctx.memberSession(), input, ctx.settings.approvalSlaWorkingDays);
  }

  @Mutation(() => Grant, { description: "The granting tenant ends an active or scheduled grant" })
  async revokeGrant(@Arg("id", () => ID) id: string, @Arg("reason") reason: string, @Ctx() ctx: RequestContext): Promise<Grant> {
    return revokeGrant(await ctx.memberSession(), id, reason);
  }

  @FieldResolver(() => User, { nullable: true })
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
