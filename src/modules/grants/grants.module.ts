import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { grantNodes } from "./grant.nodes";
import { createGrantLoaders } from "./grant.loaders";
import { grantRules } from "./grant.rules";
import { GrantResolver } from "./grant.resolver";
import { Grant } from "./grant.entity";
import { GRANT_APPROVAL_POLICY } from "./grant.policy";

/** Graded authorisation grants of seed 002 and their numbered notices. */
export const grantsModule: ModuleDescriptor = {
  name: "grants",
  entities: [Grant],
  resolvers: [GrantResolver],
  rules: grantRules,
  loaders: { grants: createGrantLoaders },
  approvalPolicies: [GRANT_APPROVAL_POLICY],
  nodeTypes: grantNodes,
};
