import { allow } from "graphql-shield";
import { isMember } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

/** Every member reads the report of exactly their visible subtree (auditors included). */
export const reportingRules: RuleTree = {
  Query: { networkReport: isMember },
  NetworkReport: allow,
  NetworkReportRow: allow,
  StepCount: allow,
  TierCount: allow,
};
