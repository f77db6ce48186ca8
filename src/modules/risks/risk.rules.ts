import { allow, chain } from "graphql-shield";
import { isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

const writesOwnRegister = chain(isMember, writesOwnTenant);

/** Each tenant keeps its own register; parents read their subtree's through RLS, never write it. */
export const riskRules: RuleTree = {
  Query: { risks: isMember, riskWarnings: isMember, overdueRiskReviews: isMember },
  Mutation: {
    createRisk: writesOwnRegister,
    addRiskIndicator: writesOwnRegister,
    recordRiskIndicatorValue: writesOwnRegister,
    acknowledgeRiskWarning: writesOwnRegister,
    closeRiskWarning: writesOwnRegister,
    updateRisk: writesOwnRegister,
    reviewRisk: writesOwnRegister,
    closeRisk: writesOwnRegister,
  },
  Risk: allow,
  RiskConnection: allow,
  RiskEdge: allow,
  RiskIndicator: allow,
  RiskReview: allow,
  RiskWarning: allow,
  RiskWarningConnection: allow,
  RiskWarningEdge: allow,
};
