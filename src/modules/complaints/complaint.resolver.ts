import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf } from "../tenancy/tenant-refs";
import { userOrNull } from "../identity/user-refs";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { Connection } from "../../shared/pagination";
import { User } from "../identity/user.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { Complaint, ComplaintEvent, ComplaintStatus } from "./complaint.entity";
import { ComplaintListArgs, OpenComplaintInput } from "./complaint.inputs";
import {
  addComplaintEvidence,
  advanceComplaint,
  assignComplaintHandler,
  recordComplaintFollowUp,
  reopenComplaint,
  listComplaints,
  openComplaint,
  rateComplaintHandling,
  resolveComplaint,
} from "./complaint.service";

export const ComplaintConnection = Connection(Complaint, "Complaint");

@Resolver(() => Complaint)
export class ComplaintResolver {
  @Query(() => ComplaintConnection, { description: "Complaints of the providers the caller may read, and those the acting centre handles; any member" })
  async complaints(@Args() args: ComplaintListArgs, @Ctx() ctx: RequestContext) {
    return new ComplaintConnection(await listComplaints(await ctx.memberSession(), args));
  }

  @Query(() => Complaint, { nullable: true, description: "One complaint the caller may read; null when missing or not visible; any member" })
  async complaint(@Arg("id", () => ID, { description: "The complaint's id" }) id: string, @Ctx() ctx: RequestContext): Promise<Complaint | null> {
    return (await ctx.memberSession()).loaders.complaints.complaintById.load(parseIdOrThrow(id));
  }

  @Mutation(() => Complaint, { description: "A provider complains about its centre, or a centre about one of its direct child providers; members of the provider or of its direct parent centre, not auditors" })
  async openComplaint(@Arg("input", { description: "The provider (for a centre), subject and description" }) input: OpenComplaintInput, @Ctx() ctx: RequestContext): Promise<Complaint> {
    return openComplaint(await ctx.memberSession(), input);
  }

  @Mutation(() => ComplaintEvent, { description: "Either side adds evidence until the complaint is resolved; members of the provider or of its direct parent centre, not auditors" })
  async addComplaintEvidence(
    @Arg("id", () => ID, { description: "The complaint's id" }) id: string,
    @Arg("note", { description: "The evidence; not blank" }) note: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ComplaintEvent> {
    return addComplaintEvidence(await ctx.memberSession(), id, note);
  }

  @Mutation(() => Complaint, { description: "Moves it: OPEN → INVESTIGATING → NEGOTIATION → MEDIATION | ARBITRATION (a failed mediation may go to arbitration) → LITIGATION (after arbitration); members of the provider's direct parent centre, not auditors" })
  async advanceComplaint(
    @Arg("id", () => ID, { description: "The complaint's id" }) id: string,
    @Arg("to", () => ComplaintStatus, { description: "The next status; RESOLVED goes through resolveComplaint" }) to: ComplaintStatus,
    @Arg("note", { description: "Why it moves; not blank" }) note: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Complaint> {
    return advanceComplaint(await ctx.memberSession(), id, to, note);
  }

  @Mutation(() => Complaint, { description: "Records the resolution reached in negotiation, mediation or arbitration; members of the provider's direct parent centre, not auditors" })
  async resolveComplaint(
    @Arg("id", () => ID, { description: "The complaint's id" }) id: string,
    @Arg("resolution", { description: "The resolution reached; not blank" }) resolution: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Complaint> {
    return resolveComplaint(await ctx.memberSession(), id, resolution);
  }

  @Mutation(() => Complaint, { description: "Names the member of the centre who handles the dispute; members of the provider's direct parent centre, not auditors" })
  async assignComplaintHandler(
    @Arg("id", () => ID, { description: "The complaint's id" }) id: string,
    @Arg("handlerId", () => ID, { description: "The handler (a user id): a working member of the centre" }) handlerId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Complaint> {
    return assignComplaintHandler(await ctx.memberSession(), id, handlerId);
  }

  @Mutation(() => ComplaintEvent, { description: "Records a follow-up of a RESOLVED complaint: whether the resolution is carried out (跟踪落实); members of the provider's direct parent centre, not auditors" })
  async recordComplaintFollowUp(
    @Arg("id", () => ID, { description: "The complaint's id" }) id: string,
    @Arg("note", { description: "What the follow-up found; not blank" }) note: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ComplaintEvent> {
    return recordComplaintFollowUp(await ctx.memberSession(), id, note);
  }

  @Mutation(() => Complaint, {
    description: "RESOLVED → NEGOTIATION within DISPUTE_REOPEN_DAYS of the resolution (CONFLICT after); clears the resolution and the rating; members of either side, not auditors",
  })
  async reopenComplaint(
    @Arg("id", () => ID, { description: "The complaint's id" }) id: string,
    @Arg("reason", { description: "Why the result is not accepted; not blank" }) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Complaint> {
    return reopenComplaint(await ctx.memberSession(), id, reason, ctx.settings.disputeReopenDays);
  }

  @Mutation(() => Complaint, { description: "Rates the handling (0–100) once after resolution; members of the side that raised it, not auditors" })
  async rateComplaintHandling(
    @Arg("id", () => ID, { description: "The complaint's id" }) id: string,
    @Arg("satisfaction", () => Int, { description: "A whole number from 0 to 100; 80 or more counts as satisfied" }) satisfaction: number,
    @Ctx() ctx: RequestContext,
  ): Promise<Complaint> {
    return rateComplaintHandling(await ctx.memberSession(), id, satisfaction);
  }

  @FieldResolver(() => Tenant, { description: "The partner or affiliated company" })
  async provider(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, complaint.tenantId);
  }

  @FieldResolver(() => Tenant, { description: "The provider's direct parent, which handles the complaint" })
  async centre(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, complaint.parentTenantId);
  }

  @FieldResolver(() => Tenant, { description: "The side that raised it: the provider or the centre" })
  async raisedByTenant(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, complaint.raisedByTenantId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who raised it" })
  async raisedBy(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, complaint.raisedBy);
  }

  @FieldResolver(() => User, { nullable: true, description: "The centre's member handling it; null until assigned or where the caller cannot read the centre's members" })
  async handler(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<User | null> {
    return complaint.handlerId ? userOrNull(ctx, complaint.handlerId) : null;
  }

  @FieldResolver(() => Date, { nullable: true, description: "Until when a RESOLVED complaint may be reopened; null while it is not resolved" })
  reopenableUntil(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Date | null {
    return complaint.resolvedAt ? new Date(complaint.resolvedAt.getTime() + ctx.settings.disputeReopenDays * 86_400_000) : null;
  }

  @FieldResolver(() => [ComplaintEvent], { description: "Evidence, moves and follow-ups, oldest first" })
  async events(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<ComplaintEvent[]> {
    return (await ctx.memberSession()).loaders.complaints.complaintEventsByComplaintId.load(complaint.id);
  }
}

@Resolver(() => ComplaintEvent)
export class ComplaintEventResolver {
  @FieldResolver(() => Tenant, { description: "The side that recorded it" })
  async byTenant(@Root() event: ComplaintEvent, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, event.byTenantId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who recorded it" })
  async createdBy(@Root() event: ComplaintEvent, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, event.createdBy);
  }
}
