import type { GraphQLSchema } from "graphql";
import { allow, deny, shield } from "graphql-shield";
import { applyMiddleware } from "graphql-middleware";
import { approvalRules } from "../modules/approvals/approval.rules";
import { auditRules } from "../modules/audit/audit.rules";
import { grantRules } from "../modules/grants/grant.rules";
import { operationsRules } from "../modules/operations/operations.rules";
import { reportingRules } from "../modules/reporting/reporting.rules";
import { riskRules } from "../modules/risks/risk.rules";
import { caseRules } from "../modules/cases/case.rules";
import { crmRules } from "../modules/crm/crm.rules";
import { identityRules } from "../modules/identity/identity.rules";
import { tenancyRules } from "../modules/tenancy/tenancy.rules";
import { forbidden } from "../shared/errors";
import type { RuleTree, ShieldRule } from "./rule-tree";
import { affiliateRules } from "../modules/affiliates/affiliate.rules";
import { settlementRules } from "../modules/settlements/settlement.rules";
import { contractRules } from "../modules/contracts/contract.rules";
import { feeSettlementRules } from "../modules/fee-settlements/fee-settlement.rules";
import { complaintRules } from "../modules/complaints/complaint.rules";
import { partnerRules } from "../modules/partners/partner.rules";
import { assessmentRules } from "../modules/assessments/assessment.rules";
import { nodeRules } from "../modules/nodes/node.rules";

const MODULE_RULES: RuleTree[] = [
  identityRules,
  tenancyRules,
  crmRules,
  caseRules,
  auditRules,
  approvalRules,
  grantRules,
  reportingRules,
  riskRules,
  operationsRules,
  { PageInfo: allow },
  affiliateRules,
  settlementRules,
  contractRules,
  feeSettlementRules,
  complaintRules,
  partnerRules,
  assessmentRules,
  nodeRules,
];

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

export const permissionRules: RuleTree = mergeRuleTrees(MODULE_RULES);

/**
 * Wraps the schema in graphql-shield: deny what no rule opens. Fields whose rule is `allow`
 * are left unwrapped, because shield would otherwise add a promise to every field of every row
 * without refusing anything.
 */
export function applyPermissions(schema: GraphQLSchema): GraphQLSchema {
  const generated = shield(permissionRules, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => forbidden(),
  }).generate(schema) as Record<string, Record<string, unknown>>;

  for (const [typeName, fields] of Object.entries(generated)) {
    for (const fieldName of Object.keys(fields)) {
      if (ruleFor(typeName, fieldName) === allow) delete fields[fieldName];
    }
  }
  return applyMiddleware(schema, generated);
}

/** The rule shield applies to a field: its own, else its type's. */
export function ruleFor(typeName: string, fieldName: string): ShieldRule | undefined {
  const rules = permissionRules[typeName];
  if (rules === undefined || !isFieldMap(rules)) return rules;
  return rules[fieldName] ?? rules["*"];
}

function isFieldMap(rules: RuleTree[string]): rules is Record<string, ShieldRule> {
  return typeof rules === "object" && rules !== null && !("resolve" in rules);
}

