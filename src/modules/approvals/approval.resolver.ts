import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { liveSubjects } from "../events/live-subscriptions";
import { tenantOf } from "../tenancy/tenant-refs";
import { userOrNull } from "../identity/user-refs";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { Connection, PageArgs } from "../../shared/pagination";
import { User } from "../identity/user.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { ApprovalRequest, ApprovalStep } from "./approval-request.entity";
import { ApprovalDecision, ApprovalStatus } from "./approval-types";
import {
  decideApprovalRequest,
  listApprovalInbox,
  listApprovalRequests,
  withdrawApprovalRequest,
} from "./approval.service";

export const ApprovalRequestConnection = Connection(ApprovalRequest, "ApprovalRequest");

@ArgsType()
class ApprovalRequestListArgs extends PageArgs {
  @Field(() => ApprovalStatus, { nullable: true, description: "Only requests with this status" })
  status?: ApprovalStatus;

  @Field(() => String, { nullable: true, description: "Only requests about this subject type, e.g. GRANT" })
  subjectType?: string;
}

@Resolver(() => ApprovalRequest)
export class ApprovalRequestResolver {
  @Query(() => ApprovalRequestConnection, {
    description: "Requests whose current step the caller may decide now, in the acting tenant and its direct children; any member",
  })
  async approvalInbox(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return new ApprovalRequestConnection(await listApprovalInbox(await ctx.memberSession(), args));
  }

  @Subscription(() => ApprovalRequest, {
    description: "A request that entered the caller's inbox (a step waits for them, or was escalated to them) or that they asked for and that was decided, over graphql-ws; any member",
    subscribe: ({ context }) =>
      liveSubjects(
        context,
        (notification) => notification.subjectType === "ApprovalRequest",
        (session, notification) => session.loaders.approvals.approvalRequestById.load(notification.subjectId),
      ),
  })
  approvalInboxChanged(@Root() request: ApprovalRequest): ApprovalRequest {
    return request;
  }

  @Query(() => ApprovalRequestConnection, { description: "Requests of the tenants the caller may read, and of direct children for their parent, oldest first; any member" })
  async approvalRequests(@Args() args: ApprovalRequestListArgs, @Ctx() ctx: RequestContext) {
    return new ApprovalRequestConnection(await listApprovalRequests(await ctx.memberSession(), args));
  }

  @Query(() => ApprovalRequest, { nullable: true, description: "One request the caller may read; null when missing or not visible; any member" })
  async approvalRequest(@Arg("id", () => ID, { description: "The request's id" }) id: string, @Ctx() ctx: RequestContext): Promise<ApprovalRequest | null> {
    return (await ctx.memberSession()).loaders.approvals.approvalRequestById.load(parseIdOrThrow(id));
  }

  @Mutation(() => ApprovalRequest, {
    description:
      "Decides the current step: APPROVE, REJECT (needs a reason) or ESCALATE; a member of the step's tenant holding its authority level by role, by an active grant covering the subject type (the step records the grant's notice) or by a delegation (the step records on whose behalf); never the requester nor a decider of another step",
  })
  async decideApproval(
    @Arg("id", () => ID, { description: "The request's id" }) id: string,
    @Arg("decision", () => ApprovalDecision, { description: "What to do with the current step" }) decision: ApprovalDecision,
    @Arg("reason", () => String, { nullable: true, description: "Why; required to REJECT" }) reason: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ApprovalRequest> {
    return decideApprovalRequest(await ctx.memberSession(), id, decision, reason ?? undefined, ctx.settings.approvalSlaWorkingDays);
  }

  @Mutation(() => ApprovalRequest, { description: "The requester takes the request back, before any decision; only the requester" })
  async withdrawApproval(@Arg("id", () => ID, { description: "The request's id" }) id: string, @Ctx() ctx: RequestContext): Promise<ApprovalRequest> {
    return withdrawApprovalRequest(await ctx.memberSession(), id);
  }

  @FieldResolver(() => Tenant, { description: "The requester's tenant" })
  async tenant(@Root() request: ApprovalRequest, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, request.tenantId);
  }

  @FieldResolver(() => User, { description: "Who asked" })
  async requester(@Root() request: ApprovalRequest, @Ctx() ctx: RequestContext): Promise<User> {
    return (await userOrNull(ctx, request.requesterId)) as User;
  }

  @FieldResolver(() => [ApprovalStep], { description: "The whole chain, in order, with every decision" })
  async steps(@Root() request: ApprovalRequest, @Ctx() ctx: RequestContext): Promise<ApprovalStep[]> {
    return (await ctx.memberSession()).loaders.approvals.approvalStepsByRequestId.load(request.id);
  }

  @FieldResolver(() => ApprovalStep, { nullable: true, description: "The step to decide now; null once decided or withdrawn" })
  async currentStep(@Root() request: ApprovalRequest, @Ctx() ctx: RequestContext): Promise<ApprovalStep | null> {
    if (request.currentPosition === null) return null;
    const steps = await (await ctx.memberSession()).loaders.approvals.approvalStepsByRequestId.load(request.id);
    return steps.find((step) => step.position === request.currentPosition) ?? null;
  }

  @FieldResolver(() => Boolean, { description: "The current step is past its SLA" })
  async overdue(@Root() request: ApprovalRequest, @Ctx() ctx: RequestContext): Promise<boolean> {
    return (await this.currentStep(request, ctx))?.overdue ?? false;
  }
}

@Resolver(() => ApprovalStep)
export class ApprovalStepResolver {
  @FieldResolver(() => Tenant, { description: "The deciding tenant" })
  async tenant(@Root() step: ApprovalStep, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, step.decidingTenantId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who decided the step; null while undecided or when the SLA job escalated it" })
  async decidedBy(@Root() step: ApprovalStep, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, step.decidedBy);
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: "The delegator on whose behalf decidedBy decided the step (delegateApprovals); null when decidedBy decided on their own authority",
  })
  async onBehalfOf(@Root() step: ApprovalStep, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, step.onBehalfOfUserId);
  }
}
