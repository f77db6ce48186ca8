import { allow, chain } from "graphql-shield";
import { isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

/** Who decides which step is checked against the locked request; shield only keeps read-only members out. */
export const approvalRules: RuleTree = {
  Query: { approvalInbox: isMember, approvalRequests: isMember, approvalRequest: isMember },
  Subscription: { approvalInboxChanged: isMember },
  Mutation: { decideApproval: chain(isMember, writesOwnTenant), withdrawApproval: chain(isMember, writesOwnTenant) },
  ApprovalRequest: allow,
  ApprovalRequestConnection: allow,
  ApprovalRequestEdge: allow,
  ApprovalStep: allow,
};
