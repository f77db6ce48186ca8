import { allow, chain } from "graphql-shield";
import { isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

/** Who decides which step, and who delegates to whom, is checked in the services; shield only keeps read-only members out. */
export const approvalRules: RuleTree = {
  Query: { approvalInbox: isMember, approvalRequests: isMember, approvalRequest: isMember, approvalDelegations: isMember },
  Subscription: { approvalInboxChanged: isMember },
  Mutation: {
    decideApproval: chain(isMember, writesOwnTenant),
    withdrawApproval: chain(isMember, writesOwnTenant),
    delegateApprovals: chain(isMember, writesOwnTenant),
    revokeApprovalDelegation: chain(isMember, writesOwnTenant),
  },
  ApprovalRequest: allow,
  ApprovalRequestConnection: allow,
  ApprovalRequestEdge: allow,
  ApprovalStep: allow,
  ApprovalDelegation: allow,
  ApprovalDelegationConnection: allow,
  ApprovalDelegationEdge: allow,
};
