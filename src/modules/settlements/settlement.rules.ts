import { allow, chain } from "graphql-shield";
import { actingRule, hasAuthority3, isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";
import { Department, Role } from "../../context/roles";
import { TenantKind } from "../../context/tenant-kind";

/** Seed 001: a national centre's finance department, or its president or deputy, draws up statements. */
const settlesForNationalCentre = actingRule(
  "settlesForNationalCentre",
  (acting) =>
    acting.tenantKind === TenantKind.NATIONAL_CENTRE &&
    ((acting.department === Department.FINANCE && acting.role !== Role.AUDITOR) || acting.role === Role.PRESIDENT || acting.role === Role.DEPUTY),
);

const writesStatements = chain(isMember, writesOwnTenant, settlesForNationalCentre);

export const settlementRules: RuleTree = {
  Query: { interCentreSettlements: isMember, interCentreSettlement: isMember },
  Mutation: {
    createInterCentreSettlement: writesStatements,
    addSettlementLineItem: writesStatements,
    submitInterCentreSettlement: writesStatements,
    // The counterparty's management (authority 3 or higher) acknowledges.
    acknowledgeInterCentreSettlement: chain(isMember, writesOwnTenant, hasAuthority3),
  },
  InterCentreSettlement: allow,
  InterCentreSettlementConnection: allow,
  InterCentreSettlementEdge: allow,
  SettlementLineItem: allow,
};
