import { allow, chain } from "graphql-shield";
import { actsFor, hasAuthority2, hasAuthority3, isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";
import { TenantKind } from "../../context/tenant-kind";

const actsForCentre = actsFor("actsForCentre", [TenantKind.HEAD_OFFICE, TenantKind.NATIONAL_CENTRE, TenantKind.CITY_CENTRE]);

export const assessmentRules: RuleTree = {
  Query: { assessmentScheme: isMember, assessments: isMember },
  Mutation: {
    setAssessmentScheme: chain(isMember, writesOwnTenant, actsForCentre, hasAuthority2),
    /** Whether the provider is the acting centre's own child is checked on the row, in the service. */
    recordAssessment: chain(isMember, writesOwnTenant, hasAuthority3),
  },
  AssessmentScheme: allow,
  ProviderAssessment: allow,
  ProviderAssessmentConnection: allow,
  ProviderAssessmentEdge: allow,
};
