import { allow, chain } from "graphql-shield";
import { hasAuthority2, isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

/** Which tenants (and which of their fields) a member sees is decided by RLS and the resolvers. */
export const tenancyRules: RuleTree = {
  Query: { tenants: isMember, tenant: isMember },
  Mutation: { updateTenantSettings: chain(isMember, writesOwnTenant, hasAuthority2) },
  Tenant: allow,
  TenantConnection: allow,
  TenantEdge: allow,
};
