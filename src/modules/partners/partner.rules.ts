import { allow, chain } from "graphql-shield";
import { actsFor, hasAuthority2, hasAuthority3, isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";
import { TenantKind } from "../../context/tenant-kind";

const actsForRegisteringCentre = actsFor("actsForNationalOrCityCentre", [TenantKind.NATIONAL_CENTRE, TenantKind.CITY_CENTRE]);
export const actsForPartner = actsFor("actsForPartner", [TenantKind.PARTNER]);
/** Whether the centre is the partner's own parent is checked on the row, in the service. */
const changesPartnerStatus = chain(isMember, writesOwnTenant, hasAuthority2);

export const partnerRules: RuleTree = {
  Query: { partners: isMember, partner: isMember },
  Mutation: {
    registerPartner: chain(isMember, writesOwnTenant, actsForRegisteringCentre, hasAuthority3),
    submitPartnerQualification: chain(isMember, writesOwnTenant, actsForPartner, hasAuthority3),
    suspendPartner: changesPartnerStatus,
    reinstatePartner: changesPartnerStatus,
    terminatePartner: changesPartnerStatus,
  },
  Partner: allow,
  PartnerConnection: allow,
  PartnerEdge: allow,
  PartnerQualification: allow,
};
