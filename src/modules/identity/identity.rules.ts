import { allow } from "graphql-shield";
import { isMember } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

export const identityRules: RuleTree = {
  Query: { me: isMember },
  Mutation: { login: allow },
  AuthPayload: allow,
  Viewer: allow,
  User: allow,
  Membership: allow,
};
