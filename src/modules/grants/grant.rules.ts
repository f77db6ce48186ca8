import { allow, chain } from "graphql-shield";
import { isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

export const grantRules: RuleTree = {
  Query: { grants: isMember, grant: isMember },
  Mutation: { requestGrant: chain(isMember, writesOwnTenant), revokeGrant: chain(isMember, writesOwnTenant) },
  Grant: allow,
  GrantConnection: allow,
  GrantEdge: allow,
};
