import type { GraphQLSchema } from "graphql";
import { allow, deny, shield } from "graphql-shield";
import { applyMiddleware } from "graphql-middleware";
import { forbidden } from "../shared/errors";
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

/** The core's rules and every module's, in one tree. */
export function permissionRulesOf(moduleRules: readonly RuleTree[]): RuleTree {
  return mergeRuleTrees([CORE_RULES, ...moduleRules]);
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

