import { allow, chain } from "graphql-shield";
import { actingRule, isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";
import { administersApiKeys } from "./api-key-authority";

const administersTenantApiKeys = actingRule("administersApiKeys", administersApiKeys);

/** createApiKey and revokeApiKey are also in PERSON_ONLY_MUTATIONS (src/permissions/permissions.ts); the role concerned is checked in the service. */
export const apiKeyRules: RuleTree = {
  Query: { apiKeys: chain(isMember, administersTenantApiKeys) },
  Mutation: {
    createApiKey: chain(isMember, writesOwnTenant, administersTenantApiKeys),
    revokeApiKey: chain(isMember, writesOwnTenant, administersTenantApiKeys),
  },
  ApiKey: allow,
  CreatedApiKey: allow,
  ApiKeyConnection: allow,
  ApiKeyEdge: allow,
};
