import { allow } from "graphql-shield";
import { isMember } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

/** Which tenants (and which of their fields) a member sees is decided by RLS and the resolvers. */
export const tenancyRules: RuleTree = {
  Query: { tenants: isMember, tenant: isMember },
  Tenant: allow,
  TenantConnection: allow,
  TenantEdge: allow,
};
