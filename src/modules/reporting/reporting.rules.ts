import { allow, chain } from "graphql-shield";
import { isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

/** Every member reads the report of exactly their visible subtree (auditors included). */
export const reportingRules: RuleTree = {
  Query: { networkReport: isMember, kpiStatus: isMember },
  Mutation: { setKpiTarget: chain(isMember, writesOwnTenant), clearKpiTarget: chain(isMember, writesOwnTenant) },
  KpiStatus: allow,
  KpiTarget: allow,
  NetworkReport: allow,
  NetworkReportRow: allow,
  StepCount: allow,
  TierCount: allow,
  GradeCount: allow,
  SettlementFigure: allow,
  ProjectFigures: allow,
  ProjectBudgetFigure: allow,
};
