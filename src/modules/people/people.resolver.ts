import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context/request-context";
import { Connection, PageArgs } from "../../shared/pagination";
import { AuthPayload } from "../identity/identity.types";
import { Membership } from "../identity/membership.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { tenantOf } from "../tenancy/tenant-refs";
import { Invitation } from "./invitation.entity";
import { acceptInvitation, inviteMember, listInvitations, revokeInvitation } from "./invitation.service";
import { deactivateMembership, listMembers, updateMembership } from "./membership-admin.service";
import { TransferSummary, transferResponsibilities } from "./hand-over.service";
import { InviteMemberInput, UpdateMembershipInput } from "./people.inputs";

export const MembershipConnection = Connection(Membership, "Membership");
export const InvitationConnection = Connection(Invitation, "Invitation");

const ADMINISTRATORS = "the tenant's president, a deputy or the head of MANAGEMENT";

@Resolver()
export class MembersResolver {
  @Query(() => MembershipConnection, { description: "Memberships of the tenants the caller may read (the own tenant, and the subtree where the role reads it); any member" })
  async members(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return new MembershipConnection(await listMembers(await ctx.memberSession(), args));
  }

  @Mutation(() => Membership, { description: `Changes a member's role and department; never the caller's own, never to or from an authority above the caller's, never the last president's; ${ADMINISTRATORS}` })
  async updateMembership(
    @Arg("id", () => ID, { description: "The membership's id" }) id: string,
    @Arg("input", { description: "The new role and department" }) input: UpdateMembershipInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Membership> {
    return updateMembership(await ctx.memberSession(), id, input);
  }

  @Mutation(() => Membership, { description: `Ends a membership: every token acting through it is refused from its next request; never the caller's own or the last president's; CONFLICT (with openWork counts) while the member holds open clients, cases or tasks; ${ADMINISTRATORS}` })
  async deactivateMembership(
    @Arg("id", () => ID, { description: "The membership's id" }) id: string,
    @Arg("reason", { description: "Why, at most 1000 characters; kept with the membership and audited" }) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Membership> {
    return deactivateMembership(await ctx.memberSession(), id, reason);
  }

  @Mutation(() => TransferSummary, {
    description: `Hands a member's open work (clients as consultant, service cases not archived, open tasks) to an active colleague of the acting tenant, in one audited transaction; closed records keep their history; ${ADMINISTRATORS}, never for someone above the caller's authority`,
  })
  async transferResponsibilities(
    @Arg("fromMembershipId", () => ID, { description: "The leaver's membership, in the acting tenant (active or already deactivated)" }) fromMembershipId: string,
    @Arg("toMembershipId", () => ID, { description: "The colleague's active membership, in the acting tenant" }) toMembershipId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<TransferSummary> {
    return transferResponsibilities(await ctx.memberSession(), fromMembershipId, toMembershipId);
  }
}

@Resolver(() => Invitation)
export class InvitationResolver {
  @Query(() => InvitationConnection, { description: `Invitations of the tenants the caller may read, oldest first; ${ADMINISTRATORS}` })
  async invitations(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return new InvitationConnection(await listInvitations(await ctx.memberSession(), args));
  }

  @Mutation(() => Invitation, { description: `Invites a person into the acting tenant with a role no higher than the caller's (AUDITOR only from a president) and e-mails them a single-use link; ${ADMINISTRATORS}` })
  async inviteMember(@Arg("input", { description: "The invitee and the role offered" }) input: InviteMemberInput, @Ctx() ctx: RequestContext): Promise<Invitation> {
    return inviteMember(await ctx.memberSession(), input, ctx.settings);
  }

  @Mutation(() => Invitation, { description: `Withdraws a pending invitation of the acting tenant: its link stops working; ${ADMINISTRATORS}` })
  async revokeInvitation(@Arg("id", () => ID, { description: "The invitation's id" }) id: string, @Ctx() ctx: RequestContext): Promise<Invitation> {
    return revokeInvitation(await ctx.memberSession(), id);
  }

  @Mutation(() => AuthPayload, { description: "Uses an invitation's token (from its e-mail) once: a new user with this password, or, when the e-mail already has an account, that account's own password; answers a bearer token; anyone may call it" })
  async acceptInvitation(
    @Arg("token", { description: "The token of the invitation link" }) token: string,
    @Arg("password", { description: "A new password (at least 12 characters, not a common one), or the existing account's password" }) password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthPayload> {
    return acceptInvitation(await ctx.anonymousSession(), { token, password }, ctx.jwtSecret);
  }

  @FieldResolver(() => Tenant, { description: "The tenant the invitation is into" })
  async tenant(@Root() invitation: Invitation, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, invitation.tenantId);
  }
}
