import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { tenantOf, tenantOrNull } from "../tenancy/tenant-refs";
import { userOrNull } from "../identity/user-refs";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { Connection, PageArgs } from "../../shared/pagination";
import { User } from "../identity/user.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { AuditChainReport, AuditEntry } from "./audit-entry.entity";
import { listAuditEntries, verifyAuditChains } from "./audit.service";

export const AuditEntryConnection = Connection(AuditEntry, "AuditEntry");

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: "The audit trail of the tenants the caller may read, newest first; any member" })
  async auditLog(
    @Args() page: PageArgs,
    @Arg("targetId", () => ID, { nullable: true, description: "Only the changes of this row" }) targetId: string | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    const session = await ctx.memberSession();
    return new AuditEntryConnection(
      await listAuditEntries(session, { ...page, targetId: targetId ? parseIdOrThrow(targetId, "targetId") : undefined }),
    );
  }

  @Query(() => AuditChainReport, { description: "Re-computes the hash chain of the trail of every tenant the caller may read; any member" })
  async verifyAuditChain(@Ctx() ctx: RequestContext): Promise<AuditChainReport> {
    return verifyAuditChains(await ctx.memberSession());
  }

  @FieldResolver(() => User, { nullable: true, description: "Who made the change; null for changes made outside a request (migrations, seed)" })
  async actor(@Root() entry: AuditEntry, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, entry.actorUserId);
  }

  @FieldResolver(() => Tenant, { description: "The tenant whose row changed" })
  async tenant(@Root() entry: AuditEntry, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, entry.tenantId);
  }

  @FieldResolver(() => Tenant, { nullable: true, description: "The tenant the actor acted for" })
  async actingTenant(@Root() entry: AuditEntry, @Ctx() ctx: RequestContext): Promise<Tenant | null> {
    return tenantOrNull(ctx, entry.actingTenantId);
  }
}
