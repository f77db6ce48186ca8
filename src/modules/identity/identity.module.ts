import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { identityNodes } from "./identity.nodes";
import { createIdentityLoaders } from "./identity.loaders";
import { identityRules } from "./identity.rules";
import { IdentityResolver, MembershipResolver, ViewerResolver } from "./identity.resolver";
import { User } from "./user.entity";
import { Membership } from "./membership.entity";
import "./roles";

/** Users, their memberships and the acting member: login, me. */
export const identityModule: ModuleDescriptor = {
  name: "identity",
  entities: [User, Membership],
  resolvers: [IdentityResolver, MembershipResolver, ViewerResolver],
  rules: identityRules,
  loaders: { identity: createIdentityLoaders },
  nodeTypes: identityNodes,
};
