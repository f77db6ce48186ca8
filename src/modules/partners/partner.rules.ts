import { allow, chain } from "graphql-shield";
import { actingRule, isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";
import { TenantKind } from "../tenancy/tenant-kind";

/** The acting member holds authority level `level` or higher (1 highest; auditors hold none). Shield wants one rule per name. */
const hasAuthority = (level: number) =>
  actingRule(`hasAuthority${level}`, (acting) => acting.authorityLevel !== null && acting.authorityLevel <= level);
export const hasAuthority2 = hasAuthority(2);
export const hasAuthority3 = hasAuthority(3);

/** The acting tenant is one of `kinds`. */
export const actsFor = (name: string, kinds: readonly TenantKind[]) => actingRule(name, (acting) => kinds.includes(acting.tenantKind));

const actsForRegisteringCentre = actsFor("actsForNationalOrCityCentre", [TenantKind.NATIONAL_CENTRE, TenantKind.CITY_CENTRE]);
const actsForPartner = actsFor("actsForPartner", [TenantKind.PARTNER]);
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
