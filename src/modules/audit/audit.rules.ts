import { allow } from "graphql-shield";
import { isMember } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

/** Every member reads the trail of exactly their visible tenants (a parent: its subtree's). */
export const auditRules: RuleTree = {
  Query: { auditLog: isMember, verifyAuditChain: isMember },
  AuditEntry: allow,
  AuditEntryConnection: allow,
  AuditEntryEdge: allow,
  AuditChainReport: allow,
};
