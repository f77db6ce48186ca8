import type { GraphQLSchema } from "graphql";
import { allow, chain, deny, shield } from "graphql-shield";
import { applyMiddleware } from "graphql-middleware";
import { forbidden } from "../shared/errors";
import { actsAsPerson } from "./common.rules";
import type { RuleTree, ShieldRule } from "./rule-tree";

/** Types of the core itself (pagination), open to whoever may read the list they belong to. */
const CORE_RULES: RuleTree = { PageInfo: allow };

/** Every module's rules in one tree; a type named by two modules is merged field by field. */
export function mergeRuleTrees(trees: RuleTree[]): RuleTree {
  const merged: RuleTree = {};
  for (const tree of trees) {
    for (const [typeName, rules] of Object.entries(tree)) {
      const existing = merged[typeName];
      if (existing === undefined) merged[typeName] = rules;
      else if (isFieldMap(existing) && isFieldMap(rules)) merged[typeName] = { ...existing, ...rules };
      else throw new Error(`Permission rules for ${typeName} are declared twice`);
    }
  }
  return merged;
}

/**
 * Mutations a person calls and an API key never does (issue 16): signing in and credentials, and
 * the administration of members, centres, keys and delegations. Each keeps its own rule, behind
 * `actsAsPerson`. A module adding such a mutation adds its name here; a name its module has not
 * (yet) given a rule is skipped, and stays denied by the fallback.
 */
export const PERSON_ONLY_MUTATIONS: readonly string[] = [
  "login",
  "acceptInvitation",
  "requestPasswordReset",
  "resetPassword",
  "changePassword",
  "signOutEverywhere",
  "inviteMember",
  "revokeInvitation",
  "updateMembership",
  "deactivateMembership",
  "transferResponsibilities",
  "openCentre",
  "createApiKey",
  "revokeApiKey",
  "delegateApprovals",
  "revokeApprovalDelegation",
  "markNotificationsRead",
  "setNotificationPreferences",
];

/** The core's rules and every module's, in one tree, the person-only mutations closed to API keys. */
export function permissionRulesOf(moduleRules: readonly RuleTree[]): RuleTree {
  const merged = mergeRuleTrees([CORE_RULES, ...moduleRules]);
  const mutations = merged.Mutation;
  if (mutations === undefined || !isFieldMap(mutations)) return merged;
  const closedToKeys = PERSON_ONLY_MUTATIONS.filter((field) => mutations[field] !== undefined).map((field) => [field, chain(actsAsPerson, mutations[field])]);
  return { ...merged, Mutation: { ...mutations, ...Object.fromEntries(closedToKeys) } };
}

/**
 * Wraps the schema in graphql-shield: deny what no rule opens. Fields whose rule is `allow`
 * are left unwrapped, because shield would otherwise add a promise to every field of every row
 * without refusing anything.
 */
export function applyPermissions(schema: GraphQLSchema, moduleRules: readonly RuleTree[]): GraphQLSchema {
  const permissionRules = permissionRulesOf(moduleRules);
  const generated = shield(permissionRules, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => forbidden(),
  }).generate(schema) as Record<string, Record<string, unknown>>;

  for (const [typeName, fields] of Object.entries(generated)) {
    for (const fieldName of Object.keys(fields)) {
      if (ruleFor(permissionRules, typeName, fieldName) === allow) delete fields[fieldName];
    }
  }
  return applyMiddleware(schema, generated);
}

/** The rule shield applies to a field: its own, else its type's. */
export function ruleFor(permissionRules: RuleTree, typeName: string, fieldName: string): ShieldRule | undefined {
  const rules = permissionRules[typeName];
  if (rules === undefined || !isFieldMap(rules)) return rules;
  return rules[fieldName] ?? rules["*"];
}

function isFieldMap(rules: RuleTree[string]): rules is Record<string, ShieldRule> {
  return typeof rules === "object" && rules !== null && !("resolve" in rules);
}

