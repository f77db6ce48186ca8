import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context/request-context";
import { Connection, PageArgs } from "../../shared/pagination";
import { Membership } from "../identity/membership.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { tenantOf } from "../tenancy/tenant-refs";
import { ApprovalDelegation } from "./approval-delegation.entity";
import { DelegateApprovalsInput } from "./approval-delegation.inputs";
import { delegateApprovals, listApprovalDelegations, revokeApprovalDelegation } from "./approval-delegation.service";

export const ApprovalDelegationConnection = Connection(ApprovalDelegation, "ApprovalDelegation");

@Resolver(() => ApprovalDelegation)
export class ApprovalDelegationResolver {
  @Query(() => ApprovalDelegationConnection, { description: "The delegations of the acting tenant the caller gave or received, oldest first; any member" })
  async approvalDelegations(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return new ApprovalDelegationConnection(await listApprovalDelegations(await ctx.memberSession(), args));
  }

  @Mutation(() => ApprovalDelegation, {
    description:
      "Hands the caller's own deciding (their role's level and their active grants, no more, and never what was delegated to them) to an active colleague of the acting tenant for a period; the delegate's decisions show onBehalfOf the caller; members with deciding authority, not auditors",
  })
  async delegateApprovals(@Arg("input", { description: "The colleague and the period" }) input: DelegateApprovalsInput, @Ctx() ctx: RequestContext): Promise<ApprovalDelegation> {
    return delegateApprovals(await ctx.memberSession(), input);
  }

  @Mutation(() => ApprovalDelegation, { description: "Ends a scheduled or active delegation at once; its delegator or its delegate" })
  async revokeApprovalDelegation(@Arg("id", () => ID, { description: "The delegation's id" }) id: string, @Ctx() ctx: RequestContext): Promise<ApprovalDelegation> {
    return revokeApprovalDelegation(await ctx.memberSession(), id);
  }

  @FieldResolver(() => Membership, { description: "Who handed over their deciding" })
  async delegator(@Root() delegation: ApprovalDelegation, @Ctx() ctx: RequestContext): Promise<Membership> {
    return (await (await ctx.memberSession()).loaders.approvals.membershipById.load(delegation.delegatorMembershipId)) as Membership;
  }

  @FieldResolver(() => Membership, { description: "Who decides on the delegator's behalf" })
  async delegate(@Root() delegation: ApprovalDelegation, @Ctx() ctx: RequestContext): Promise<Membership> {
    return (await (await ctx.memberSession()).loaders.approvals.membershipById.load(delegation.delegateMembershipId)) as Membership;
  }

  @FieldResolver(() => Tenant, { description: "The tenant both members belong to" })
  async tenant(@Root() delegation: ApprovalDelegation, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, delegation.tenantId);
  }
}

