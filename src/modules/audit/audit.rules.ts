import { allow } from "graphql-shield";
import { actingRule } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";
import { Role } from "../identity/roles";

/** Management and auditors read the trail; daily staff and consultants do not. */
const READS_AUDIT: ReadonlySet<Role> = new Set([Role.PRESIDENT, Role.DEPUTY, Role.DEPARTMENT_HEAD, Role.AUDITOR]);

export const readsAuditTrail = actingRule("readsAuditTrail", (acting) => READS_AUDIT.has(acting.role));

export const auditRules: RuleTree = {
  Query: { auditLog: readsAuditTrail, verifyAuditChain: readsAuditTrail },
  AuditEntry: allow,
  AuditEntryConnection: allow,
  AuditEntryEdge: allow,
  AuditChainReport: allow,
};
