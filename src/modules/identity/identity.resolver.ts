import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf } from "../tenancy/tenant-refs";
import type { RequestContext } from "../../context/request-context";
import { Tenant } from "../tenancy/tenant.entity";
import { AuthPayload, Viewer } from "./identity.types";
import { loginOrThrow } from "./login.service";
import { Membership } from "./membership.entity";
import { User } from "./user.entity";

@Resolver()
export class IdentityResolver {
  @Mutation(() => AuthPayload, { description: "Exchanges email and password for a bearer token; anyone may call it (rate-limited per client address)" })
  async login(
    @Arg("email", { description: "The user's sign-in email" }) email: string,
    @Arg("password", { description: "The user's password" }) password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthPayload> {
    await ctx.loginThrottle.consumeOrThrow({ email, clientAddress: ctx.clientAddress });
    return loginOrThrow(await ctx.anonymousSession(), { email, password }, ctx.jwtSecret);
  }

  @Query(() => Viewer, { description: "The caller: user, acting membership (role, department, authority level) and acting tenant; any member" })
  async me(@Ctx() ctx: RequestContext): Promise<Viewer> {
    const { acting, loaders } = await ctx.memberSession();
    const [user, tenant] = await Promise.all([
      loaders.identity.userById.load(acting.userId),
      loaders.tenancy.tenantById.load(acting.tenantId),
    ]);
    const membership = Object.assign(new Membership(), {
      id: acting.membershipId,
      tenantId: acting.tenantId,
      userId: acting.userId,
      role: acting.role,
      department: acting.department,
      active: true,
    });
    return { user: user as User, membership, tenant: tenant as Tenant };
  }
}

@Resolver(() => Viewer)
export class ViewerResolver {
  @FieldResolver(() => [Membership], { description: "All of the caller's active memberships: the tenants x-tenant-id may name" })
  async memberships(@Root() viewer: Viewer, @Ctx() ctx: RequestContext): Promise<Membership[]> {
    const { db } = await ctx.memberSession();
    return db.getRepository(Membership).find({ where: { userId: viewer.user.id, active: true }, order: { tenantId: "ASC" } });
  }
}

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Tenant, { description: "The tenant this membership belongs to" })
  async tenant(@Root() membership: Membership, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, membership.tenantId);
  }

  @FieldResolver(() => User, { description: "The user who holds this membership" })
  async user(@Root() membership: Membership, @Ctx() ctx: RequestContext): Promise<User> {
    return (await ctx.memberSession()).loaders.identity.userById.load(membership.userId) as Promise<User>;
  }
}
