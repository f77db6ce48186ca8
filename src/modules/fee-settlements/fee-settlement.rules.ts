import { allow, chain } from "graphql-shield";
import { isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

export const feeSettlementRules: RuleTree = {
  Query: { feeSettlements: isMember, feeSettlement: isMember },
  Mutation: {
    applyForFeeSettlement: chain(isMember, writesOwnTenant),
    recordFeeSettlementPayment: chain(isMember, writesOwnTenant),
  },
  FeeSettlement: allow,
  FeeSettlementConnection: allow,
  FeeSettlementEdge: allow,
};
