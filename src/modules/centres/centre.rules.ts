import { chain } from "graphql-shield";
import { actingRule, isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";
import { proposesCentres } from "./centre-opening.service";

/** openCentre is also in PERSON_ONLY_MUTATIONS (src/permissions/permissions.ts); the kind opened is checked in the service. */
export const centreRules: RuleTree = {
  Mutation: { openCentre: chain(isMember, writesOwnTenant, actingRule("proposesCentres", proposesCentres)) },
};
