import { allow, chain } from "graphql-shield";
import { actsFor, hasAuthority3, isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";
import { TenantKind } from "../../context/tenant-kind";

/** Seed 000: the company's own management (authority 3 or higher) submits its standards and reports. */
const actsForAffiliatedCompany = actsFor("actsForAffiliatedCompany", [TenantKind.AFFILIATED_COMPANY]);
const submitsForCompany = chain(isMember, writesOwnTenant, actsForAffiliatedCompany, hasAuthority3);

export const affiliateRules: RuleTree = {
  Query: { serviceStandards: isMember, serviceStandard: isMember, businessReports: isMember, businessReport: isMember },
  Mutation: { submitServiceStandard: submitsForCompany, submitBusinessReport: submitsForCompany },
  ServiceStandard: allow,
  ServiceStandardConnection: allow,
  ServiceStandardEdge: allow,
  BusinessReport: allow,
  BusinessReportConnection: allow,
  BusinessReportEdge: allow,
};
