import { allow, chain } from "graphql-shield";
import { actingRule, isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";
import { administersMembers } from "./member-authority";

const administersTenantMembers = actingRule("administersMembers", administersMembers);
/** The authority over the role concerned, and the row's tenant, are checked in the services. */
const changesMembers = chain(isMember, writesOwnTenant, administersTenantMembers);

export const peopleRules: RuleTree = {
  Query: { members: isMember, invitations: chain(isMember, administersTenantMembers) },
  Mutation: {
    inviteMember: changesMembers,
    revokeInvitation: changesMembers,
    updateMembership: changesMembers,
    deactivateMembership: changesMembers,
    transferResponsibilities: changesMembers,
    acceptInvitation: allow,
    changePassword: isMember,
    signOutEverywhere: isMember,
    requestPasswordReset: allow,
    resetPassword: allow,
  },
  Invitation: allow,
  InvitationConnection: allow,
  InvitationEdge: allow,
  MembershipConnection: allow,
  MembershipEdge: allow,
  TransferSummary: allow,
};
